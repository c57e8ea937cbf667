/// Fast, locale-free decimal formatting into a byte buffer, for the CSV and JSON sinks
/// (an hour of frames is 720 000 rows; `String(format:)` would dominate the run time).
public enum NumberText {
    /// Appends `value` with exactly `decimals` (0...12) digits after the point ("-12.345").
    /// Non-finite values are written as 0 (kalm never emits NaN or infinity).
    public static func append(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        precondition((0...12).contains(decimals), "NumberText: 0 to 12 decimals")
        guard value.isFinite else {
            out.append(UInt8(ascii: "0"))
            return
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var scaled = (abs(value) * scale).rounded()
        if scaled >= 9.0e15 { scaled = 9.0e15 }
        var integer = UInt64(scaled)
        let negative = value < 0 && integer != 0
        // Written right to left into a small stack buffer, then appended at once.
        var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { raw in
            var position = raw.count
            var written = 0
            repeat {
                if written == decimals && decimals > 0 {
                    position -= 1
                    raw[position] = UInt8(ascii: ".")
                }
                position -= 1
                raw[position] = UInt8(ascii: "0") + UInt8(integer % 10)
                integer /= 10
                written += 1
            } while integer > 0 || written <= decimals
            if negative {
                position -= 1
                raw[position] = UInt8(ascii: "-")
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    /// The formatted text of `value`, for occasional use.
    public static func string(_ value: Double, decimals: Int) -> String {
        var bytes: [UInt8] = []
        append(value, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
