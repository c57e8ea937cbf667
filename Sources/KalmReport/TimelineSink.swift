import KalmConversation
import KalmDSP
import KalmPipeline

/// Collects a call's events and its frames averaged into a fixed number of columns, so a
/// report of an hour-long call stays small (memory and SVG independent of length).
///
/// The column width comes from the length the file announces. Where that is only an
/// estimate (an MP3's) and the call runs longer, the columns are merged in pairs and the
/// width doubled as often as needed, so the whole call is drawn; where it ends sooner, fewer
/// columns are used.
public final class TimelineSink: AnalysisSink {
    /// Columns per party.
    public static let columnCount = 800
    /// Hops averaged into one column.
    public private(set) var hopsPerColumn: Int
    public private(set) var events: [ConversationEvent] = []
    private typealias Sum = (level: Double, pitch: Double, pitchN: Int, tempo: Double, tempoN: Int, tension: Double, speech: Int, n: Int)
    private static let empty: Sum = (0, 0, 0, 0, 0, 0, 0, 0)
    private var sums: [[Sum]]

    /// For a call of `hops` 10 ms hops (the announced length).
    public init(hops: Int) {
        hopsPerColumn = max(1, (hops + Self.columnCount - 1) / Self.columnCount)
        sums = Array(repeating: Array(repeating: Self.empty, count: Self.columnCount), count: 2)
    }

    public func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {
        while frame.index / hopsPerColumn >= Self.columnCount { mergeColumnPairs() }
        let c = frame.index / hopsPerColumn
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

    /// Halves the columns in use by adding neighbours, and doubles their width.
    private func mergeColumnPairs() {
        let half = Self.columnCount / 2
        for p in sums.indices {
            for i in 0..<half {
                let a = sums[p][2 * i], b = sums[p][2 * i + 1]
                sums[p][i] = (a.level + b.level, a.pitch + b.pitch, a.pitchN + b.pitchN, a.tempo + b.tempo,
                              a.tempoN + b.tempoN, a.tension + b.tension, a.speech + b.speech, a.n + b.n)
            }
            for i in half..<Self.columnCount { sums[p][i] = Self.empty }
        }
        hopsPerColumn *= 2
    }

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
