import Foundation

/// The argument parser's own messages (an unknown option, a value it cannot read, a missing
/// argument, and the usage lines around them) in Dutch. A line it does not know, such as an
/// option's help text, stays as it is.
enum ParserMessages {
    /// One English pattern and its Dutch replacement (`$1`, `$2`: the pattern's groups).
    private static let rules: [(pattern: String, dutch: String)] = [
        ("^Error: ", "Fout: "),
        ("Unknown option '(.*?)'", "onbekende optie '$1'"),
        ("\\. Did you mean '(.*)'\\?", ". Bedoelde je '$1'?"),
        ("Invalid option: ", "ongeldige optie: "),
        ("Missing value for '(.*)'", "waarde ontbreekt bij '$1'"),
        ("Missing expected argument '(.*)'", "argument ontbreekt: '$1'"),
        ("Missing one of: ", "een van deze ontbreekt: "),
        ("Missing required subcommand\\.", "subcommando ontbreekt"),
        ("Unexpected argument '(.*)'", "onverwacht argument '$1'"),
        ("([0-9]+) unexpected arguments: ", "$1 onverwachte argumenten: "),
        ("The option '(.*)' does not take any value, but '(.*)' was specified\\.",
         "optie '$1' neemt geen waarde, maar kreeg '$2'"),
        ("The value '(.*)' is invalid for '(.*?)'", "de waarde '$1' is ongeldig voor '$2'"),
        ("\\. Please provide one of the following:", ". Kies een van deze:"),
        ("\\. Please provide one of (.*)\\.$", ". Kies $1."),
        ("^Usage: ", "Gebruik: "),
        ("^Help:  ", "Uitleg: "),
        ("^  See '(.*)' for more information\\.", "  Zie '$1' voor meer uitleg."),
    ]

    /// `text` with every line the parser writes in English put in Dutch.
    static func dutch(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let translated = rules.reduce(String(line)) { line, rule in
                line.replacingOccurrences(of: rule.pattern, with: rule.dutch, options: .regularExpression)
            }
            // The list of values to choose from: 'a', 'b' or 'c' -> 'a', 'b' of 'c'.
            guard let choose = translated.range(of: ". Kies '") else { return translated }
            return translated[..<choose.upperBound]
                + translated[choose.upperBound...].replacingOccurrences(of: "' and '", with: "' of '")
                    .replacingOccurrences(of: "' or '", with: "' of '")
        }.joined(separator: "\n")
    }
}
