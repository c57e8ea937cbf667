import ArgumentParser

/// The `kalm` command line.
@main
struct Kalm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kalm",
        abstract: "Call monitor: measures tempo, volume, pitch, pauses and interruptions of both parties.",
        discussion: """
            kalm listens to both sides of a call (left channel = agent, right = customer) \
            and measures how each party speaks, every 10 ms. Messages follow the locale \
            (LANG=nl_NL.UTF-8 for Dutch) or --lang.
            """,
        version: KalmVersion.string,
        subcommands: [AnalyzeCommand.self, LiveCommand.self, DemoCommand.self, ReplayCommand.self, ReportCommand.self, DevicesCommand.self, CalibrateCommand.self, ProfileCommand.self])
}

/// The version kalm reports (also written into log headers).
enum KalmVersion {
    static let string = "0.1.0"
}
