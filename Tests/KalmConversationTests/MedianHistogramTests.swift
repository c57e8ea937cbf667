import KalmConversation
import Testing

@Suite struct MedianHistogramTests {
    @Test func medianAndQuantiles() {
        var h = MedianHistogram(range: 0...100, resolution: 0.5)
        for v in stride(from: 1.0, through: 99.0, by: 1.0) { h.add(v) }
        #expect(h.median == 50)
        #expect(h.quantile(0.1) == 10)
        #expect(h.count == 99)
        h.add(.nan)
        #expect(h.count == 99)
    }

    @Test func emptyHasNoMedian() {
        #expect(MedianHistogram(range: 0...1, resolution: 0.1).median == nil)
    }
}
