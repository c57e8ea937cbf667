import KalmConversation
import KalmIO
import KalmPipeline

/// The readable summary `kalm analyze` prints on stdout.
enum SummaryText {
    static func render(_ s: CallSummary, source: String, lang: Language) -> String {
        func n(_ v: Double?, _ d: Int, _ unit: String) -> String {
            guard let v else { return "-" }
            return NumberText.string(v, decimals: d) + unit
        }
        var lines: [String] = []
        lines.append(lang.pick(nl: "Gesprek: \(source)", en: "Call: \(source)"))
        lines.append(lang.pick(nl: "Duur: ", en: "Duration: ") + n(s.durationS, 1, " s"))
        for party in Party.allCases {
            guard let p = s.stats(party) else { continue }
            let name = party == .agent ? lang.pick(nl: "Agent", en: "Agent") : lang.pick(nl: "Klant", en: "Customer")
            lines.append("")
            lines.append(name)
            lines.append(lang.pick(nl: "  spreektijd      ", en: "  talk time       ")
                + n(p.talkTimeS, 1, " s") + "  (" + n(p.talkShare * 100, 0, " %") + ")")
            lines.append(lang.pick(nl: "  tempo           ", en: "  tempo           ") + n(p.tempoSps, 1, lang.pick(nl: " lettergrepen/s", en: " syllables/s")))
            lines.append(lang.pick(nl: "  toonhoogte      ", en: "  pitch (median)  ") + n(p.medianF0Hz, 0, " Hz"))
            lines.append(lang.pick(nl: "  volume          ", en: "  level           ") + n(p.levelDb, 1, " dBFS") + "  /  " + n(p.loudnessLufs, 1, " LUFS"))
            lines.append(lang.pick(nl: "  pauzes          ", en: "  pauses          ") + "\(p.pauses)" + "  (" + n(p.pauseTotalS, 1, " s") + ")")
            lines.append(lang.pick(nl: "  langste monoloog", en: "  longest monologue") + " " + n(p.longestMonologueS, 1, " s"))
            lines.append(lang.pick(nl: "  instemmingen    ", en: "  backchannels    ") + "\(p.backchannels)")
        }
        if s.customer != nil {
            lines.append("")
            lines.append(lang.pick(nl: "Onderbrekingen", en: "Interruptions"))
            lines.append(lang.pick(nl: "  agent onderbreekt klant  ", en: "  agent interrupts customer ") + "\(s.interruptions.agentInterruptsCustomer)")
            lines.append(lang.pick(nl: "  klant onderbreekt agent  ", en: "  customer interrupts agent ") + "\(s.interruptions.customerInterruptsAgent)")
        }
        lines.append(lang.pick(nl: "Stiltes van 3 s of langer: ", en: "Dead air (3 s or more): ") + "\(s.deadAir)" + "  (" + n(s.deadAirTotalS, 1, " s") + ")")
        if s.customer != nil {
            lines.append("")
            lines.append(lang.pick(nl: "Escalaties van de klant: ", en: "Customer escalations: ") + "\(s.escalations.count)")
            for e in s.escalations {
                let span = n(e.start, 1, " s") + " - " + (e.end.map { n($0, 1, " s") } ?? lang.pick(nl: "niet opgelost", en: "unresolved"))
                lines.append("  " + span + (e.tijdTotRustS.map { lang.pick(nl: "  tijd tot rust ", en: "  time to calm ") + n($0, 1, " s") } ?? ""))
            }
            if let median = s.medianTijdTotRustS {
                lines.append(lang.pick(nl: "  mediane tijd tot rust ", en: "  median time to calm ") + n(median, 1, " s"))
            }
        }
        let given = Cue.allCases.filter { (s.cues[$0.rawValue] ?? 0) > 0 }
        lines.append(lang.pick(nl: "Tips voor de agent: ", en: "Cues for the agent: ")
            + (given.isEmpty ? "0" : given.map { "\($0.text(dutch: lang == .nl)) x\(s.cues[$0.rawValue]!)" }.joined(separator: ", ")))
        return lines.joined(separator: "\n") + "\n"
    }
}
