import Foundation
import KalmConversation
import KalmPipeline

/// The coach's report: one self-contained HTML file (inline CSS and SVG, no scripts, fonts
/// or network), in Dutch or English, that prints well. Per call a summary table and a
/// timeline; for several calls the trends over the period and per agent.
public struct HTMLReport {
    public let records: [CallRecord]
    public let dutch: Bool

    public init(records: [CallRecord], dutch: Bool) {
        self.records = records.sorted { ($0.date ?? .distantPast, $0.name) < ($1.date ?? .distantPast, $1.name) }
        self.dutch = dutch
    }

    private func t(_ nl: String, _ en: String) -> String { dutch ? nl : en }

    /// The HTML document.
    public func render() -> String {
        var h = "<!DOCTYPE html><html lang=\"\(dutch ? "nl" : "en")\"><head><meta charset=\"utf-8\">"
        h += "<title>kalm - \(t("gespreksrapport", "call report"))</title><style>\(Self.css)</style></head><body>"
        h += "<h1>kalm - \(t("gespreksrapport", "call report"))</h1>"
        h += "<p class=\"meta\">\(records.count) \(t("gesprekken", "calls"))\(period())</p>"
        if records.count >= 2 { h += trends() }
        for r in records { h += call(r) }
        h += "<p class=\"meta\">\(t("Alle tijden in minuten:seconden vanaf het begin van het gesprek. Spanning en escalaties betreffen de klant; voor de agent meet kalm alleen gedrag (tempo, volume, onderbrekingen, pauzes).", "All times in minutes:seconds from the start of the call. Tension and escalations concern the customer; for the agent kalm measures behaviour only (tempo, volume, interruptions, pauses)."))</p>"
        return h + "</body></html>\n"
    }

    private func period() -> String {
        let dates = records.compactMap(\.date)
        guard let first = dates.min(), let last = dates.max() else { return "" }
        return ", " + t("periode ", "period ") + Self.localTime(first, "yyyy-MM-dd") + " - " + Self.localTime(last, "yyyy-MM-dd")
    }

