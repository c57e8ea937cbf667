import Foundation
import KalmConversation

/// The agent's stored calibration: a ``Baseline`` as JSON.
public enum BaselineFile {
    /// Reads a calibration written by `kalm calibrate`.
    public static func load(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KalmIOError.fileNotFound(path: path)
        }
        do {
            let b = try JSONDecoder().decode(Baseline.self, from: data)
            guard b.tempoSps > 0, b.pitchRangeSemitones > 0, b.levelDB.isFinite, b.pitchSemitones.isFinite else {
                throw KalmIOError.badBaseline(path: path, reason: "values out of range")
            }
            return b
        } catch let error as KalmIOError {
            throw error
        } catch {
            if let old = try? JSONSerialization.jsonObject(with: data) as? [String: Any], old["level_db"] != nil {
                throw KalmIOError.outdatedBaseline(path: path)
            }
            throw KalmIOError.badBaseline(path: path, reason: "not a kalm calibration: \(error)")
        }
    }

    /// The calibration's JSON text.
    public static func encode(_ baseline: Baseline) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(baseline), as: UTF8.self) + "\n"
    }
}
