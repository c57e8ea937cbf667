import Foundation
import KalmIO
import KalmTestSupport
import Testing

/// Capture devices that fail as hardware does, through ALSA's external-plugin interface:
/// the `kalmtest` device (Sources/CALSATestDevice) plays a recording and can be held by
/// another program (EBUSY on open) or be unplugged mid-call (ENODEV on read and open,
/// then back).
@Suite struct DeviceFaultTests {
    private let call = fixture.replacingOccurrences(of: "demo-call", with: "escalation-call")

    /// Writes the call as raw S16_LE and an .asoundrc defining `devices` (name: fields;
    /// `@HOME@` in the fields is the test's home folder).
    private func setUp(_ devices: [String: String]) throws -> (home: String, seconds: Double, rate: Int) {
        let home = try WAVFile.temporaryFolder()
        let recording = try RawRecording(path: call)
        try Data(recording.interleaved).write(to: URL(fileURLWithPath: home + "/call.raw"))
        var config = "pcm_type.kalmtest { lib \"\(builtProduct("libasound_module_pcm_kalmtest.so"))\" }\n"
        for (name, fields) in devices {
            config += "pcm.\(name) { type kalmtest infile \"\(home)/call.raw\" rate \(recording.sampleRate) \(fields.replacingOccurrences(of: "@HOME@", with: home)) }\n"
        }
        try config.write(toFile: home + "/.asoundrc", atomically: true, encoding: .utf8)
        return (home, recording.seconds, recording.sampleRate)
    }

    @Test func busyDeviceIsOneLineAndExitOne() throws {
        let (home, _, rate) = try setUp(["held": "busy true"])
        let r = try kalm(["live", "--device", "held", "--rate", "\(rate)", "--duration", "1"],
                         environment: ["HOME": home])
        #expect(r.status == 1)
        #expect(r.stderr == "kalm: held: in use by another program; close it, or capture through a dsnoop device\n")
        let nl = try kalm(["live", "--device", "held", "--rate", "\(rate)", "--duration", "1"],
                          environment: ["HOME": home, "LANG": "nl_NL.UTF-8"])
        #expect(nl.stderr == "kalm: held: in gebruik door een ander programma; sluit dat, of neem op via een dsnoop-apparaat\n")
    }

    /// A device this user may not open says what to check.
    @Test func forbiddenDeviceSaysWhatToCheck() throws {
        let (home, _, rate) = try setUp(["locked": "forbidden true"])
        let r = try kalm(["calibrate", "--device", "locked", "--rate", "\(rate)", "-o", home + "/agent.json"],
                         environment: ["HOME": home])
        #expect(r.status == 1)
        #expect(r.stderr == "kalm: locked: no permission to capture (is the user in the audio group?)\n")
        #expect(!FileManager.default.fileExists(atPath: home + "/agent.json"))
    }

    /// A mono headset given where a stereo device is needed, and a device that captures only
    /// at 48 kHz: one line each says what the device does and what to give instead.
    @Test func wrongChannelsOrRateSayWhatToGive() throws {
        let (home, _, _) = try setUp(["monomic": "channels 1", "wide": "rate 48000"])
        let mono = try kalm(["live", "--device", "monomic", "--rate", "8000", "--duration", "1", "--lang", "en"],
                            environment: ["HOME": home])
        #expect(mono.status == 1)
        #expect(mono.stderr == "kalm: monomic: captures 1 channel, not 2 (agent left, customer right); with one microphone per party give --agent-device and --customer-device, or calibrate with --mono\n")
        let calibrated = try kalm(["calibrate", "--device", "monomic", "--rate", "8000", "--mono", "--seconds", "10",
                                   "-o", home + "/agent.json"], environment: ["HOME": home])
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        let wide = try kalm(["live", "--device", "wide", "--rate", "16000", "--duration", "1", "--lang", "nl"],
                            environment: ["HOME": home])
        #expect(wide.status == 1)
        #expect(wide.stderr == "kalm: wide: neemt niet op met 16000 Hz (dichtstbij: 48000 Hz); gebruik --rate 48000\n")
    }

