import CSndfile
import Foundation
import KalmDSP

/// An audio file read through libsndfile as interleaved 32-bit float, block by block.
///
/// Any format libsndfile knows works: WAV (PCM 16/24/32, float, mu-law, A-law, GSM 6.10,
/// IMA and MS ADPCM), FLAC, AIFF, Wave64, Ogg, MP3, and more. Memory stays flat whatever the
/// file length. Reading checks every sample: a NaN or infinity is an error naming the file
/// and the time, as is data that ends before the header says (except in MP3, whose length
/// is only an estimate: ``frameCountIsEstimate``).
public final class AudioFileSource {
    /// The file's path.
    public let path: String
    /// Samples per second per channel.
    public let sampleRate: Int
    /// Channels per frame.
    public let channelCount: Int
    /// Frames the file holds (libsndfile's count, which stops at the end of the file).
    public let frameCount: Int64
    /// Frames the header announces, when it announces more than the file holds; else `nil`.
    public let promisedFrameCount: Int64?
    /// Whether ``frameCount`` is libsndfile's estimate rather than a count: for an MP3 without
    /// a Xing or Info frame (sox's, many recorders') it is reckoned from the file size and
    /// can exceed the frames the stream holds, so reading fewer is not truncation.
    public let frameCountIsEstimate: Bool
    private let file: OpaquePointer
    private var framesRead: Int64 = 0
    /// For 16-bit PCM, mu-law and A-law: a block of raw samples, read as integers and scaled
    /// here (exactly libsndfile's 1/32768, in vectors; its own conversion, one sample at a
    /// time, took 6 % of the analysis's instructions). `nil` for every other format.
    private let integers: UnsafeMutablePointer<Int16>?
    private static let integerBlockFrames = 2048

    /// Opens `path` and validates its header.
    public init(path: String) throws {
        self.path = path
        guard Syscalls.exists(path) else { throw KalmIOError.fileNotFound(path: path) }
        guard !Syscalls.isDirectory(path) else { throw KalmIOError.isDirectory(path: path) }
        guard !Syscalls.isSpecialFile(path) else { throw KalmIOError.notAFile(path: path) }
        var info = SF_INFO()
        guard let handle = sf_open(path, Int32(SFM_READ), &info) else {
            throw KalmIOError.unreadableAudio(path: path, reason: String(cString: sf_strerror(nil)))
        }
        file = handle
        sampleRate = Int(info.samplerate)
        channelCount = Int(info.channels)
        frameCount = Int64(info.frames)
        promisedFrameCount = Self.promisedFrames(handle, held: frameCount)
        frameCountIsEstimate = info.format & Int32(SF_FORMAT_TYPEMASK) == Int32(SF_FORMAT_MPEG)
        guard channelCount >= 1, channelCount <= 64 else {
            sf_close(handle)
            throw KalmIOError.unreadableAudio(path: path, reason: "header claims \(channelCount) channels")
        }
        guard (8000...192_000).contains(sampleRate) else {
            sf_close(handle)
            throw KalmIOError.unsupportedSampleRate(path: path, rate: sampleRate)
        }
        guard frameCount > 0 else {
            sf_close(handle)
            throw KalmIOError.emptyAudio(path: path)
        }
        let encoding = info.format & Int32(SF_FORMAT_SUBMASK)
        let sixteenBit = [SF_FORMAT_PCM_16, SF_FORMAT_ULAW, SF_FORMAT_ALAW].map { Int32($0) }.contains(encoding)
        integers = sixteenBit ? .allocate(capacity: Self.integerBlockFrames * channelCount) : nil
    }

    deinit {
        sf_close(file)
        integers?.deallocate()
    }

    /// Reads up to `maxFrames` interleaved frames into `buffer`.
    /// - Returns: frames read; 0 at the end of the data.
    public func read(into buffer: UnsafeMutablePointer<Float>, maxFrames: Int) throws -> Int {
        let n = integers.map { readIntegers(into: buffer, maxFrames: maxFrames, block: $0) }
            ?? Int(sf_readf_float(file, buffer, sf_count_t(maxFrames)))
        if n == 0 {
            if sf_error(file) != 0 {
                throw KalmIOError.readFailed(path: path, reason: String(cString: sf_strerror(file)))
            }
            if promisedFrameCount != nil || (framesRead < frameCount && !frameCountIsEstimate) {
                throw KalmIOError.truncated(
                    path: path, expectedFrames: max(promisedFrameCount ?? 0, frameCount), readFrames: framesRead)
            }
            return 0
        }
        if integers == nil, let i = VectorMath.firstNonFinite(buffer, count: n * channelCount) {
            let frame = framesRead + Int64(i / channelCount)
            throw KalmIOError.nonFiniteSample(path: path, seconds: Double(frame) / Double(sampleRate))
        }
        framesRead += Int64(n)
        return n
    }

    /// Reads up to `maxFrames` frames as 16-bit integers, block by block, into `buffer` as
    /// floats scaled by 1/32768; returns the frames read.
    private func readIntegers(into buffer: UnsafeMutablePointer<Float>, maxFrames: Int,
                              block: UnsafeMutablePointer<Int16>) -> Int {
        let scale: Float = 1.0 / 32768
        var done = 0
        while done < maxFrames {
            let want = min(maxFrames - done, Self.integerBlockFrames)
            let n = Int(sf_readf_short(file, block, sf_count_t(want)))
            let out = buffer + done * channelCount
            for i in 0..<(n * channelCount) { out[i] = Float(block[i]) * scale }
            done += n
            if n < want { break }
        }
        return done
    }

    /// libsndfile opens a file whose data chunk runs past the end of the file, counts only the
    /// frames present and notes it in its log (`data : 64000 (should be 32000)`, in AIFF
    /// `SSND : ...`; Wave64 notes only its `riff` chunk); kalm treats that as a truncated
    /// file. Returns the frames the header announces (`held` scaled by the announced over the
    /// present data bytes, or container bytes), or `nil` for a whole file. (The log's bare
    /// warning that a data chunk "seems to be truncated" is not enough: libsndfile gives it
    /// for every GSM 6.10 WAV whose data has an odd length, its last byte padding.)
    private static func promisedFrames(_ handle: OpaquePointer, held: Int64) -> Int64? {
        var log = [CChar](repeating: 0, count: 4096)
        let length = sf_command(handle, Int32(SFC_GET_LOG_INFO), &log, Int32(log.count))
        guard length > 0 else { return nil }
        let text = String(decoding: log.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var container: (announced: Int64, present: Int64)?
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let sizes = announcedAndPresent(trimmed), sizes.present > 0 else { continue }
            if trimmed.hasPrefix("data") || trimmed.hasPrefix("SSND") {
                return Int64((Double(held) * Double(sizes.announced) / Double(sizes.present)).rounded())
            }
            if trimmed.lowercased().hasPrefix("riff") || trimmed.hasPrefix("FORM"), sizes.announced > sizes.present {
                container = sizes
            }
        }
        return container.map { Int64((Double(held) * Double($0.announced) / Double($0.present)).rounded()) }
    }

    /// The two byte counts of a log line `data : 64000 (should be 32000)`.
    private static func announcedAndPresent(_ line: String) -> (announced: Int64, present: Int64)? {
        guard let open = line.range(of: "(should be") else { return nil }
        let before = line[..<open.lowerBound].split(separator: ":").last?.trimmingCharacters(in: .whitespaces)
        let after = line[open.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " )"))
        guard let announced = before.flatMap({ Int64($0) }), let present = Int64(after) else { return nil }
        return (announced, present)
    }
}
