import ArgumentParser
import Foundation

/// The language of kalm's messages: Dutch or English.
enum Language: String, ExpressibleByArgument, CaseIterable {
    case nl, en

    /// `--lang` if given, else the locale (LC_ALL, LC_MESSAGES, LANG): Dutch for `nl*`,
    /// English otherwise.
    static func resolve(_ option: Language?) -> Language {
        if let option { return option }
        let env = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = env[key], !value.isEmpty {
                return value.lowercased().hasPrefix("nl") ? .nl : .en
            }
        }
        return .en
    }

    /// Picks the text for this language.
    func pick(nl: String, en: String) -> String { self == .nl ? nl : en }
}
