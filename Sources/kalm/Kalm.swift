import ArgumentParser
import Foundation

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

    /// Parses and runs the command. A usage error goes to stderr in the language of the
    /// messages (`--lang`, else the locale), the parser's own words included.
    static func main() {
        let language = Language.resolve(Language.option(in: CommandLine.arguments))
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let status = exitCode(for: error)
            guard language == .nl, !(error is ExitCode), status != .success else { exit(withError: error) }
            FileHandle.standardError.write(Data((ParserMessages.dutch(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(status.rawValue)
        }
    }
}

/// The version kalm reports (also written into log headers).
enum KalmVersion {
    static let string = "0.1.0"
}
