import KalmConversation
import KalmPipeline

/// Draws the agent's screen as lines of text from a ``LiveStatus`` (pure: no terminal I/O).
///
/// Per party: volume against their own baseline, tempo, pitch, talk share, interruptions and
/// pauses; the customer's state in plain words with the running "tijd tot rust" clock while
/// an escalation runs; a tension sparkline of the last two minutes; the current cue; the
/// course's step plan. Fits 80x24; narrower terminals get shorter bars.
public struct HUDRenderer: Sendable {
    /// Dutch (default) or English.
    public var dutch: Bool
    /// ANSI colour (off when NO_COLOR is set or the output is not a terminal).
    public var color: Bool

    public init(dutch: Bool, color: Bool) {
        self.dutch = dutch
        self.color = color
    }

    private func t(_ nl: String, _ en: String) -> String { dutch ? nl : en }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    /// The screen, exactly `height` lines no wider than `width`.
    /// - Parameters:
    ///   - tension: the customer's tension once a second, oldest first (the sparkline).
    ///   - title: the first line's label (device or file).
    public func render(_ s: LiveStatus, tension: [Float], title: String, marks: Int, width: Int, height: Int) -> [String] {
        let w = max(40, width)
        var lines: [String] = []
        let clock = Self.clock(s.time)
        lines.append(fit("kalm  \(title)  \(clock)   " + t("[q] stop  [m] markeer  [n] nieuw gesprek", "[q] stop  [m] mark  [n] new call")
            + (marks > 0 ? "  " + t("markeringen", "marks") + " \(marks)" : ""), w))
        lines.append("")
        let column = (w - 2) / 2
        let agentLines = party(t("AGENT (jij)", "AGENT (you)"), s.agent, width: column)
        let customerLines = s.customerPresent ? party(t("KLANT", "CUSTOMER"), s.customer, width: column) : []
        for i in 0..<agentLines.count {
            lines.append(pad(agentLines[i], column) + "  " + (i < customerLines.count ? customerLines[i] : ""))
        }
        lines.append("")
        if s.customerPresent {
            let state: String
            switch s.state {
            case .calm: state = paint(t("KLANT RUSTIG", "CUSTOMER CALM"), "32")
            case .tense: state = paint(t("KLANT GESPANNEN", "CUSTOMER TENSE"), "33")
            case .escalated: state = paint(t("KLANT GEËSCALEERD", "CUSTOMER ESCALATED"), "1;31")
            }
            var line = state + "   " + t("spanning", "tension") + " " + String(Int((s.tension * 100).rounded())) + " %"
            if let start = s.episodeStart {
                line += "   " + t("tijd tot rust", "time to calm") + " " + Self.clock(max(0, s.time - start))
            }
            lines.append(line)
            lines.append(t("spanning, laatste 2 min: ", "tension, last 2 min: ") + sparkline(tension, width: w - 26))
        }
        lines.append("")
        if let cue = s.cue, s.time - s.cueTime < 20 {
            lines.append(paint(">> " + cue.text(dutch: dutch).uppercased() + " <<", "1;36"))
        } else {
            lines.append("")
        }
        lines.append("")
        lines.append(fit(Cue.stepPlan(dutch: dutch), w))
        while lines.count < height { lines.append("") }
        return Array(lines.prefix(height))
    }

    /// The after-call checklist, with the answers given so far.
    public func checklistLines(answered: [Bool]) -> [String] {
        let questions = [t("Samenvatting gegeven?", "Summary given?"), t("Afspraken gemaakt?", "Agreements made?"),
                         t("Incident?", "Incident?")]
        var out = [paint(t("Gesprek afgerond - checklist ([j]a / [n]ee, Esc terug)",
                           "Call ended - checklist ([y]es / [n]o, Esc back)"), "1")]
        for (i, q) in questions.enumerated() {
            let answer = i < answered.count ? (answered[i] ? t("ja", "yes") : t("nee", "no")) : (i == answered.count ? "?" : "")
            out.append("  " + q + " " + answer)
        }
        return out
    }

    private func party(_ name: String, _ p: LiveStatus.PartyStatus, width: Int) -> [String] {
        let bar = max(6, width - 24)
        func rise(_ v: Double?, _ unit: String) -> String {
            guard let v else { return "-" }
            return (v >= 0 ? "+" : "") + String(Int(v.rounded())) + unit
        }
        let volume = meter((p.levelRise ?? 0) / 10, width: bar) + " " + rise(p.levelRise, " dB")
        let tempo = meter((p.tempoRise ?? 0) / 30, width: bar) + " " + (p.tempo.map { String(format1($0)) } ?? "-")
            + " (" + rise(p.tempoRise, " %") + ")"
        return [
            (p.speaking ? "● " : "  ") + name,
            t(" volume ", " volume ") + volume,
            t(" tempo  ", " tempo  ") + tempo,
            t(" toon   ", " pitch  ") + (p.pitchHz.map { String(Int($0.rounded())) + " Hz" } ?? "-"),
            t(" spreektijd ", " talk share ") + String(Int((p.talkShare * 100).rounded())) + " %",
            t(" onderbreekt ", " interrupts ") + "\(p.interruptions)" + t("   pauzes ", "   pauses ") + "\(p.pauses)",
        ]
    }

    /// A centred meter: the middle is the party's own baseline, right is above it.
    private func meter(_ value: Double, width: Int) -> String {
        let half = width / 2
        let filled = Int((min(1, max(-1, value)) * Double(half)).rounded())
        var cells = Array(repeating: Character("·"), count: width)
        cells[half] = "|"
        if filled > 0 { for i in (half + 1)...min(width - 1, half + filled) { cells[i] = "█" } }
        if filled < 0 { for i in max(0, half + filled)..<half { cells[i] = "█" } }
        return String(cells)
    }

    private func sparkline(_ values: [Float], width: Int) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let shown = values.suffix(max(1, width))
        return String(shown.map { blocks[min(7, max(0, Int($0 * 7.99)))] })
    }

    private func format1(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// mm:ss.
    public static func clock(_ seconds: Double) -> String {
        let s = Int(seconds)
        let m = s / 60, r = s % 60
        return (m < 10 ? "0" : "") + "\(m):" + (r < 10 ? "0" : "") + "\(r)"
    }

    private func fit(_ s: String, _ width: Int) -> String { s.count <= width ? s : String(s.prefix(width)) }

    private func pad(_ s: String, _ width: Int) -> String {
        let visible = s.count
        return visible >= width ? String(s.prefix(width)) : s + String(repeating: " ", count: width - visible)
    }
}
