import ArgumentParser
import Foundation

/// The language of kalm's messages: Dutch or English.
enum Language: String, ExpressibleByArgument, CaseIterable {
    case nl, en

    /// `--lang` if given, else the locale as gettext reads it: the first of LC_ALL,
    /// LC_MESSAGES and LANG that is set names the locale; unless that locale is C or POSIX,
    /// the first Dutch or English entry of the LANGUAGE list (`nl:en`) overrides it. Dutch
    /// for `nl*`, English otherwise.
    static func resolve(_ option: Language?) -> Language {
        if let option { return option }
        let env = ProcessInfo.processInfo.environment
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { env[$0] }.first { !$0.isEmpty } ?? "C"
        if locale == "C" || locale.hasPrefix("C.") || locale == "POSIX" { return .en }
        let preferred = (env["LANGUAGE"] ?? "").split(separator: ":").lazy.compactMap { entry in
            Language.allCases.first { entry.lowercased().hasPrefix($0.rawValue) }
        }.first
        return preferred ?? (locale.lowercased().hasPrefix("nl") ? .nl : .en)
    }

    /// The language a `--lang nl` or `--lang=nl` among `arguments` asks for, before they are
    /// parsed (for the parser's own messages); nil when none does.
    static func option(in arguments: [String]) -> Language? {
        var asked: Language?
        for (i, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--lang", i + 1 < arguments.count { asked = Language(rawValue: arguments[i + 1]) ?? asked }
            if argument.hasPrefix("--lang=") { asked = Language(rawValue: String(argument.dropFirst(7))) ?? asked }
        }
        return asked
    }

    /// Picks the text for this language.
    func pick(nl: String, en: String) -> String { self == .nl ? nl : en }
}
