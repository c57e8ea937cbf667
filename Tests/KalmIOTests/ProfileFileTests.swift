import Foundation
import KalmConversation
import KalmIO
import Testing

private let calibration = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../calibration").standardized.path

@Suite struct ProfileFileTests {
    /// The shipped files are exactly the built-in profiles (the documentation cannot drift).
    @Test(arguments: BuiltInProfiles.all.map(\.name))
    func shippedFilesMatchBuiltIns(name: String) throws {
        let path = "\(calibration)/\(name).json"
        let file = try String(contentsOfFile: path, encoding: .utf8)
        let builtIn = try #require(BuiltInProfiles.profile(named: name))
        // Parsed first: comparing the throwing call in place inside #expect crashed the
        // Swift Testing runtime (SIGBUS in __checkFunctionCall) once Profile grew a field.
        let parsed = try ProfileFile.parse(Data(file.utf8), name: name)
        #expect(parsed == builtIn)
        let description = BuiltInProfiles.all.first { $0.name == name }!.description
        #expect(ProfileFile.render(builtIn, description: description) == file)
    }

    @Test func badFilesNameTheFileAndTheField() throws {
        let folder = try WAVFile.temporaryFolder()
        let path = folder + "/p.json"
        try "{\"parameters\": {\"weight_pitch\": {\"value\": 0.3, \"unit\": \"weight\"}}}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: KalmIOError.badProfile(path: path, problem: .missingField(field: "baseline_speech_s"))) {
            try ProfileFile.load(path)
        }
        try "{ not json".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try ProfileFile.load(path) } throws: { error in
            if case .badProfile(path, .syntax)? = error as? KalmIOError { true } else { false }
        }
        #expect { try ProfileFile.load(folder + "/none.json") } throws: { error in
            if case .badProfile(_, .syntax)? = error as? KalmIOError { true } else { false }
        }
    }

    @Test func calibrationRoundTrip() throws {
        let folder = try WAVFile.temporaryFolder()
        let b = Baseline(pitchSemitones: 10.5, pitchRangeSemitones: 1.5, levelDB: -28, tempoSps: 5.2)
        try BaselineFile.encode(b).write(toFile: folder + "/b.json", atomically: true, encoding: .utf8)
        #expect(try BaselineFile.load(folder + "/b.json") == b)
        try "{}".write(toFile: folder + "/x.json", atomically: true, encoding: .utf8)
        #expect(throws: KalmIOError.self) { try BaselineFile.load(folder + "/x.json") }
    }

    @Test func calibrationWithTheVoicedOnlyLevelIsRefusedAsOutdated() throws {
        let folder = try WAVFile.temporaryFolder()
        let old = #"{"level_db": -28, "pitch_range_st": 1.5, "pitch_st": 10.5, "tempo_sps": 5.2}"#
        try old.write(toFile: folder + "/old.json", atomically: true, encoding: .utf8)
        #expect {
            try BaselineFile.load(folder + "/old.json")
        } throws: { error in
            if case .outdatedBaseline(let path)? = error as? KalmIOError { path == folder + "/old.json" } else { false }
        }
    }
}

import KalmTestSupport
