import ArgumentParser
import KalmIO

/// `kalm demo`: the agent's HUD on a bundled recorded call, at real pace, no hardware.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show the agent's HUD on a bundled call (the customer escalates and calms down), at real pace.",
        discussion: """
            Plays Fixtures/escalation-call.flac through the live analysis at real pace and shows \
            what the agent would see: volume, tempo and pitch against each party's own baseline, \
            the customer's state with the "tijd tot rust" clock, the tension of the last two \
            minutes and the cues. Keys: q stops, m marks an incident, space pauses, arrow keys \
            seek 10 s. Without a terminal, events and cues are printed as they happen.
            """)

    @Option(help: "Playback speed: 1 is real time.")
    var speed = 1.0

    @Option(help: "Language of the screen and cues: nl or en (default: from the locale).")
    var lang: Language?

    func validate() throws {
        guard speed > 0, speed.isFinite else {
            throw ValidationError(Language.resolve(lang).pick(
                nl: "--speed moet meer dan 0 zijn", en: "--speed must be more than 0"))
        }
    }

    func run() throws {
        let language = Language.resolve(lang)
        guard let call = BundledFiles.path("Fixtures/escalation-call.flac") else {
            throw fail(language.pick(
                nl: "de meegeleverde demo-opname (Fixtures/escalation-call.flac) staat niet bij deze kalm, noch in share/kalm ernaast; kopieer Fixtures daarheen, of speel een eigen opname af met kalm replay OPNAME",
                en: "the bundled demo call (Fixtures/escalation-call.flac) is neither beside this kalm nor in share/kalm next to it; copy Fixtures there, or play a call of your own with kalm replay CALL"))
        }
        try Replay.run(paths: [call], speed: speed, language: language) { _ in try CallInput(path: call) }
    }
}
