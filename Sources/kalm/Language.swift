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

    /// Picks the text for this language.
    func pick(nl: String, en: String) -> String { self == .nl ? nl : en }
}
