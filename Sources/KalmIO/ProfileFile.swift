import Foundation
import KalmConversation

/// Profiles as files: JSON with one entry per parameter (value and unit, plus the default,
/// range and reason for the reader). Built-in profiles are found by name.
public enum ProfileFile {
    /// Loads `nameOrPath`: a built-in profile's name, or a path to a profile file.
    public static func load(_ nameOrPath: String) throws -> Profile {
        if let builtIn = BuiltInProfiles.profile(named: nameOrPath) { return builtIn }
        let bytes = try readFile(nameOrPath)
        do {
            return try parse(Data(bytes), name: nameOrPath)
        } catch {
            throw KalmIOError.badProfile(path: nameOrPath, problem: error)
        }
    }

    /// The profile file's bytes; a missing file is said to be neither a file nor a built-in name.
    private static func readFile(_ path: String) throws -> [UInt8] {
        guard Syscalls.exists(path) else {
            throw KalmIOError.badProfile(
                path: path, problem: .syntax(detail: "no such file, and no built-in profile of that name ("
                    + BuiltInProfiles.all.map(\.name).joined(separator: ", ") + ")"))
        }
        return try Syscalls.contents(of: path, limit: 1 << 20)
    }

    /// Parses profile JSON.
    public static func parse(_ data: Data, name: String) throws(ProfileError) -> Profile {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .syntax(detail: "not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "parse error"))")
        }
        guard let root = object as? [String: Any], let parameters = root["parameters"] as? [String: Any] else {
            throw .syntax(detail: "expected an object with \"parameters\"")
        }
        var values: [String: (value: Double, unit: String)] = [:]
        for (key, entry) in parameters {
            guard let fields = entry as? [String: Any], let value = (fields["value"] as? NSNumber)?.doubleValue,
                let unit = fields["unit"] as? String
            else { throw .syntax(detail: "\(key): needs a numeric \"value\" and a \"unit\"") }
            values[key] = (value, unit)
        }
        return try Profile(name: root["profile"] as? String ?? name, values: values)
    }

    /// The profile as a documented file: every parameter with value, unit, default, range
    /// and reason.
    public static func render(_ profile: Profile, description: String) -> String {
        func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = ["{", "  \"profile\": \(quoted(profile.name)),", "  \"description\": \(quoted(description)),",
                     "  \"parameters\": {"]
        for (i, p) in ProfileParameter.all.enumerated() {
            let comma = i == ProfileParameter.all.count - 1 ? "" : ","
            lines.append("    \(quoted(p.name)): {\"value\": \(number(profile[keyPath: p.keyPath])), \"unit\": \(quoted(p.unit)), "
                + "\"default\": \(number(p.defaultValue)), \"range\": [\(number(p.range.lowerBound)), \(number(p.range.upperBound))], "
                + "\"reason\": \(quoted(BuiltInProfiles.reason(p, in: profile.name)))}\(comma)")
        }
        lines += ["  }", "}"]
        return lines.joined(separator: "\n") + "\n"
    }
}
