import Foundation
import KalmConversation
import KalmDSP
import KalmIO
import KalmPipeline

/// Prints events as they happen, one readable line each (the terminal HUD replaces this).
final class LiveConsoleSink: AnalysisSink {
    private let language: Language

    init(language: Language) { self.language = language }

    func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {}

    func event(_ event: ConversationEvent) throws {
        let clock = String(format: "%02d:%04.1f", Int(event.t) / 60, event.t.truncatingRemainder(dividingBy: 60))
        let text: String
        switch event {
        case .cue(_, _, let cue): text = ">> " + cue.text(dutch: language == .nl)
        default: text = EventsJSONLSink.line(event)
        }
        FileHandle.standardOutput.write(Data("[\(clock)] \(text)\n".utf8))
    }
}
