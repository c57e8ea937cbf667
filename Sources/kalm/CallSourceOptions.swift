import ArgumentParser
import Foundation
import KalmIO

/// Where a recorded call's parties are: one file (stereo, mono, or a chosen pair of its
/// channels) or two mono files. Shared by `analyze` and `replay`, so a call replays with the
/// layout it was analysed with.
struct CallSourceOptions: ParsableArguments {
    @Argument(help: "The call recording (WAV, FLAC, ...).")
    var call: String?

    @Option(help: ArgumentHelp("The agent's mono recording (with --customer).", valueName: "file"))
    var agent: String?

    @Option(help: ArgumentHelp("The customer's mono recording (with --agent).", valueName: "file"))
    var customer: String?

    @Option(help: ArgumentHelp("Which stereo channel is the agent: left or right.", valueName: "side"))
    var agentChannel: Side = .left

    @Option(help: ArgumentHelp(
        "For files with more than two channels: the agent's and customer's channel, 1-based.",
        valueName: "A,C"))
    var channels: String?

    /// A stereo channel.
    enum Side: String, ExpressibleByArgument, CaseIterable { case left, right }

    /// The files read, for checks that no output overwrites them.
    var paths: [String] { [call, agent, customer].compactMap { $0 } }

    /// Refuses a call given twice or not at all, half a pair, or a malformed `--channels`.
    func check(_ language: Language) throws {
        let pair = agent != nil || customer != nil
        if pair && (agent == nil || customer == nil) {
            throw ValidationError(language.pick(
                nl: "--agent en --customer horen bij elkaar",
                en: "--agent and --customer go together"))
        }
        if pair && call != nil {
            throw ValidationError(language.pick(
                nl: "geef CALL of --agent/--customer, niet beide",
                en: "give either CALL or --agent/--customer, not both"))
        }
        if !pair && call == nil {
            throw ValidationError(language.pick(
                nl: "de opname van het gesprek ontbreekt",
                en: "missing the call recording"))
        }
        if channels != nil && parsedChannels == nil {
            throw ValidationError(language.pick(
                nl: "--channels neemt twee verschillende kanaalnummers, bijv. 3,4",
                en: "--channels takes two different channel numbers, e.g. 3,4"))
        }
    }

    private var parsedChannels: (Int, Int)? {
        guard let channels else { return nil }
        let parts = channels.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts[0] >= 1, parts[1] >= 1, parts[0] != parts[1] else { return nil }
        return (parts[0] - 1, parts[1] - 1)
    }

    /// Opens the call. A stereo file whose channels carry one signal is said on stderr once
    /// (`warn`) and analysed as the agent alone.
    func open(_ language: Language, warn: Bool = true) throws -> CallInput {
        if let agent, let customer { return try CallInput(agentPath: agent, customerPath: customer) }
        let path = call ?? ""
        let input = try CallInput(path: path, agentRight: agentChannel == .right, channels: parsedChannels)
        if warn && input.channelsCarryOneSignal {
            FileHandle.standardError.write(Data("kalm: \(ErrorText.oneSignal(path, language))\n".utf8))
        }
        return input
    }
}
