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
        if devices.isEmpty {
            print(language.pick(nl: "Geen opnameapparaten gevonden.", en: "No capture devices found."))
        }
        for d in devices {
            print("\(d.name)\t\(d.description)\t" + language.pick(nl: "kanalen", en: "channels")
                + " \(d.channels.lowerBound)-\(d.channels.upperBound)\t\(d.rates.lowerBound)-\(d.rates.upperBound) Hz")
        }
        print(language.pick(nl: "`kalm live` gebruikt standaard: default", en: "`kalm live` uses by default: default"))
    }
}
