import KalmConversation
import KalmDSP
import KalmPipeline

/// Keeps everything a ``CallAnalyzer`` reports.
final class CollectingSink: AnalysisSink {
    var frames: [Party: [FrameFeatures]] = [:]
    var events: [ConversationEvent] = []

    func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {
        frames[party, default: []].append(frame)
    }

    func event(_ event: ConversationEvent) throws { events.append(event) }
}

/// Analyses interleaved samples in blocks of `block` frames.
func run(_ samples: [Float], rate: Int, layout: PartyLayout, channels: Int, block: Int = 1000,
         newCustomerAfterSilence: Double? = nil) -> (CollectingSink, CallSummary)
{
    let sink = CollectingSink()
    let analyzer = CallAnalyzer(sampleRate: rate, channelCount: channels, layout: layout, sink: sink,
                                newCustomerAfterSilence: newCustomerAfterSilence)
    samples.withUnsafeBufferPointer { buffer in
        var start = 0
        while start < buffer.count / channels {
            let n = min(block, buffer.count / channels - start)
            analyzer.process(interleaved: buffer.baseAddress! + start * channels, frameCount: n)
            start += n
        }
    }
    return (sink, analyzer.finish())
}
