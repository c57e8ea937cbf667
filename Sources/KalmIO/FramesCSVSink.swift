import KalmConversation
import KalmDSP
import KalmPipeline

/// Writes the frames CSV: one row per 10 ms hop per party, `t` at the hop's centre.
///
/// Columns: `t,party,speech,level_db,loudness_lufs,f0_hz,tempo_sps,tension,state`
/// (`f0_hz` and `tempo_sps` empty when unknown).
public final class FramesCSVSink: AnalysisSink {
    /// The header row.
    public static let header = "t,party,speech,level_db,loudness_lufs,f0_hz,tempo_sps,tension,state\n"
    private let file: OutputFile
    /// Room for one row: six numbers, two names of at most 16 bytes, eight commas, the
    /// speech flag and the newline.
    private static let rowBytes = 6 * NumberText.maxBytes + 2 * 16 + 10

    /// Starts the CSV in `file` (which is committed by the caller).
    public init(file: OutputFile) throws {
        self.file = file
        try file.write(Self.header)
    }

    public func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {
        try file.append(reserving: Self.rowBytes) { row in
            row.put(frame.time + 0.005, decimals: 3)
            row.put(UInt8(ascii: ","))
            row.put(party.rawValue)
            row.put(UInt8(ascii: ","))
            row.put(UInt8(ascii: frame.speech ? "1" : "0"))
            row.put(UInt8(ascii: ","))
            row.put(Double(frame.levelDB), decimals: 1)
            row.put(UInt8(ascii: ","))
            row.put(Double(frame.loudness), decimals: 1)
            row.put(UInt8(ascii: ","))
            if frame.f0 > 0 { row.put(Double(frame.f0), decimals: 1) }
            row.put(UInt8(ascii: ","))
            if frame.tempo > 0 { row.put(Double(frame.tempo), decimals: 2) }
            row.put(UInt8(ascii: ","))
            row.put(Double(assessment.tension), decimals: 3)
            row.put(UInt8(ascii: ","))
            row.put(assessment.state.rawValue)
            row.put(UInt8(ascii: "\n"))
        }
    }

    public func event(_ event: ConversationEvent) throws {}
}
