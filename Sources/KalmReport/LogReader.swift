import Foundation
import KalmConversation
import KalmIO
import KalmPipeline

/// Reads a live or headless JSON Lines log (or an events file from `kalm analyze`) back
/// into events. Lines it does not know, and a last line cut short by a killed process, are
/// skipped.
public enum LogReader {
    /// What a log holds.
    public struct Log {
        /// The events, in the order written.
        public var events: [ConversationEvent] = []
        /// The wall-clock time of t = 0, from the session header.
        public var start: Date?
        /// When the conversation starts (s after `start`; 0 in logs before the thirty-first
        /// session, which count from their own start).
        public var startSeconds = 0.0
        /// The conversation's summary, written when it ended (none if kalm was killed).
        public var summary: CallSummary?
    }

    /// Reads `path`. A file with neither a session header nor any event kalm knows is no log
    /// of kalm's (``KalmIOError/notALog(path:)``).
    public static func read(_ path: String) throws -> Log {
        let text = String(decoding: try Syscalls.contents(of: path), as: UTF8.self)
        var log = Log()
        var header = false
        for line in text.split(separator: "\n") {
            let data = Data(line.utf8)
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let type = object["type"] as? String
            else { continue }
            switch type {
            case "session":
                header = true
                log.start = (object["wall_clock_start"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }
                log.startSeconds = object["start_s"] as? Double ?? 0
            case "summary":
                log.summary = try? JSONDecoder().decode(CallSummary.self, from: data)
            default:
                if let event = event(type, object) { log.events.append(event) }
            }
        }
        if !header && log.events.isEmpty { throw KalmIOError.notALog(path: path) }
        return log
    }

    private static func event(_ type: String, _ o: [String: Any]) -> ConversationEvent? {
        let t = o["t"] as? Double ?? 0
        func party(_ key: String) -> Party? { (o[key] as? String).flatMap(Party.init(rawValue:)) }
        func number(_ key: String) -> Double? { o[key] as? Double }
        func state(_ key: String) -> TensionState? { (o[key] as? String).flatMap(TensionState.init(rawValue:)) }
        switch type {
        case "interruption":
            guard let by = party("by"), let of = party("of"), let overlap = number("overlap_s") else { return nil }
            return .interruption(t: t, by: by, of: of, overlapSeconds: overlap)
        case "backchannel":
            guard let by = party("by"), let d = number("duration_s") else { return nil }
            return .backchannel(t: t, by: by, durationSeconds: d)
        case "pause":
            guard let p = party("party"), let d = number("duration_s") else { return nil }
            return .pause(t: t, party: p, durationSeconds: d)
        case "dead_air":
            return number("duration_s").map { .deadAir(t: t, durationSeconds: $0) }
        case "state":
            guard let p = party("party"), let from = state("from"), let to = state("to") else { return nil }
            return .state(t: t, party: p, from: from, to: to)
        case "cue":
            guard let cue = (o["cue"] as? String).flatMap(Cue.init(rawValue:)) else { return nil }
            return .cue(t: t, party: .agent, cue: cue)
        case "escalation":
            guard let p = party("party"), let s = number("start") else { return nil }
            return .escalation(party: p, start: s, end: number("end"))
        case "incident":
            return .incident(t: t)
        case "checklist":
            return .checklist(
                t: t, summaryGiven: o["summary_given"] as? Bool ?? false,
                agreementsMade: o["agreements_made"] as? Bool ?? false, incident: o["incident"] as? Bool ?? false)
        case "device_gap":
            return number("duration_s").map { .deviceGap(t: t, durationSeconds: $0) }
        default:
            return nil
        }
    }
}
