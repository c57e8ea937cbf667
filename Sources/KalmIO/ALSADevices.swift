import CALSA
import CALSAQuiet

/// Enumerates ALSA capture devices: every sound card's PCM devices (`hw:C,D`), with the
/// channel and rate ranges the hardware reports, and the capture PCMs named in ALSA's
/// configuration.
public enum ALSADevices {
    /// A capture device.
    public struct Device: Sendable {
        public let name: String
        public let description: String
        public let channels: ClosedRange<Int>
        public let rates: ClosedRange<Int>
    }

    /// The capture devices present now.
    public static func capture() -> [Device] {
        kalm_alsa_quiet()
        var out: [Device] = []
        var card: Int32 = -1
        while snd_card_next(&card) == 0, card >= 0 {
            var ctl: OpaquePointer?
            guard snd_ctl_open(&ctl, "hw:\(card)", 0) == 0, let ctl else { continue }
            defer { snd_ctl_close(ctl) }
            var cardName: UnsafeMutablePointer<CChar>?
            snd_card_get_name(card, &cardName)
            let cardText = cardName.map { String(cString: $0) } ?? "card \(card)"
            free(cardName)
            var dev: Int32 = -1
            while snd_ctl_pcm_next_device(ctl, &dev) == 0, dev >= 0 {
                let name = "hw:\(card),\(dev)"
                if let ranges = ranges(of: name) {
                    out.append(Device(name: name, description: cardText, channels: ranges.0, rates: ranges.1))
                }
            }
        }
        return out
    }

    /// A PCM defined by name in ALSA's configuration (`~/.asoundrc`, `/etc/asound.conf`, a
    /// sound server's plugin), such as `default`, `pulse` or a `dsnoop` of two headsets.
    public struct ConfiguredDevice: Sendable {
        public let name: String
        public let description: String
        /// Channel and rate ranges, when the PCM could be opened for capture now.
        public let channels: ClosedRange<Int>?
        public let rates: ClosedRange<Int>?
    }

    /// The named capture PCMs in ALSA's configuration (those `arecord -L` lists, without the
    /// per-card variants such as `sysdefault:CARD=...`, which `capture()` covers, and without
    /// `null`).
    public static func configured() -> [ConfiguredDevice] {
        kalm_alsa_quiet()
        var hints: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        guard snd_device_name_hint(-1, "pcm", &hints) == 0, let hints else { return [] }
        defer { snd_device_name_free_hint(hints) }
        func hint(_ entry: UnsafeMutableRawPointer, _ key: String) -> String? {
            guard let value = snd_device_name_get_hint(entry, key) else { return nil }
            defer { free(value) }
            return String(cString: value)
        }
        var out: [ConfiguredDevice] = []
        var entry = hints
        while let current = entry.pointee {
            entry += 1
            guard let name = hint(current, "NAME"), name != "null", !name.contains(":"),
                  hint(current, "IOID").map({ $0 == "Input" }) ?? true else { continue }
            let description = (hint(current, "DESC") ?? "").split(separator: "\n").joined(separator: ", ")
            let found = ranges(of: name)
            out.append(ConfiguredDevice(name: name, description: description, channels: found?.0, rates: found?.1))
        }
        return out
    }

    private static func ranges(of name: String) -> (ClosedRange<Int>, ClosedRange<Int>)? {
        var pcm: OpaquePointer?
        guard snd_pcm_open(&pcm, name, SND_PCM_STREAM_CAPTURE, Int32(SND_PCM_NONBLOCK)) == 0, let pcm else { return nil }
        defer { snd_pcm_close(pcm) }
        var params: OpaquePointer?
        snd_pcm_hw_params_malloc(&params)
        defer { snd_pcm_hw_params_free(params) }
        guard snd_pcm_hw_params_any(pcm, params) >= 0 else { return nil }
        var cmin: UInt32 = 0, cmax: UInt32 = 0, rmin: UInt32 = 0, rmax: UInt32 = 0
        snd_pcm_hw_params_get_channels_min(params, &cmin)
        snd_pcm_hw_params_get_channels_max(params, &cmax)
        snd_pcm_hw_params_get_rate_min(params, &rmin, nil)
        snd_pcm_hw_params_get_rate_max(params, &rmax, nil)
        return (Int(cmin)...Int(max(cmin, cmax)), Int(rmin)...Int(max(rmin, rmax)))
    }
}

#if canImport(Glibc)
import Glibc
#endif
