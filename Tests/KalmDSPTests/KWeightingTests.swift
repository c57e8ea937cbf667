import Foundation
import KalmDSP
import Testing

@Suite struct KWeightingTests {
    private func db(_ f: Double, _ rate: Double) -> Double { 10 * log10(KWeighting.powerGain(frequency: f, sampleRate: rate)) }

    /// At 48 kHz the re-derived filter equals the one BS.1770-4 prints as coefficients
    /// (reference values computed from the standard's coefficients).
    @Test(arguments: [(20.0, -13.275), (100.0, -1.133), (1000.0, 0.698), (2000.0, 3.071), (3000.0, 3.808)])
    func matchesStandardAt48k(frequency: Double, expected: Double) {
        #expect(abs(db(frequency, 48000) - expected) < 0.02)
    }

    /// Re-derived for telephone and wideband rates, the response keeps its shape below 2 kHz.
    @Test(arguments: [8000.0, 16000.0])
    func keepsShapeAtLowRates(rate: Double) {
        #expect(abs(db(100, rate) - (-1.133)) < 0.3)
        #expect(abs(db(1000, rate) - 0.698) < 0.3)
        #expect(db(20, rate) < -10)
    }
}
