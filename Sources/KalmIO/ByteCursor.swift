/// A write position in an output buffer whose room was reserved in advance, so that a row
/// is built byte by byte with no capacity checks (see ``OutputFile/append(reserving:_:)``).
public struct ByteCursor {
    /// Where the next byte goes.
    public private(set) var position: UnsafeMutablePointer<UInt8>

    init(_ position: UnsafeMutablePointer<UInt8>) {
        self.position = position
    }

    /// Writes one byte.
    public mutating func put(_ byte: UInt8) {
        position.pointee = byte
        position += 1
    }

    /// Writes a string's UTF-8.
    public mutating func put(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            position.update(from: base, count: bytes.count)
            position += bytes.count
        }
    }

    /// Writes `value` with `decimals` digits after the point (``NumberText``; at most
    /// ``NumberText/maxBytes`` bytes).
    public mutating func put(_ value: Double, decimals: Int) {
        position = NumberText.write(value, decimals: decimals, at: position)
    }
}
