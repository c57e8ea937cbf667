import Foundation
import KalmConversation

/// The agent's stored calibration: a ``Baseline`` as JSON.
public enum BaselineFile {
    /// Reads a calibration written by `kalm calibrate`.
    public static func load(_ path: String) throws -> Baseline {
        let data = Data(try Syscalls.contents(of: path, limit: 1 << 20))
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw KalmIOError.badBaseline(path: path, problem: .notJSON)
        }
        if object["level_db"] != nil, object["speech_level_db"] == nil { throw KalmIOError.outdatedBaseline(path: path) }
        let b: Baseline
        do {
            b = try JSONDecoder().decode(Baseline.self, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw KalmIOError.badBaseline(path: path, problem: .missingField(key.stringValue))
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
                DecodingError.dataCorrupted(let context) {
            throw KalmIOError.badBaseline(path: path, problem: .notANumber(context.codingPath.last?.stringValue ?? "?"))
        }
        guard b.tempoSps > 0, b.pitchRangeSemitones > 0, b.levelDB.isFinite, b.pitchSemitones.isFinite else {
            throw KalmIOError.badBaseline(path: path, problem: .outOfRange)
        }
        return b
    }

    /// The calibration's JSON text.
    public static func encode(_ baseline: Baseline) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(baseline), as: UTF8.self) + "\n"
    }
}
