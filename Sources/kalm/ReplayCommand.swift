import ArgumentParser
import Foundation
import KalmConversation
import KalmIO

/// `kalm replay`: the agent's HUD on any recording, paced, for the coach.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recorded call with the agent's HUD: the same cues at the same call times as live.",
        discussion: """
            Keys: space pauses and resumes, the arrow keys seek 10 s back or ahead, m marks an \
            incident, q stops. The analysis is the live one, so what the HUD shows at a moment of \
            the call is what the agent saw (or would have seen) then.
            """)

    @Argument(help: "The call recording.")
    var call: String

    @Option(help: "Playback speed: 1, 2 or 4 times real time.")
    var speed = 1.0

    @Option(help: "Language of the screen and cues: nl or en (default: from the locale).")
    var lang: Language?

    func validate() throws {
        let language = Language.resolve(lang)
        guard [1.0, 2.0, 4.0].contains(speed) else {
            throw ValidationError(language.pick(
                nl: "--speed moet 1, 2 of 4 zijn",
                en: "--speed must be 1, 2 or 4"))
        }
    }

    func run() throws { try Replay.run(path: call, speed: speed, language: Language.resolve(lang)) }
}

/// The shared body of demo and replay.
enum Replay {
    static func run(path: String, speed: Double, language: Language) throws {
        StopSignal.install()
        do {
            let replay = try PacedReplay(path: path, speed: speed)
            let profile = try ProfileFile.load(BuiltInProfiles.defaultName(sampleRate: replay.sampleRate))
            let summary = try Screen.run(title: (path as NSString).lastPathComponent, language: language,
                                         control: replay.control) { sink, mailbox, requests, stop in
                try replay.run(sink: sink, mailbox: mailbox, requests: requests, profile: profile, agentBaseline: nil,
                               shouldStop: stop)
            }
            print(SummaryText.render(summary, source: path, lang: language), terminator: "")
        } catch {
            throw fail(ErrorText.describe(error, language))
        }
    }
}
