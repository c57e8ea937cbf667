import Foundation
import KalmConversation

/// The per-call timeline as inline SVG: four panels (level, pitch, tempo, tension) with the
/// agent in blue and the customer in orange, shaded escalation episodes with their "tijd
/// tot rust", and a row of markers for interruptions, backchannels, pauses, dead air, cues
/// and incidents. Polylines have at most one point per column (decimated upstream).
struct SVGTimeline {
    let record: CallRecord
    let dutch: Bool
    static let width = 860.0, left = 40.0, panelHeight = 70.0, gap = 24.0

    private func t(_ nl: String, _ en: String) -> String { dutch ? nl : en }

    private var plotWidth: Double { Self.width - Self.left - 10 }

    private func x(_ seconds: Double) -> Double {
        Self.left + plotWidth * (record.durationS > 0 ? min(1, max(0, seconds / record.durationS)) : 0)
    }

    func render() -> String {
        let panels: [(String, (CallRecord.Column) -> Double?, ClosedRange<Double>)] = record.columns.isEmpty ? [] : [
            (t("volume (dBFS)", "level (dBFS)"), { $0.level }, -60 ... -5),
            (t("toonhoogte (Hz)", "pitch (Hz)"), { $0.pitch }, 60...400),
            (t("tempo (lg/s)", "tempo (syl/s)"), { $0.tempo }, 2...9),
            (t("spanning klant", "customer tension"), { $0.tension }, 0...1),
        ]
        let markerTop = Double(panels.count) * (Self.panelHeight + Self.gap) + 16
        let height = markerTop + 60
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(Self.width)) \(n(height))\" class=\"timeline\" role=\"img\">"
        for (start, end) in record.episodes {
            let x0 = x(start), x1 = x(end ?? record.durationS)
            let label = end.map { t("tijd tot rust ", "time to calm ") + clock($0 - start) } ?? t("niet opgelost", "unresolved")
            svg += "<rect x=\"\(n(x0))\" y=\"0\" width=\"\(n(max(1, x1 - x0)))\" height=\"\(n(height - 20))\" class=\"episode\"><title>\(label)</title></rect>"
            svg += "<text x=\"\(n(x0 + 3))\" y=\"\(n(height - 24))\" class=\"episode-label\">\(label)</text>"
        }
        for (i, panel) in panels.enumerated() {
            let top = Double(i) * (Self.panelHeight + Self.gap) + 16
            svg += "<text x=\"\(n(Self.left))\" y=\"\(n(top - 4))\" class=\"axis\">\(panel.0)</text>"
            svg += "<rect x=\"\(n(Self.left))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(Self.panelHeight))\" class=\"panel\"/>"
            svg += "<text x=\"\(n(Self.left - 4))\" y=\"\(n(top + 10))\" class=\"tick\">\(n(panel.2.upperBound))</text>"
            svg += "<text x=\"\(n(Self.left - 4))\" y=\"\(n(top + Self.panelHeight))\" class=\"tick\">\(n(panel.2.lowerBound))</text>"
            let parties = i == 3 ? [1] : Array(record.columns.indices)
            for p in parties where p < record.columns.count {
                svg += polyline(record.columns[p], value: panel.1, range: panel.2, top: top, cls: p == 0 ? "agent" : "customer")
            }
        }
        svg += markers(top: markerTop)
        svg += "<text x=\"\(n(Self.left))\" y=\"\(n(height - 4))\" class=\"tick start\">00:00</text>"
        svg += "<text x=\"\(n(Self.width - 10))\" y=\"\(n(height - 4))\" class=\"tick\">\(clock(record.durationS))</text>"
        return svg + "</svg>"
    }

    private func polyline(_ columns: [CallRecord.Column], value: (CallRecord.Column) -> Double?, range: ClosedRange<Double>,
                          top: Double, cls: String) -> String {
        var d = ""
        var pen = false
        for (i, c) in columns.enumerated() {
            guard let v = value(c) else {
                pen = false
                continue
            }
            let px = x((Double(i) + 0.5) * record.columnSeconds)
            let py = top + Self.panelHeight * (1 - (min(range.upperBound, max(range.lowerBound, v)) - range.lowerBound)
                / (range.upperBound - range.lowerBound))
            d += (pen ? "L" : "M") + n(px) + " " + n(py)
            pen = true
        }
        return d.isEmpty ? "" : "<path d=\"\(d)\" class=\"line \(cls)\"/>"
    }

    private func markers(top: Double) -> String {
        var out = "<text x=\"\(n(Self.left))\" y=\"\(n(top - 4))\" class=\"axis\">\(t("gebeurtenissen", "events"))</text>"
        for e in record.events {
            let px = x(e.t)
            switch e {
            case .interruption(let t0, let by, _, let overlap):
                let title = (by == .agent ? t("agent onderbreekt klant", "agent interrupts customer") : t("klant onderbreekt agent", "customer interrupts agent"))
                    + " \(clock(t0)), " + t("overlap ", "overlap ") + n(overlap) + " s"
                out += "<path d=\"M\(n(px - 5)) \(n(top)) L\(n(px + 5)) \(n(top)) L\(n(px)) \(n(top + 9)) Z\" class=\"\(by == .agent ? "agent" : "customer")-fill\"><title>\(title)</title></path>"
            case .backchannel(_, let by, _):
                out += "<circle cx=\"\(n(px))\" cy=\"\(n(top + 16))\" r=\"2\" class=\"\(by == .agent ? "agent" : "customer")-fill\"><title>\(t("instemming", "backchannel"))</title></circle>"
            case .pause(_, _, let d):
                out += "<rect x=\"\(n(px))\" y=\"\(n(top + 22))\" width=\"\(n(max(1, x(e.t + d) - px)))\" height=\"4\" class=\"pause\"><title>\(t("pauze", "pause")) \(n(d)) s</title></rect>"
            case .deadAir(_, let d):
                out += "<rect x=\"\(n(px))\" y=\"\(n(top + 28))\" width=\"\(n(max(1, x(e.t + d) - px)))\" height=\"4\" class=\"deadair\"><title>\(t("stilte", "dead air")) \(n(d)) s</title></rect>"
            case .cue(_, _, let cue):
                out += "<path d=\"M\(n(px)) \(n(top + 34)) l4 4 l-4 4 l-4 -4 Z\" class=\"cue\"><title>\(cue.text(dutch: dutch)) \(clock(e.t))</title></path>"
            case .deviceGap(_, let d):
                out += "<path d=\"M\(n(px)) \(n(top)) V\(n(top + 44))\" class=\"gap\"><title>\(t("apparaat weg", "device away")) \(n(d)) s, \(t("terug om", "back at")) \(clock(e.t))</title></path>"
            case .incident:
                out += "<text x=\"\(n(px))\" y=\"\(n(top + 50))\" class=\"incident\">✱<title>\(t("incident", "incident")) \(clock(e.t))</title></text>"
            default:
                break
            }
        }
        return out
    }
}

/// A compact number for SVG and tables (at most one decimal).
func n(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
}

/// mm:ss, or h:mm:ss from an hour on.
func clock(_ seconds: Double) -> String {
    let s = max(0, Int(seconds.rounded()))
    let two = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
    return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(two(s / 60)):\(two(s % 60))"
}
