import Foundation

/// ALSA capture devices for tests without hardware: each plays raw S16_LE bytes through
/// ALSA's `file` plugin (tools/alsa/file-capture.asoundrc), defined in `home`/.asoundrc.
enum FileCaptureDevices {
    /// Writes `devices` (name -> raw bytes) and an .asoundrc defining one device per name.
    static func write(_ devices: [(name: String, raw: [UInt8])], home: String) throws {
        let template = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../tools/alsa/file-capture.asoundrc").standardized, encoding: .utf8)
        var config = ""
        for device in devices {
            try Data(device.raw).write(to: URL(fileURLWithPath: "\(home)/\(device.name).raw"))
            config += template.replacingOccurrences(of: "@INFILE@", with: "\(home)/\(device.name).raw")
                .replacingOccurrences(of: "pcm.kalmfile", with: "pcm.\(device.name)") + "\n"
        }
        try config.write(toFile: home + "/.asoundrc", atomically: true, encoding: .utf8)
    }
}
