import Foundation
import KalmConversation

/// One row per call for spreadsheets (`kalm report --csv`).
public enum CallTable {
    /// The header row.
    public static let header = "call,agent,date,duration_s,agent_talk_share,customer_talk_share,agent_interruptions,"
        + "customer_interruptions,escalations,median_tijd_tot_rust_s,cues,agent_pauses,summary_given,agreements_made,incident"

    /// The CSV text: header and a row per record.
    public static func csv(_ records: [CallRecord]) -> String {
        let iso = ISO8601DateFormatter()
        var lines = [header]
        for r in records {
            let ttrs = r.episodes.compactMap { e in e.end.map { $0 - e.start } }.sorted()
            let cues = r.events.filter { if case .cue = $0 { true } else { false } }.count
            let pauses = r.summary.map { "\($0.agent.pauses)" } ?? String(r.events.filter { if case .pause(_, .agent, _) = $0 { true } else { false } }.count)
            let c = r.checklist
            lines.append([
                field(r.name), field(r.agent), r.date.map { iso.string(from: $0) } ?? "", n(r.durationS),
                r.summary.map { n(100 * $0.agent.talkShare) } ?? "", r.summary?.customer.map { n(100 * $0.talkShare) } ?? "",
                "\(r.interruptions.agent)", "\(r.interruptions.customer)", "\(r.episodes.count)",
                ttrs.isEmpty ? "" : n(ttrs[ttrs.count / 2]), "\(cues)", pauses,
                c.map { "\($0.summary)" } ?? "", c.map { "\($0.agreements)" } ?? "", c.map { "\($0.incident)" } ?? "",
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A text field (a file or folder name): quoted when it holds a comma, quote or line
    /// break (RFC 4180), and led by `'` when a spreadsheet would take it for a formula
    /// (`=`, `+`, `-`, `@`, tab, carriage return first).
    static func field(_ text: String) -> String {
        let safe = text.first.map { "=+-@\t\r".contains($0) } == true ? "'" + text : text
        guard safe.contains(where: { ",\"\n\r".contains($0) }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