    /// `date` in the local time zone (`TZ`), as the coach reads a clock.
    static func localTime(_ date: Date, _ format: String) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = format
        f.timeZone = TimeZone.current
        return f.string(from: date)
    }

    private func ttr(_ r: CallRecord) -> Double? {
        let values = r.episodes.compactMap { e in e.end.map { $0 - e.start } }.sorted()
        return values.isEmpty ? nil : values[values.count / 2]
    }

    private func trends() -> String {
        var h = "<section class=\"trends\"><h2>\(t("Trends", "Trends"))</h2><table><tr><th>\(t("agent", "agent"))</th><th>\(t("gesprekken", "calls"))</th>"
        h += "<th>\(t("escalaties per gesprek", "escalations per call"))</th><th>\(t("mediane tijd tot rust", "median time to calm"))</th>"
        h += "<th>\(t("onderbrekingen agent / klant per gesprek", "interruptions agent / customer per call"))</th><th>\(t("spreektijd agent", "agent talk share"))</th></tr>"
        for agent in Set(records.map(\.agent)).sorted() {
            let mine = records.filter { $0.agent == agent }
            let count = Double(mine.count)
            let ttrs = mine.flatMap { r in r.episodes.compactMap { e in e.end.map { $0 - e.start } } }.sorted()
            let shares = mine.compactMap { $0.summary?.agent.talkShare }
            h += "<tr><td>\(escape(agent))</td><td>\(mine.count)</td><td>\(n(Double(mine.reduce(0) { $0 + $1.episodes.count }) / count))</td>"
            h += "<td>\(ttrs.isEmpty ? "-" : clock(ttrs[ttrs.count / 2]))</td>"
            h += "<td>\(n(Double(mine.reduce(0) { $0 + $1.interruptions.agent }) / count)) / \(n(Double(mine.reduce(0) { $0 + $1.interruptions.customer }) / count))</td>"
            h += "<td>\(shares.isEmpty ? "-" : n(100 * shares.reduce(0, +) / Double(shares.count)) + " %")</td></tr>"
        }
        h += "</table><div class=\"charts\">"
        h += chart(t("tijd tot rust (s)", "time to calm (s)"), records.map { ttr($0) })
        h += chart(t("escalaties", "escalations"), records.map { Double($0.episodes.count) })
        h += chart(t("onderbrekingen door de agent", "interruptions by the agent"), records.map { Double($0.interruptions.agent) })
        h += chart(t("spreektijd agent (%)", "agent talk share (%)"), records.map { $0.summary.map { 100 * $0.agent.talkShare } })
        return h + "</div></section>"
    }

    /// A small chart of one value per call, in call order.
    private func chart(_ title: String, _ values: [Double?]) -> String {
        let w = 400.0, hgt = 120.0, pad = 28.0
        let top = max(1, values.compactMap { $0 }.max() ?? 1)
        var svg = "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(w)) \(n(hgt))\" role=\"img\">"
        svg += "<rect x=\"\(n(pad))\" y=\"5\" width=\"\(n(w - pad - 5))\" height=\"\(n(hgt - 25))\" class=\"panel\"/>"
        svg += "<text x=\"\(n(pad - 3))\" y=\"14\" class=\"tick\">\(n(top))</text><text x=\"\(n(pad - 3))\" y=\"\(n(hgt - 20))\" class=\"tick\">0</text>"
        var d = ""
        for (i, v) in values.enumerated() {
            guard let v else { continue }
            let px = pad + (w - pad - 5) * (values.count > 1 ? Double(i) / Double(values.count - 1) : 0.5)
            let py = 5 + (hgt - 25) * (1 - v / top)
            d += (d.isEmpty ? "M" : "L") + n(px) + " " + n(py)
            svg += "<circle cx=\"\(n(px))\" cy=\"\(n(py))\" r=\"2.5\" class=\"agent-fill\"><title>\(escape(records[i].name)): \(n(v))</title></circle>"
        }
        if !d.isEmpty { svg += "<path d=\"\(d)\" class=\"line agent\"/>" }
        svg += "<text x=\"\(n(pad))\" y=\"\(n(hgt - 4))\" class=\"tick start\">\(t("gesprek 1", "call 1"))</text>"
        svg += "<text x=\"\(n(w - 5))\" y=\"\(n(hgt - 4))\" class=\"tick\">\(values.count)</text></svg><figcaption>\(title)</figcaption></figure>"
        return svg
    }

    private func call(_ r: CallRecord) -> String {
        let meta = [r.agent.isEmpty ? nil : t("agent", "agent") + " " + escape(r.agent),
                    r.date.map { Self.localTime($0, "yyyy-MM-dd HH:mm") },
                    t("duur", "duration") + " " + clock(r.durationS)].compactMap { $0 }
        var h = "<section class=\"call\"><h2>\(escape(r.name))</h2><p class=\"meta\">\(meta.joined(separator: " - "))</p>"
        h += "<table class=\"summary\"><tr><th></th><th>\(t("agent", "agent"))</th><th>\(t("klant", "customer"))</th></tr>"
        if let s = r.summary {
            let c = s.customer
            func row(_ label: String, _ a: String, _ b: String) -> String { "<tr><td>\(label)</td><td>\(a)</td><td>\(b)</td></tr>" }
            func opt(_ v: Double?, _ unit: String) -> String { v.map { n($0) + unit } ?? "-" }
            h += row(t("spreektijd", "talk share"), n(100 * s.agent.talkShare) + " %", c.map { n(100 * $0.talkShare) + " %" } ?? "-")
            h += row(t("tempo (lettergrepen/s)", "tempo (syllables/s)"), opt(s.agent.tempoSps, ""), opt(c?.tempoSps, ""))
            h += row(t("toonhoogte (mediaan)", "pitch (median)"), opt(s.agent.medianF0Hz, " Hz"), opt(c?.medianF0Hz, " Hz"))
            h += row(t("volume (mediaan)", "level (median)"), opt(s.agent.levelDb, " dBFS"), opt(c?.levelDb, " dBFS"))
            h += row(t("pauzes", "pauses"), "\(s.agent.pauses)", c.map { "\($0.pauses)" } ?? "-")
            h += row(t("langste monoloog", "longest monologue"), clock(s.agent.longestMonologueS), c.map { clock($0.longestMonologueS) } ?? "-")
        }
        let i = r.interruptions
        h += "<tr><td>\(t("onderbreekt de ander", "interrupts the other"))</td><td>\(i.agent)</td><td>\(i.customer)</td></tr></table>"
        h += "<p>\(t("Escalaties van de klant", "Customer escalations")): \(r.episodes.count)"
        for e in r.episodes {
            h += " &middot; \(clock(e.start))-" + (e.end.map { clock($0) + " (" + t("tijd tot rust ", "time to calm ") + clock($0 - e.start) + ")" } ?? t("niet opgelost", "unresolved"))
        }
        let cues = r.events.compactMap { if case .cue(_, _, let c) = $0 { return c } else { return nil } }
        h += "<br>\(t("Tips voor de agent", "Cues for the agent")): \(cues.count)"
        for cue in Cue.allCases where cues.contains(cue) { h += " &middot; \(cue.text(dutch: dutch)) x\(cues.filter { $0 == cue }.count)" }
        if let c = r.checklist {
            func yn(_ b: Bool) -> String { b ? t("ja", "yes") : t("nee", "no") }
            h += "<br>\(t("Checklist", "Checklist")): \(t("samenvatting", "summary")) \(yn(c.summary)), \(t("afspraken", "agreements")) \(yn(c.agreements)), \(t("incident", "incident")) \(yn(c.incident))"
        }
        h += "</p>" + SVGTimeline(record: r, dutch: dutch).render()
        h += "<p class=\"legend\"><span class=\"agent-fill\">■</span> \(t("agent", "agent")) <span class=\"customer-fill\">■</span> \(t("klant", "customer")) <span class=\"ep\">■</span> \(t("escalatie", "escalation")) ▼ \(t("onderbreking", "interruption")) ● \(t("instemming", "backchannel")) ▬ \(t("pauze / stilte", "pause / dead air")) <span class=\"cue\">◆</span> \(t("tip", "cue")) ✱ incident <span class=\"gapkey\">┆</span> \(t("apparaat weg", "device away"))</p>"
        return h + "</section>"
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static let css = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;max-width:920px}
        h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #e4e4e4;text-align:left}
        .meta{color:#666}.timeline{width:100%;height:auto}
        .panel{fill:#fafafa;stroke:#ddd}.line{fill:none;stroke-width:1.2}.agent{stroke:#1f5fbf}.customer{stroke:#d9751a}
        .agent-fill{fill:#1f5fbf;color:#1f5fbf}.customer-fill{fill:#d9751a;color:#d9751a}
        .episode{fill:#e0303022}.episode-label{font-size:10px;fill:#a01010}.ep{color:#e0303066}
        .pause{fill:#999}.deadair{fill:#555}.cue{fill:#7a3fb0;color:#7a3fb0}.incident{fill:#c00;font-size:12px}.gap{stroke:#c00;stroke-width:1.5;stroke-dasharray:3 2}.gapkey{color:#c00}
        .axis{font-size:10px;fill:#444}.tick{font-size:9px;fill:#777;text-anchor:end}.tick.start{text-anchor:start}
        .charts{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0;width:400px}figcaption{font-size:12px;color:#444}
        .legend{font-size:12px;color:#444}
        @media print{body{margin:0;max-width:none}section.call{break-inside:avoid}}
        """
}
