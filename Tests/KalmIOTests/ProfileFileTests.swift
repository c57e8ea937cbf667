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

    /// Each way a calibration file can be wrong is named: not JSON, a field missing or not a
    /// number, a folder, a file far too large; a pipe is read like a file.
    @Test func badCalibrationsAreNamed() throws {
        let folder = try WAVFile.temporaryFolder()
        let cases: [(String, KalmIOError)] = [
            ("garbage", .badBaseline(path: folder + "/0.json", problem: .notJSON)),
            ("", .badBaseline(path: folder + "/1.json", problem: .notJSON)),
            (#"{"pitch_range_st": 1.5, "speech_level_db": -28, "tempo_sps": 5.2}"#,
             .badBaseline(path: folder + "/2.json", problem: .missingField("pitch_st"))),
            (#"{"pitch_st": "high", "pitch_range_st": 1.5, "speech_level_db": -28, "tempo_sps": 5.2}"#,
             .badBaseline(path: folder + "/3.json", problem: .notANumber("pitch_st"))),
            (#"{"pitch_st": 10, "pitch_range_st": 1.5, "speech_level_db": null, "tempo_sps": 5.2}"#,
             .badBaseline(path: folder + "/4.json", problem: .notANumber("speech_level_db"))),
            (#"{"pitch_st": 10, "pitch_range_st": 1.5, "speech_level_db": -28, "tempo_sps": 0}"#,
             .badBaseline(path: folder + "/5.json", problem: .outOfRange)),
        ]
        for (i, (text, expected)) in cases.enumerated() {
            try text.write(toFile: folder + "/\(i).json", atomically: true, encoding: .utf8)
            #expect(throws: expected) { try BaselineFile.load(folder + "/\(i).json") }
        }
        #expect(throws: KalmIOError.isDirectory(path: folder)) { try BaselineFile.load(folder) }
        #expect(throws: KalmIOError.tooLarge(path: "/dev/zero", limit: 1 << 20)) { try BaselineFile.load("/dev/zero") }
        #expect(throws: KalmIOError.isDirectory(path: folder)) { try ProfileFile.load(folder) }
        let b = Baseline(pitchSemitones: 10.5, pitchRangeSemitones: 1.5, levelDB: -28, tempoSps: 5.2)
        let fifo = folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let text = try BaselineFile.encode(b)
        let writer = Thread { try? text.write(toFile: fifo, atomically: false, encoding: .utf8) }
        writer.start()
        #expect(try BaselineFile.load(fifo) == b)
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
