/// Energies of eight log-spaced sub-bands of the speech band (250-3600 Hz), in dB, stored
/// inline. The spectral shape they describe lets ``EchoGate`` tell an echo (a scaled copy
/// of the other channel's spectrum) from speech of one's own.
public struct SpeechBands: Sendable, Equatable {
    /// Number of sub-bands.
    public static let count = 8
    /// Band edges in Hz (count + 1 values).
    public static let edges: [Double] = [250, 400, 600, 850, 1200, 1650, 2250, 2900, 3600]

    private var values: (Float, Float, Float, Float, Float, Float, Float, Float)

    /// All bands at the dB floor.
    public init() {
        let f = Decibels.floor
        values = (f, f, f, f, f, f, f, f)
    }

    /// The energy of band `i` in dB.
    public subscript(i: Int) -> Float {
        get { withUnsafeBytes(of: values) { $0.load(fromByteOffset: i * 4, as: Float.self) } }
        set { withUnsafeMutableBytes(of: &values) { $0.storeBytes(of: newValue, toByteOffset: i * 4, as: Float.self) } }
    }

    public static func == (a: SpeechBands, b: SpeechBands) -> Bool {
        (0..<count).allSatisfy { a[$0] == b[$0] }
    }
}
