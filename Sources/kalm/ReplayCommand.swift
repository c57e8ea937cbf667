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

    @OptionGroup var source: CallSourceOptions

    @Option(help: "Playback speed: 1, 2 or 4 times real time.")
    var speed = 1.0

    @OptionGroup var options: AnalysisOptions

    func validate() throws {
        let language = Language.resolve(options.lang)
        try source.check(language)
        guard [1.0, 2.0, 4.0].contains(speed) else {
            throw ValidationError(language.pick(
                nl: "--speed moet 1, 2 of 4 zijn",
                en: "--speed must be 1, 2 or 4"))
        }
    }

    func run() throws {
        let language = Language.resolve(options.lang)
        try Replay.run(paths: source.paths, speed: speed, language: language, options: options) { warn in
            try source.open(language, warn: warn)
        }
    }
}

/// The shared body of demo and replay.
enum Replay {
    /// Replays the call in `paths` that `open` opens (`warn`: say now what is odd about it)
    /// with the profile and calibration of `options` (by default the profile for its sample
    /// rate).
    static func run(
        paths: [String], speed: Double, language: Language, options: AnalysisOptions? = nil,
        open: @escaping (_ warn: Bool) throws -> CallInput
    ) throws {
        StopSignal.install()
        do {
            var first = true
            let replay = try PacedReplay(speed: speed) {
                defer { first = false }
                return try open(first)
            }
            let profile = try options?.loadProfile(sampleRate: replay.sampleRate)
                ?? ProfileFile.load(BuiltInProfiles.defaultName(sampleRate: replay.sampleRate))
            let baseline = try options?.loadBaseline()
            let title = paths.map { ($0 as NSString).lastPathComponent }.joined(separator: " + ")
            let summary = try Screen.run(title: title, language: language, control: replay.control) {
                sink, mailbox, requests, stop in
                try replay.run(sink: sink, mailbox: mailbox, requests: requests, profile: profile,
                               agentBaseline: baseline, shouldStop: stop)
            }
            print(SummaryText.render(summary, source: paths.joined(separator: " + "), lang: language), terminator: "")
        } catch {
            throw fail(ErrorText.describe(error, language))
        }
    }
}
