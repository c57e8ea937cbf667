import KalmConversation
import KalmDSP
import KalmPipeline

/// Collects a call's events and its frames averaged into a fixed number of columns, so a
/// report of an hour-long call stays small (memory and SVG independent of length).
public final class TimelineSink: AnalysisSink {
    /// Columns per party.
    public static let columnCount = 800
    public let hopsPerColumn: Int
    public private(set) var events: [ConversationEvent] = []
    private var sums: [[(level: Double, pitch: Double, pitchN: Int, tempo: Double, tempoN: Int, tension: Double, speech: Int, n: Int)]]

    /// For a call of `hops` 10 ms hops.
    public init(hops: Int) {
        hopsPerColumn = max(1, (hops + Self.columnCount - 1) / Self.columnCount)
        sums = Array(repeating: Array(repeating: (0, 0, 0, 0, 0, 0, 0, 0), count: Self.columnCount + 1), count: 2)
    }

    public func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {
        let c = min(Self.columnCount, frame.index / hopsPerColumn)
        var s = sums[party.index][c]
        s.n += 1
        if frame.speech {
            s.speech += 1
            s.level += Double(frame.levelDB)
            if frame.f0 > 0 {
                s.pitch += Double(frame.f0)
                s.pitchN += 1
            }
            if frame.tempo > 0 {
                s.tempo += Double(frame.tempo)
                s.tempoN += 1
            }
        }
        s.tension += Double(assessment.tension)
        sums[party.index][c] = s
    }

    public func event(_ event: ConversationEvent) throws { events.append(event) }

    /// The columns per party (agent, customer), up to the last hop seen.
    public func columns(parties: Int) -> [[CallRecord.Column]] {
        (0..<parties).map { p in
            sums[p].prefix { $0.n > 0 }.map { s in
                CallRecord.Column(
                    level: s.speech > 0 ? s.level / Double(s.speech) : nil,
                    pitch: s.pitchN > 0 ? s.pitch / Double(s.pitchN) : nil,
                    tempo: s.tempoN > 0 ? s.tempo / Double(s.tempoN) : nil,
                    tension: s.tension / Double(s.n), speech: Double(s.speech) / Double(s.n))
            }
        }
    }
}
