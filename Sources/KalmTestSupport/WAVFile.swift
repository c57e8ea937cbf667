import Foundation

/// Writes minimal RIFF/WAVE files for tests (PCM 16-bit or IEEE float 32-bit), including
/// deliberately broken ones.
public enum WAVFile {
    /// Sample encodings the writer supports.
    public enum Encoding { case pcm16, float32 }

    /// The bytes of a WAV file holding interleaved `samples`.
    /// - Parameter claimedDataBytes: the data-chunk size to write in the header (to make a
    ///   truncated file); defaults to the real size.
    public static func bytes(
        _ samples: [Float], rate: Int, channels: Int, encoding: Encoding = .pcm16, claimedDataBytes: Int? = nil
    ) -> [UInt8] {
        let bytesPerSample = encoding == .pcm16 ? 2 : 4
        var data: [UInt8] = []
        data.reserveCapacity(samples.count * bytesPerSample)
        for s in samples {
            switch encoding {
            case .pcm16:
                let v = Int16(max(-32768, min(32767, (s.isFinite ? s : 0) * 32767)))
                withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
            case .float32:
                withUnsafeBytes(of: s.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            }
        }
        var out: [UInt8] = []
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian) { out.append(contentsOf: $0) } }
        func u16(_ v: Int) { withUnsafeBytes(of: UInt16(truncatingIfNeeded: v).littleEndian) { out.append(contentsOf: $0) } }
        let claimed = claimedDataBytes ?? data.count
        out += Array("RIFF".utf8)
        u32(36 + claimed)
        out += Array("WAVEfmt ".utf8)
        u32(16)
        u16(encoding == .pcm16 ? 1 : 3)
        u16(channels)
        u32(rate)
        u32(rate * channels * bytesPerSample)
        u16(channels * bytesPerSample)
        u16(bytesPerSample * 8)
        out += Array("data".utf8)
        u32(claimed)
        return out + data
    }

    /// Writes a WAV file and returns its path.
    @discardableResult
    public static func write(
        _ samples: [Float], rate: Int, channels: Int, to path: String, encoding: Encoding = .pcm16
    ) throws -> String {
        try Data(bytes(samples, rate: rate, channels: channels, encoding: encoding)).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A fresh temporary folder for one test.
    public static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "kalm-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
