import ArgumentParser
import Foundation
import KalmConversation
import KalmIO

/// `kalm profile`: checks a profile and prints it with every parameter documented.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Check a tension/cue profile and print it, every threshold with unit, default, range and reason.",
        discussion: """
            NAME is a built-in profile (headset-16k, telephone-8k, counter-room) or a profile file. \
            The output is itself a valid profile file: copy it, edit values, and pass it to \
            `kalm analyze --profile FILE`. A bad file is refused with the field and the problem.
            """)

    @Argument(help: "A built-in profile name or a profile file.")
    var name: String

    @Option(help: "Language of messages: nl or en (default: from the locale).")
    var lang: Language?

    func run() throws {
        let language = Language.resolve(lang)
        do {
            let profile = try ProfileFile.load(name)
            let description = BuiltInProfiles.all.first { $0.name == profile.name }?.description ?? "custom profile"
            print(ProfileFile.render(profile, description: description), terminator: "")
        } catch {
            throw fail(ErrorText.describe(error, language))
        }
    }
}
