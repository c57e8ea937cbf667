import Foundation
import KalmPipeline

/// Encodes a ``CallSummary`` as the summary JSON (sorted keys, numbers rounded to 3 decimals).
public enum SummaryJSON {
    /// The summary's JSON text.
    public static func encode(_ summary: CallSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(rounded(summary))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The summary as one JSON Lines line of a log: `{"type":"summary","t":...,` and the
    /// summary JSON's fields (no newline).
    public static func line(_ summary: CallSummary, t: Double) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let fields = String(decoding: try encoder.encode(rounded(summary)), as: UTF8.self)
        return "{\"type\":\"summary\",\"t\":" + String(format: "%.3f", t) + "," + fields.dropFirst()
    }

    private static func rounded(_ s: CallSummary) -> CallSummary {
        func r(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
        func r(_ v: Double?) -> Double? { v.map { r($0) } }
        func p(_ x: CallSummary.PartyStats) -> CallSummary.PartyStats {
            var x = x
            x.talkTimeS = r(x.talkTimeS)
            x.talkShare = r(x.talkShare)
            x.tempoSps = r(x.tempoSps)
            x.medianF0Hz = r(x.medianF0Hz)
            x.levelDb = r(x.levelDb)
            x.loudnessLufs = r(x.loudnessLufs)
            x.pauseTotalS = r(x.pauseTotalS)
            x.longestMonologueS = r(x.longestMonologueS)
            return x
        }
        var s = s
        s.durationS = r(s.durationS)
        s.agent = p(s.agent)
        s.customer = s.customer.map(p)
        s.deadAirTotalS = r(s.deadAirTotalS)
        s.escalations = s.escalations.map { CallSummary.Episode(party: $0.party, start: r($0.start), end: r($0.end)) }
        return s
    }
}
