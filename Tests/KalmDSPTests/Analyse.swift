import KalmDSP

/// Runs a mono signal through a ``PartyAnalyzer`` (plus trailing silence to flush it) and
/// returns one frame per hop.
func analyse(_ signal: [Float], rate: Int) -> [FrameFeatures] {
    let settings = AnalysisSettings(sampleRate: rate)
    let analyzer = PartyAnalyzer(settings: settings)
    let padded = signal + [Float](repeating: 0, count: settings.delayHops * settings.hopSize)
    var frames: [FrameFeatures] = []
    var frame = FrameFeatures()
    padded.withUnsafeBufferPointer { buffer in
        var start = 0
        while start + settings.hopSize <= buffer.count {
            if analyzer.process(hop: buffer.baseAddress! + start, into: &frame) { frames.append(frame) }
            start += settings.hopSize
        }
    }
    return frames
}

/// Median of a non-empty array.
func median(_ values: [Float]) -> Float {
    let s = values.sorted()
    return s[s.count / 2]
}
