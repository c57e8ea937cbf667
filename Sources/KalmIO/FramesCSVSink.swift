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

    /// Starts the CSV in `file` (which is committed by the caller).
    public init(file: OutputFile) throws {
        self.file = file
        try file.write(Self.header)
    }

    public func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {
        try file.append { out in
            NumberText.append(frame.time + 0.005, decimals: 3, to: &out)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: party.rawValue.utf8)
            out.append(UInt8(ascii: ","))
            out.append(UInt8(ascii: frame.speech ? "1" : "0"))
            out.append(UInt8(ascii: ","))
            NumberText.append(Double(frame.levelDB), decimals: 1, to: &out)
            out.append(UInt8(ascii: ","))
            NumberText.append(Double(frame.loudness), decimals: 1, to: &out)
            out.append(UInt8(ascii: ","))
            if frame.f0 > 0 { NumberText.append(Double(frame.f0), decimals: 1, to: &out) }
            out.append(UInt8(ascii: ","))
            if frame.tempo > 0 { NumberText.append(Double(frame.tempo), decimals: 2, to: &out) }
            out.append(UInt8(ascii: ","))
            NumberText.append(Double(assessment.tension), decimals: 3, to: &out)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: assessment.state.rawValue.utf8)
            out.append(UInt8(ascii: "\n"))
        }
    }

    public func event(_ event: ConversationEvent) throws {}
}
