/// Fast, locale-free decimal formatting into a byte buffer, for the CSV and JSON sinks
/// (an hour of frames is 720 000 rows; `String(format:)` would dominate the run time).
public enum NumberText {
    /// Appends `value` with exactly `decimals` digits after the point ("-12.345").
    /// Non-finite values are written as 0 (kalm never emits NaN or infinity).
    public static func append(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(UInt8(ascii: "0"))
            return
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var scaled = (abs(value) * scale).rounded()
        if scaled >= 9.0e15 { scaled = 9.0e15 }
        var integer = UInt64(scaled)
        if value < 0 && integer != 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(ascii: "0") + UInt8(integer % 10)
                integer /= 10
                count += 1
            } while integer > 0 || count <= decimals
            for i in stride(from: count - 1, through: 0, by: -1) {
                out.append(raw[i])
                if i == decimals && decimals > 0 { out.append(UInt8(ascii: ".")) }
            }
        }
    }

    /// The formatted text of `value`, for occasional use.
    public static func string(_ value: Double, decimals: Int) -> String {
        var bytes: [UInt8] = []
        append(value, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
