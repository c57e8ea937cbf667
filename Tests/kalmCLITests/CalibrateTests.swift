import Foundation
import KalmTestSupport
import Testing

/// `kalm calibrate` from a recording and from a live device (ALSA's `file` plugin playing the
/// bundled calm call): the same samples give the same four numbers.
@Suite struct CalibrateTests {
    private let home = try! WAVFile.temporaryFolder()

    private func numbers(_ path: String) throws -> [String: Double] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Double] ?? [:]
    }

    /// Plays the bundled calm call on kalmfile (stereo), its agent alone on kalmagent (mono)
    /// and on both channels of kalmtwice (a mono microphone through a stereo device).
    private func devices() throws -> (seconds: Double, rate: Int) {
        let recording = try RawRecording(path: fixture)
        try FileCaptureDevices.write(
            [("kalmfile", recording.interleaved), ("kalmagent", recording.channels[0]),
             ("kalmtwice", recording.agentOnBothChannels),
             ("kalmsilent", [UInt8](repeating: 0, count: recording.sampleRate * 2 * 20))], home: home)
        return (recording.seconds, recording.sampleRate)
    }

    @Test func deviceGivesTheRecordingsCalibration() throws {
        let (seconds, rate) = try devices()
        let file = try kalm(["calibrate", fixture, "-o", home + "/file.json", "--lang", "en"])
        #expect(file.status == 0, "\(file.stderr)")
        #expect(file.stdout == "Calibration written to \(home)/file.json\n")
        let live = try kalm(
            ["calibrate", "--device", "kalmfile", "--rate", "\(rate)", "--format", "S16_LE", "--seconds", "\(seconds)",
             "-o", home + "/device.json"], environment: ["HOME": home])
        #expect(live.status == 0, "\(live.stderr)")
        let fromFile = try numbers(home + "/file.json"), fromDevice = try numbers(home + "/device.json")
        #expect(fromFile.count == 4)
        #expect(fromDevice == fromFile)
        // The bundled agent: a calm voice of about 4-5 syllables per second.
        #expect((3.5...6).contains(fromFile["tempo_sps"] ?? 0))
    }

    /// The agent's own microphone alone reads the same voice as the stereo call, within what
    /// the other channel changes (the echo gate has no customer to compare with).
    @Test func monoDeviceReadsTheSameVoice() throws {
        let (seconds, rate) = try devices()
        let stereo = try kalm(
            ["calibrate", "--device", "kalmfile", "--rate", "\(rate)", "--format", "S16_LE", "--seconds", "\(seconds)",
             "-o", home + "/stereo.json"], environment: ["HOME": home])
        let mono = try kalm(
            ["calibrate", "--device", "kalmagent", "--mono", "--rate", "\(rate)", "--format", "S16_LE",
             "--seconds", "\(seconds)", "-o", home + "/mono.json"], environment: ["HOME": home])
        #expect(stereo.status == 0 && mono.status == 0, "\(stereo.stderr)\(mono.stderr)")
        let a = try numbers(home + "/stereo.json"), b = try numbers(home + "/mono.json")
        #expect(abs((a["pitch_st"] ?? 0) - (b["pitch_st"] ?? 99)) < 0.2)
        #expect(abs((a["speech_level_db"] ?? 0) - (b["speech_level_db"] ?? 99)) < 0.5)
        #expect(abs((a["tempo_sps"] ?? 0) / (b["tempo_sps"] ?? 1) - 1) < 0.02)
    }

    /// A mono microphone through a stereo device, without --mono: said in one line, and
    /// calibrated from the agent's channel alone, as with --mono (two copies of one voice
    /// read as two parties talking at once read the tempo 10 % high).
    @Test func oneSignalOnBothChannelsIsCalibratedAsMono() throws {
        let (seconds, rate) = try devices()
        let twice = try kalm(
            ["calibrate", "--device", "kalmtwice", "--rate", "\(rate)", "--format", "S16_LE", "--seconds", "\(seconds)",
             "-o", home + "/twice.json", "--lang", "en"], environment: ["HOME": home])
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(twice.stderr == "kalm: kalmtwice: both channels carry the same signal; calibrated from the agent's channel alone (use --mono for a mono microphone)\n")
        let mono = try kalm(
            ["calibrate", "--device", "kalmagent", "--mono", "--rate", "\(rate)", "--format", "S16_LE",
             "--seconds", "\(seconds)", "-o", home + "/mono.json"], environment: ["HOME": home])
        #expect(mono.status == 0)
        #expect(try numbers(home + "/twice.json") == numbers(home + "/mono.json"))
    }

    @Test func silenceIsRefusedAndNothingWritten() throws {
        _ = try devices()
        let r = try kalm(
            ["calibrate", "--device", "kalmsilent", "--mono", "--format", "S16_LE", "--seconds", "10", "-o",
             home + "/silent.json", "--lang", "en"], environment: ["HOME": home])
        #expect(r.status == 1)
        #expect(r.stderr == "kalm: kalmsilent: too little speech; record at least 10 s of calm speaking\n")
        #expect(!FileManager.default.fileExists(atPath: home + "/silent.json"))
    }

    @Test func missingDeviceIsOneLineAndNothingWritten() throws {
        let r = try kalm(["calibrate", "--device", "no-such-pcm", "-o", home + "/x.json"], environment: ["HOME": home])
        #expect(r.status == 1)
        #expect(r.stderr == "kalm: no-such-pcm: no such capture device (kalm devices lists them)\n")
        #expect(!FileManager.default.fileExists(atPath: home + "/x.json"))
    }

    @Test func needsEitherARecordingOrADevice() throws {
        let neither = try kalm(["calibrate", "-o", home + "/x.json"])
        #expect(neither.status != 0)
        #expect(neither.stderr.contains("give either a recording or --device"))
        let both = try kalm(["calibrate", fixture, "--device", "default", "-o", home + "/x.json"])
        #expect(both.status != 0)
        #expect(!FileManager.default.fileExists(atPath: home + "/x.json"))
    }
}
