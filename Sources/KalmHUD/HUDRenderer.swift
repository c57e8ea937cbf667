import KalmConversation
import KalmPipeline

/// Draws the agent's screen as lines of text from a ``LiveStatus`` (pure: no terminal I/O).
///
/// Per party: volume against their own baseline, tempo, pitch, talk share, interruptions and
/// pauses; the customer's state in plain words with the running "tijd tot rust" clock while
/// an escalation runs; a tension sparkline of the last two minutes; the current cue; the
/// course's step plan. Fits 80x24; narrower or lower terminals get shorter bars, the
/// parties one above the other, and fewer lines.
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

    /// The screen, exactly `height` lines no wider than `width`. Narrower than 60 columns the
    /// parties are shown one above the other; when the lines do not fit in `height`, the
    /// least needed go first (empty lines, the step plan, the sparkline, the talk share and
    /// counts, then pitch), so that the cue, the customer's state and the checklist stay.
    /// - Parameters:
    ///   - tension: the customer's tension once a second, oldest first (the sparkline).
    ///   - title: the first line's label (device or file).
    ///   - checklist: the answers given so far while the after-call checklist is open.
    ///   - notice: what the agent must know beside the call (a device lost), shown under the
    ///     title line as long as it is given.
    public func render(_ s: LiveStatus, tension: [Float], title: String, marks: Int, width: Int, height: Int,
                       checklist: [Bool]? = nil, notice: String? = nil) -> [String] {
        let w = max(1, width)
        /// Each line with how much it is needed (0 most) and its text before painting.
        var lines: [(rank: Int, text: String, paint: String?)] = []
        func add(_ rank: Int, _ text: String, paint code: String? = nil) { lines.append((rank, text, code)) }
        add(0, "kalm  \(title)  \(Self.clock(s.time))   " + t("[q] stop  [m] markeer  [n] nieuw gesprek", "[q] stop  [m] mark  [n] new call")
            + (marks > 0 ? "  " + t("markeringen", "marks") + " \(marks)" : ""))
        if let notice { add(0, "! " + notice, paint: "1;33") }
        add(9, "")
        let sideBySide = w >= 60
        let column = sideBySide ? (w - 2) / 2 : w
        let agentLines = party(t("AGENT (jij)", "AGENT (you)"), s.agent, width: column)
        let customerLines = s.customerPresent ? party(t("KLANT", "CUSTOMER"), s.customer, width: column) : []
        let partyRanks = [2, 3, 3, 4, 6, 6]
        if sideBySide {
            for (i, line) in agentLines.enumerated() {
                add(partyRanks[i], pad(line, column) + "  " + (i < customerLines.count ? customerLines[i] : ""))
            }
        } else {
            for (i, line) in agentLines.enumerated() { add(partyRanks[i], line) }
            for (i, line) in customerLines.enumerated() { add(partyRanks[i], line) }
        }
        add(9, "")
        if s.customerPresent {
            let state: String, code: String
            switch s.state {
            case .calm: (state, code) = (t("KLANT RUSTIG", "CUSTOMER CALM"), "32")
            case .tense: (state, code) = (t("KLANT GESPANNEN", "CUSTOMER TENSE"), "33")
            case .escalated: (state, code) = (t("KLANT GEËSCALEERD", "CUSTOMER ESCALATED"), "1;31")
            }
            var line = state + "   " + t("spanning", "tension") + " " + String(Int((s.tension * 100).rounded())) + " %"
            if let start = s.episodeStart {
                line += "   " + t("tijd tot rust", "time to calm") + " " + Self.clock(max(0, s.time - start))
            }
            add(1, line, paint: code)
            let label = t("spanning, laatste 2 min: ", "tension, last 2 min: ")
            add(5, label + sparkline(tension, width: max(1, w - 26)))
        }
        add(9, "")
        if let cue = s.cue, s.time - s.cueTime < 20 {
            add(0, ">> " + cue.text(dutch: dutch).uppercased() + " <<", paint: "1;36")
        } else {
            add(8, "")
        }
        add(9, "")
        add(7, Cue.stepPlan(dutch: dutch))
        if let checklist {
            add(9, "")
            for (i, line) in checklistLines(answered: checklist).enumerated() { add(0, line, paint: i == 0 ? "1" : nil) }
        }
        while lines.count > height, let worst = lines.map(\.rank).max(),
              let drop = lines.lastIndex(where: { $0.rank == worst }) {
            lines.remove(at: drop)
        }
        var out = lines.map { line -> String in
            let text = fit(line.text, w)
            guard let code = line.paint, !text.isEmpty else { return text }
            return paint(text, code)
        }
        while out.count < height { out.append("") }
        return out
    }

    /// The after-call checklist, with the answers given so far (plain text).
    public func checklistLines(answered: [Bool]) -> [String] {
        let questions = [t("Samenvatting gegeven?", "Summary given?"), t("Afspraken gemaakt?", "Agreements made?"),
                         t("Incident?", "Incident?")]
        var out = [t("Gesprek afgerond - checklist ([j]a / [n]ee, Esc terug)", "Call ended - checklist ([y]es / [n]o, Esc back)")]
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
