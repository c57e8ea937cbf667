/// Fast, locale-free decimal formatting into bytes, for the CSV and JSON sinks (an hour of
/// frames is 720 000 rows; `String(format:)` would dominate the run time).
public enum NumberText {
    /// The most bytes one number takes: a sign, 16 digits and the point.
    public static let maxBytes = 18

    /// Writes `value` at `start` with exactly `decimals` (0...12) digits after the point
    /// ("-12.345") and returns the position after it; at most ``maxBytes`` bytes. Values
    /// beyond 9e15 in magnitude (after scaling) are clamped there; non-finite values are
    /// written as 0 (kalm never emits NaN or infinity).
    public static func write(_ value: Double, decimals: Int,
                             at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        precondition((0...12).contains(decimals), "NumberText: 0 to 12 decimals")
        guard value.isFinite else {
            start.pointee = UInt8(ascii: "0")
            return start + 1
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var integer = UInt64(min((abs(value) * scale).rounded(), 9.0e15))
        var position = start
        if value < 0 && integer != 0 {
            position.pointee = UInt8(ascii: "-")
            position += 1
        }
        var digits = 1
        var limit: UInt64 = 10
        while integer >= limit {
            digits += 1
            limit &*= 10
        }
        let shown = max(digits, decimals + 1)
        let end = position + shown + (decimals > 0 ? 1 : 0)
        var back = end
        for written in 0..<shown {
            if written == decimals && decimals > 0 {
                back -= 1
                back.pointee = UInt8(ascii: ".")
            }
            back -= 1
            back.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: integer % 10)
            integer /= 10
        }
        return end
    }

    /// The formatted text of `value`, for occasional use.
    public static func string(_ value: Double, decimals: Int) -> String {
        String(unsafeUninitializedCapacity: maxBytes) { bytes in
            write(value, decimals: decimals, at: bytes.baseAddress!) - bytes.baseAddress!
        }
    }
}
