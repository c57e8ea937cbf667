import CALSA
import CALSAQuiet

/// Sample formats kalm asks ALSA for, in order of preference.
public enum CaptureFormat: String, Sendable, CaseIterable {
    case s16 = "S16_LE", s32 = "S32_LE", float = "FLOAT_LE"

    var alsa: snd_pcm_format_t {
        switch self {
        case .s16: return SND_PCM_FORMAT_S16_LE
        case .s32: return SND_PCM_FORMAT_S32_LE
        case .float: return SND_PCM_FORMAT_FLOAT_LE
        }
    }
}

/// One ALSA capture PCM (any name: `hw:1,0`, `plughw:1`, `default`, one from ~/.asoundrc),
/// opened blocking with a period of about 10 ms, read as interleaved float samples.
///
/// Formats are negotiated: S16_LE first, then S32_LE, then FLOAT_LE, unless one is forced.
/// Overruns (xruns) and suspends are recovered and counted. Errors carry the device name
/// and ALSA's own reason.
public final class ALSACaptureDevice {
    /// The PCM name.
    public let name: String
    /// Negotiated rate, channels, format and period (frames).
    public let sampleRate: Int, channelCount: Int, format: CaptureFormat, periodFrames: Int
    /// Overruns recovered so far.
    public private(set) var overruns = 0
    private let pcm: OpaquePointer
    private let raw: UnsafeMutableRawPointer

    /// Opens and configures `name` for capture.
    /// - Parameters:
    ///   - rate: frames per second wanted (the device may refuse).
    ///   - channels: channels wanted (2 for agent + customer, 1 for one party).
    ///   - format: a forced format, or nil to negotiate.
    public init(name: String, rate: Int, channels: Int, format forced: CaptureFormat? = nil) throws {
        self.name = name
        kalm_alsa_quiet()
        var handle: OpaquePointer?
        try Self.checkOpen(snd_pcm_open(&handle, name, SND_PCM_STREAM_CAPTURE, 0), name)
        guard let handle else { throw KalmIOError.deviceFailed(device: name, reason: "no handle") }
        pcm = handle
        var params: OpaquePointer?
        snd_pcm_hw_params_malloc(&params)
        defer { snd_pcm_hw_params_free(params) }
        do {
            try Self.check(snd_pcm_hw_params_any(handle, params), name, "hardware parameters")
            try Self.check(snd_pcm_hw_params_set_access(handle, params, SND_PCM_ACCESS_RW_INTERLEAVED), name, "interleaved access")
            var chosen: CaptureFormat?
            for f in forced.map({ [$0] }) ?? CaptureFormat.allCases where snd_pcm_hw_params_test_format(handle, params, f.alsa) == 0 {
                chosen = f
                break
            }
            guard let chosen else {
                throw KalmIOError.deviceFailed(
                    device: name, reason: "format \(forced?.rawValue ?? "S16_LE/S32_LE/FLOAT_LE") not supported")
            }
            try Self.check(snd_pcm_hw_params_set_format(handle, params, chosen.alsa), name, "format \(chosen.rawValue)")
            if snd_pcm_hw_params_test_channels(handle, params, UInt32(channels)) != 0 {
                var least: UInt32 = 0, most: UInt32 = 0
                snd_pcm_hw_params_get_channels_min(params, &least)
                snd_pcm_hw_params_get_channels_max(params, &most)
                throw KalmIOError.deviceChannels(device: name, has: Int(least)...Int(max(least, most)), needs: channels)
            }
            try Self.check(snd_pcm_hw_params_set_channels(handle, params, UInt32(channels)), name, "\(channels) channels")
            var actualRate = UInt32(rate)
            try Self.check(snd_pcm_hw_params_set_rate_near(handle, params, &actualRate, nil), name, "rate \(rate)")
            guard Int(actualRate) == rate else {
                throw KalmIOError.deviceRate(device: name, rate: rate, nearest: Int(actualRate))
            }
            var period = snd_pcm_uframes_t(rate / 100)
            try Self.check(snd_pcm_hw_params_set_period_size_near(handle, params, &period, nil), name, "period")
            var bufferSize = period * 8
            try Self.check(snd_pcm_hw_params_set_buffer_size_near(handle, params, &bufferSize), name, "buffer")
            try Self.check(snd_pcm_hw_params(handle, params), name, "configure")
            try Self.check(snd_pcm_prepare(handle), name, "prepare")
            sampleRate = rate
            channelCount = channels
            format = chosen
            periodFrames = Int(period)
        } catch {
            snd_pcm_close(handle)
            throw error
        }
        raw = .allocate(byteCount: periodFrames * channels * 4, alignment: 16)
    }

    deinit {
        snd_pcm_close(pcm)
        raw.deallocate()
    }

    /// Blocks until one period arrives and converts it to floats in `out`
    /// (`periodFrames * channelCount` samples). Recovers overruns.
    /// - Returns: frames read.
    public func readPeriod(into out: UnsafeMutablePointer<Float>) throws -> Int {
        var n = snd_pcm_readi(pcm, raw, snd_pcm_uframes_t(periodFrames))
        if n < 0 {
            if n == -Int(EPIPE) { overruns += 1 }
            let recovered = snd_pcm_recover(pcm, Int32(n), 1)
            if recovered < 0 {
                throw KalmIOError.deviceFailed(device: name, reason: String(cString: snd_strerror(recovered)))
            }
            n = 0
        }
        let samples = Int(n) * channelCount
        switch format {
        case .s16:
            let p = raw.assumingMemoryBound(to: Int16.self)
            for i in 0..<samples { out[i] = Float(Int16(littleEndian: p[i])) / 32768 }
        case .s32:
            let p = raw.assumingMemoryBound(to: Int32.self)
            for i in 0..<samples { out[i] = Float(Int32(littleEndian: p[i])) / 2_147_483_648 }
        case .float:
            let p = raw.assumingMemoryBound(to: Float.self)
            for i in 0..<samples { out[i] = p[i] }
        }
        return Int(n)
    }

    /// Names the common reasons a device does not open; others as ALSA says them.
    private static func checkOpen(_ result: Int32, _ name: String) throws {
        switch -result {
        case ENOENT, ENODEV: throw KalmIOError.noSuchDevice(device: name)
        case EBUSY: throw KalmIOError.deviceBusy(device: name)
        case EACCES, EPERM: throw KalmIOError.deviceForbidden(device: name)
        default: try check(result, name, "open")
        }
    }

    private static func check(_ result: Int32, _ name: String, _ what: String) throws {
        if result < 0 {
            throw KalmIOError.deviceFailed(device: name, reason: "\(what): \(String(cString: snd_strerror(result)))")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