    /// Unplugged after 30 s of the call and away for 1.2 s: kalm says so once, reopens with
    /// backoff, logs the gap as a `device_gap` event and captures the rest of the call; the
    /// session ends normally with its summary.
    @Test func deviceLostMidCallIsReopenedAndTheGapLogged() throws {
        let (home, seconds, rate) = try setUp(["flaky": "vanish_after \(30 * 8000) absent_ms 1200 state \"@HOME@/vanished\""])
        #expect(rate == 8000)
        let logs = home + "/logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let r = try kalm(["live", "--device", "flaky", "--rate", "\(rate)", "--format", "S16_LE", "--accelerated",
                          "--headless", "--log-dir", logs, "--duration", "\(seconds)"], environment: ["HOME": home])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.components(separatedBy: "kalm: flaky: device lost (No such device); reopening\n").count - 1 == 1,
                "\(r.stderr)")
        #expect(r.stderr.contains("kalm: flaky: device back after "))
        #expect(r.stderr.contains("captured"))
        let files = try FileManager.default.contentsOfDirectory(atPath: logs)
        #expect(files.count == 1)
        let lines = try String(contentsOfFile: logs + "/" + files[0], encoding: .utf8).split(separator: "\n")
        let events = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(events.count == lines.count)
        let gaps = events.filter { $0["type"] as? String == "device_gap" }
        #expect(gaps.count == 1)
        if let gap = gaps.first, let t = gap["t"] as? Double, let duration = gap["duration_s"] as? Double {
            #expect(abs(t - 30) < 0.5)
            #expect(duration >= 1.2 && duration < 5)
        }
        // The call goes on after the gap (the device plays the recording again from its start).
        #expect(events.contains { ($0["t"] as? Double ?? 0) > 60 })
    }

    /// Two mono microphones on clocks of their own, `agentmic` and `customermic`, playing the
    /// call's two channels, with further kalmtest `agent` and `customer` fields (`@HOME@`: the
    /// test's home folder; `@RATE@`: the call's sample rate).
    private func twoMicrophones(agent: String, customer: String) throws -> (home: String, rate: Int) {
        let home = try WAVFile.temporaryFolder()
        let recording = try RawRecording(path: call)
        let rate = recording.sampleRate
        var config = "pcm_type.kalmtest { lib \"\(builtProduct("libasound_module_pcm_kalmtest.so"))\" }\n"
        for (i, (name, fields)) in [("agentmic", agent), ("customermic", customer)].enumerated() {
            try Data(recording.channels[i]).write(to: URL(fileURLWithPath: "\(home)/\(name).raw"))
            config += "pcm.\(name) { type kalmtest channels 1 rate \(rate) clocked true infile \"\(home)/\(name).raw\" "
                + fields.replacingOccurrences(of: "@HOME@", with: home).replacingOccurrences(of: "@RATE@", with: "\(rate)")
                + " }\n"
        }
        try config.write(toFile: home + "/.asoundrc", atomically: true, encoding: .utf8)
        return (home, rate)
    }

    /// One microphone per party, on clocks of their own, and the agent's is unplugged 1 s
    /// into the call: the customer goes on in real time, the agent is silence while away,
    /// and their audio after it lands where it was spoken. (Before, the analysis waited for
    /// the agent: everything they said afterwards was placed as far back as they were away,
    /// against the customer's words of that earlier moment, for the rest of the session.)
    @Test func twoDevicesStayInStepWhenOneIsAway() throws {
        let (home, rate) = try twoMicrophones(agent: "vanish_after @RATE@ absent_ms 300 state \"@HOME@/vanished\"", customer: "")
        let logs = home + "/logs"
        let r = try kalm(["live", "--agent-device", "agentmic", "--customer-device", "customermic", "--rate", "\(rate)",
                          "--headless", "--log-dir", logs, "--duration", "3", "--lang", "en"], environment: ["HOME": home])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("kalm: agentmic: device back after "), "\(r.stderr)")
        #expect(!r.stderr.contains("in step"), "\(r.stderr)")
        #expect(r.stderr.contains("kalm: captured 3.0 s from agentmic + customermic"), "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: logs)
        let events = try files.flatMap { file in
            try String(contentsOfFile: logs + "/" + file, encoding: .utf8).split(separator: "\n")
                .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        let gaps = events.filter { $0["type"] as? String == "device_gap" }
        #expect(gaps.count == 1)
        let t = try #require(gaps.first?["t"] as? Double), away = try #require(gaps.first?["duration_s"] as? Double)
        // Away from 1 s of the call for `away` seconds (the first reopening after 0.5 s):
        // the gap ends that much later in the call, as on the clock.
        #expect(away >= 0.45 && away < 1.2)
        #expect(abs(t - (1 + away)) < 0.15, "gap logged at \(t) s after \(away) s away")
    }

    /// Two microphones whose clocks differ by 5 % (a thousand times what two headsets do):
    /// the fast one's lead is left out each time it stays above 50 ms for 2 s (in 6 s
    /// it grows to 0.3 s), and the end line says how much.
    @Test func twoDevicesOnDifferentClocksAreKeptInStep() throws {
        let (home, rate) = try twoMicrophones(agent: "", customer: "clock_ppm 50000")
        let r = try kalm(["live", "--agent-device", "agentmic", "--customer-device", "customermic", "--rate", "\(rate)",
                          "--duration", "6", "--lang", "en"], environment: ["HOME": home])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stderr.split(separator: "\n").first { $0.hasPrefix("kalm: captured") })
        let left = try #require(line.firstMatch(of: /, ([0-9.]+) s of the leading of two devices left out to keep them in step$/))
        let seconds = try #require(Double(left.1))
        #expect(seconds >= 0.05 && seconds <= 0.3, "\(line)")
    }
}
