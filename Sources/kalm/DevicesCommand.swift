import ArgumentParser
import Foundation
import KalmIO

/// `kalm devices`: the ALSA capture devices.
struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List ALSA capture devices (card, device, name, channels, rates) and the one `live` picks.")

    @Option(help: "Language of messages: nl or en (default: from the locale).")
    var lang: Language?

    func run() throws {
        let language = Language.resolve(lang)
        let devices = ALSADevices.capture()
        let configured = ALSADevices.configured()
        /// The ranges; a plugin that converts (`plug`, `file` over `null`) takes any.
        func ranges(_ channels: ClosedRange<Int>, _ rates: ClosedRange<Int>) -> String {
            let anyChannels = language.pick(nl: "elk aantal", en: "any")
            let anyRate = language.pick(nl: "elke samplefrequentie", en: "any rate")
            return language.pick(nl: "kanalen", en: "channels") + " "
                + (channels.upperBound > 64 ? anyChannels : "\(channels.lowerBound)-\(channels.upperBound)") + "\t"
                + (rates.upperBound > 768_000 ? anyRate : "\(rates.lowerBound)-\(rates.upperBound) Hz")
        }
        if devices.isEmpty {
            print(language.pick(nl: "Geen geluidskaarten met opname gevonden.", en: "No sound cards with capture found."))
        }
        for d in devices { print("\(d.name)\t\(d.description)\t" + ranges(d.channels, d.rates)) }
        if !configured.isEmpty {
            print(language.pick(nl: "Benoemd in de ALSA-configuratie:", en: "Named in ALSA's configuration:"))
            for d in configured {
                var state = language.pick(nl: "nu niet te openen", en: "cannot be opened now")
                if let channels = d.channels, let rates = d.rates { state = ranges(channels, rates) }
                print("\(d.name)\t\(d.description.isEmpty ? "-" : d.description)\t" + state)
            }
        }
        print(language.pick(nl: "`kalm live` gebruikt standaard: default", en: "`kalm live` uses by default: default"))
    }
}
