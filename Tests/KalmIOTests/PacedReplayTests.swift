import Foundation
import KalmConversation
import KalmIO
import KalmPipeline
import Testing

private let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Fixtures/demo-call.flac").standardized.path

@Suite struct PacedReplayTests {
    /// A replay that is paused and seeks back and forth ends with the same summary as
    /// `kalm analyze`: seeking back starts the (causal) analysis afresh.
    @Test func seekingKeepsTheAnalysisIdentical() throws {
        let replay = try PacedReplay(path: demo, speed: 64)
        let mailbox = StatusMailbox()
        let control = replay.control
        let seeker = Thread {
            usleep(200_000)
            control.seek(seconds: 20)
            control.togglePause()
            usleep(100_000)
            control.togglePause()
            usleep(100_000)
            control.seek(seconds: -30)
        }
        seeker.start()
        let start = Date()
        let replayed = try replay.run(
            sink: nil, mailbox: mailbox, requests: nil, profile: .standard, agentBaseline: nil, shouldStop: { false })
        let offline = try FileAnalysis.run(CallInput(path: demo), sink: nil)
        #expect(replayed == offline)
        #expect(mailbox.latest().time > 55)
        // 60 s at 64x is about 1 s, plus the pause and the re-analysis; well under the 60 s
        // of real pace even under ThreadSanitizer on a busy machine (14 s seen there).
        #expect(Date().timeIntervalSince(start) < 30)
    }
}
