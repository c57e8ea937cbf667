import Foundation
import KalmIO
import KalmTestSupport
import Testing

/// The path of a product of this package in the build folder the tests run from.
func builtProduct(_ name: String) -> String {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let beside = folder.appendingPathComponent(name).path
    return FileManager.default.fileExists(atPath: beside) ? beside : folder.deletingLastPathComponent().appendingPathComponent(name).path
}

/// Runs the built `kalm` executable and captures its output.
func kalm(_ arguments: [String], environment: [String: String] = [:], executable: String? = nil) throws
    -> (status: Int32, stdout: String, stderr: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable ?? builtProduct("kalm"))
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C"
    env["LC_ALL"] = nil
    env["LC_MESSAGES"] = nil
    env["LANGUAGE"] = nil
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Fixtures/demo-call.flac").standardized.path

@Suite struct KalmCommandTests {
    private let folder = try! WAVFile.temporaryFolder()

    @Test func analyzeWritesTheContract() throws {
        let frames = folder + "/f.csv", events = folder + "/e.jsonl", summary = folder + "/s.json"
        let r = try kalm(["analyze", fixture, "--frames", frames, "--events", events, "--summary", summary])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Interruptions"))
        let csv = try String(contentsOfFile: frames, encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "t,party,speech,level_db,loudness_lufs,f0_hz,tempo_sps,tension,state")
        #expect(csv[1].hasPrefix("0.005,agent,0,"))
        #expect(!csv.contains { $0.contains("nan") || $0.contains("inf") })
        let lines = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["type"] is String && object?["t"] is Double)
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summary))) as? [String: Any]
        #expect(json?["duration_s"] as? Double ?? 0 > 50)
        #expect((json?["customer"] as? [String: Any])?["tempo_sps"] != nil)
    }

    @Test func missingFileIsOneLineAndExitOne() throws {
        let r = try kalm(["analyze", folder + "/missing.wav", "--events", folder + "/e.jsonl"])
        #expect(r.status == 1)
        #expect(r.stderr == "kalm: \(folder)/missing.wav: no such file\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/e.jsonl"))
    }

    /// Wrong arguments are said in the locale's language, the parser's own words included.
    @Test func usageErrorsFollowTheLocale() throws {
        let en = try kalm(["analyze"])
        #expect(en.status == 64)
        #expect(en.stderr.hasPrefix("Error: missing the call recording\n"))
        let nl = try kalm(["analyze"], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(nl.status == 64)
        #expect(nl.stderr == "Fout: de opname van het gesprek ontbreekt\nGebruik: kalm analyze [<options>] [<call>]\n"
            + "  Zie 'kalm analyze --help' voor meer uitleg.\n")
        let unknown = try kalm(["analyze", fixture, "--frame", "f.csv"], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("Fout: onbekende optie '--frame'. Bedoelde je '--frames'?\nGebruik: kalm analyze"))
        let side = try kalm(["replay", fixture, "--agent-channel", "midden", "--lang", "nl"])
        #expect(side.status == 64)
        #expect(side.stderr.hasPrefix("Fout: de waarde 'midden' is ongeldig voor '--agent-channel <side>'. Kies 'left' of 'right'.\n"))
        let missing = try kalm(["analyze", fixture, "--summary"], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(missing.stderr.hasPrefix("Fout: waarde ontbreekt bij '--summary <file>'\nUitleg: --summary <file>"))
        let flagValue = try kalm(["analyze", fixture, "--quiet=ja"], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(flagValue.stderr.hasPrefix("Fout: optie '--quiet' neemt geen waarde, maar kreeg 'ja'\n"))
        let english = try kalm(["analyze", fixture, "--frame", "f.csv", "--lang", "en"], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(english.stderr.hasPrefix("Error: Unknown option '--frame'. Did you mean '--frames'?\nUsage: kalm analyze"))
        let flag = try kalm(["live", "--rate", "44100", "--lang", "nl"])
        #expect(flag.stderr.hasPrefix("Fout: --rate moet 8000, 16000 of 48000 zijn\n"))
        let speed = try kalm(["demo", "--speed=-2"])
        #expect(speed.status == 64)
        #expect(speed.stderr.hasPrefix("Error: --speed must be more than 0\n"))
        for duration in ["--duration=-1", "--duration=nan", "--duration=0"] {
            let bad = try kalm(["live", duration])
            #expect(bad.status == 64)
            #expect(bad.stderr.hasPrefix("Error: --duration takes seconds, more than 0\n"))
        }
        for days in ["--keep-days=0", "--keep-days=nan", "--keep-days=-2"] {
            let bad = try kalm(["live", "--log-dir", folder, days])
            #expect(bad.status == 64)
            #expect(bad.stderr.hasPrefix("Error: --keep-days takes days, more than 0\n"))
        }
        let same = try kalm(["live", "--agent-device", "hw:1,0", "--customer-device", "hw:1,0"])
        #expect(same.status == 64)
        #expect(same.stderr.hasPrefix("Error: --agent-device and --customer-device name the same device; give a stereo device with --device\n"))
        let alone = try kalm(["live", "--keep-days", "30"])
        #expect(alone.stderr.hasPrefix("Error: --keep-days needs --log-dir\n"))
    }

    @Test func dutchFromTheLocale() throws {
        let r = try kalm(["analyze", folder + "/missing.wav"], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(r.stderr == "kalm: \(folder)/missing.wav: bestand bestaat niet\n")
    }

    /// An installed kalm finds the demo call in share/kalm beside its bin folder, and says
    /// where it looked when the call is not there.
    @Test func installedDemoFindsItsCallOrSaysWhereItLooked() throws {
        try FileManager.default.createDirectory(atPath: folder + "/usr/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: builtProduct("kalm"), toPath: folder + "/usr/bin/kalm")
        let missing = try kalm(["demo", "--speed", "100", "--lang", "en"], executable: folder + "/usr/bin/kalm")
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("kalm: the bundled demo call (Fixtures/escalation-call.flac) is neither beside this kalm nor in share/kalm next to it;"))
        try FileManager.default.createDirectory(atPath: folder + "/usr/share/kalm/Fixtures", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture.replacingOccurrences(of: "demo-call", with: "escalation-call"),
                                         toPath: folder + "/usr/share/kalm/Fixtures/escalation-call.flac")
        let found = try kalm(["demo", "--speed", "100", "--lang", "en"], executable: folder + "/usr/bin/kalm")
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("Customer escalations: 1"))
    }

    /// The report dates a call in the coach's own time zone.
    @Test func reportDatesCallsInLocalTime() throws {
        try FileManager.default.createDirectory(atPath: folder + "/balie", withIntermediateDirectories: true)
        let log = folder + "/balie/kalm-1.jsonl"
        try ("{\"type\":\"session\",\"t\":0.000,\"wall_clock_start\":\"2026-11-20T09:30:00Z\",\"start_s\":90.000}\n"
            + "{\"type\":\"pause\",\"t\":100.000,\"party\":\"agent\",\"duration_s\":0.600}\n").write(toFile: log, atomically: true, encoding: .utf8)
        let r = try kalm(["report", log, "--html", folder + "/r.html", "--lang", "nl"], environment: ["TZ": "Europe/Amsterdam"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: folder + "/r.html", encoding: .utf8)
        #expect(html.contains("agent balie - 2026-11-20 10:31 - duur 00:10"))
    }

    /// A log given where a recording belongs says where logs go.
    @Test func aLogIsNoRecording() throws {
        let log = folder + "/kalm-1.jsonl"
        try "{\"type\":\"session\",\"t\":0.000}\n".write(toFile: log, atomically: true, encoding: .utf8)
        for command in ["analyze", "replay"] {
            let r = try kalm([command, log, "--lang", "en"])
            #expect(r.status == 1)
            #expect(r.stderr == "kalm: \(log): is a log, not a recording; kalm report reads logs\n")
        }
    }

    /// Writes the demo call's first 8 s as call.wav, with its channels swapped as
    /// swapped.wav, and its two channels as agent.wav and customer.wav.
    private func writeExcerpts() throws {
        let source = try AudioFileSource(path: fixture)
        let frames = source.sampleRate * 8
        let block = UnsafeMutablePointer<Float>.allocate(capacity: frames * 2)
        defer { block.deallocate() }
        #expect(try source.read(into: block, maxFrames: frames) == frames)
        let stereo = Array(UnsafeBufferPointer(start: block, count: frames * 2))
        let swapped = (0..<frames).flatMap { [stereo[$0 * 2 + 1], stereo[$0 * 2]] }
        let agent = (0..<frames).map { stereo[$0 * 2] }, customer = (0..<frames).map { stereo[$0 * 2 + 1] }
        try WAVFile.write(stereo, rate: source.sampleRate, channels: 2, to: folder + "/call.wav", encoding: .float32)
        try WAVFile.write(swapped, rate: source.sampleRate, channels: 2, to: folder + "/swapped.wav", encoding: .float32)
        try WAVFile.write(agent, rate: source.sampleRate, channels: 1, to: folder + "/agent.wav", encoding: .float32)
        try WAVFile.write(customer, rate: source.sampleRate, channels: 1, to: folder + "/customer.wav", encoding: .float32)
    }

    /// The report reads recordings with the agent on the right channel, and with a chosen
    /// profile; a profile it cannot load stops it before any call is analysed.
    @Test func reportTakesTheRecordingsLayoutAndProfile() throws {
        try writeExcerpts()
        func row(_ arguments: [String]) throws -> [Substring] {
            let r = try kalm(["report", "--csv", "-"] + arguments)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").last?.split(separator: ",", omittingEmptySubsequences: false).dropFirst(3)
                .map { $0 } ?? []
        }
        let straight = try row([folder + "/call.wav", "--profile", "counter-room"])
        #expect(straight.count == 12)
        #expect(try row([folder + "/swapped.wav", "--agent-channel", "right", "--profile", "counter-room"]) == straight)
        #expect(try row([folder + "/swapped.wav"]) != straight)
        let bad = try kalm(["report", folder, "--csv", folder + "/calls.csv", "--profile", "nonexistent-profile"])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("kalm: nonexistent-profile: invalid profile"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/calls.csv"))
    }

    /// Ctrl-C during a long analysis stops it with one line and the status a shell gives a
    /// process its signal ended, and leaves nothing behind, not even the hidden partial files.
    @Test func anInterruptedAnalysisLeavesNothing() throws {
        let call = try writeTenSilentMinutes(), out = folder + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: builtProduct("kalm"))
        process.arguments = ["analyze", call, "--frames", out + "/f.csv", "--events", out + "/e.jsonl", "--lang", "en"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while try FileManager.default.contentsOfDirectory(atPath: out).count < 2 && Date() < deadline { usleep(2000) }
        process.interrupt()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(stderr == "kalm: interrupted; nothing written\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [])
    }

    /// Ten minutes of digital silence at 16 kHz, mono: long.wav.
    private func writeTenSilentMinutes() throws -> String {
        let samples = 16000 * 600
        let call = folder + "/long.wav"
        try Data(WAVFile.bytes([], rate: 16000, channels: 1, claimedDataBytes: samples * 2)
            + [UInt8](repeating: 0, count: samples * 2)).write(to: URL(fileURLWithPath: call))
        return call
    }

    /// On a terminal, the progress bar is wiped before the line that follows it, so that line
    /// starts at the left and is not glued to the bar.
    @Test func theProgressBarMakesWayForTheNextLine() throws {
        let call = try writeTenSilentMinutes()
        // A pseudo-terminal, as posix_openpt, unlockpt and ptsname make one (Linux ioctls
        // TIOCSPTLCK and TIOCGPTN; Glibc's module does not bring those functions to Swift).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        defer { close(master) }
        var unlock: Int32 = 0, number: UInt32 = 0
        #expect(master >= 0 && ioctl(master, 0x4004_5431, &unlock) == 0 && ioctl(master, 0x8004_5430, &number) == 0)
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        #expect(slave >= 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: builtProduct("kalm"))
        process.arguments = ["analyze", call, "--events", folder + "/e.jsonl", "--lang", "en"]
        process.environment = ProcessInfo.processInfo.environment.merging(["TERM": "xterm", "LANG": "C"]) { $1 }
        process.standardError = FileHandle(fileDescriptor: slave)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        close(slave)
        var seen = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        var interrupted = false
        while true {
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }
            seen += String(decoding: buffer[0..<n], as: UTF8.self)
            if !interrupted && seen.contains("%") {
                process.interrupt()
                interrupted = true
            }
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(seen.hasPrefix("\ranalysing [........"), "\(seen.debugDescription)")
        #expect(seen.hasSuffix("%\r\u{1B}[Kkalm: interrupted; nothing written\r\n"), "\(seen.debugDescription)")
    }

    /// A replay reads the call as `analyze` does: the agent on the right channel, two mono
    /// files, the chosen profile and calibration. It then shows what the analysis found.
    @Test func replayTakesTheCallsLayoutAndProfile() throws {
        try writeExcerpts()
        let analysed = try kalm(["analyze", folder + "/call.wav", "--profile", "counter-room"])
        #expect(analysed.status == 0, "\(analysed.stderr)")
        let summary = analysed.stdout.drop { $0 != "\n" }
        #expect(summary.contains("Customer\n  talk time"))
        for layout in [[folder + "/swapped.wav", "--agent-channel", "right"],
                       ["--agent", folder + "/agent.wav", "--customer", folder + "/customer.wav"]] {
            let replayed = try kalm(["replay"] + layout + ["--speed", "4", "--profile", "counter-room"])
            #expect(replayed.status == 0, "\(replayed.stderr)")
            #expect(replayed.stdout.hasSuffix(summary), "\(layout)")
        }
        let profile = try kalm(["replay", folder + "/call.wav", "--profile", "nonexistent-profile"])
        #expect(profile.status == 1)
        #expect(profile.stderr.hasPrefix("kalm: nonexistent-profile: invalid profile"))
        let missing = try kalm(["replay", folder + "/call.wav", "--agent-baseline", folder + "/none.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "kalm: \(folder)/none.json: no such file\n")
        let half = try kalm(["replay", "--agent", folder + "/agent.wav"])
        #expect(half.status == 64)
        #expect(half.stderr.hasPrefix("Error: --agent and --customer go together\n"))
    }

    /// The language list of LANGUAGE wins over the locale, as in gettext, except in the C locale.
    @Test func languageListOverridesTheLocale() throws {
        let dutch = "kalm: \(folder)/missing.wav: bestand bestaat niet\n"
        let english = "kalm: \(folder)/missing.wav: no such file\n"
        let cases: [([String: String], String)] = [
            (["LANG": "en_US.UTF-8", "LANGUAGE": "de:nl:en"], dutch),
            (["LANG": "nl_NL.UTF-8", "LANGUAGE": "en_GB:nl"], english),
            (["LANG": "nl_NL.UTF-8", "LANGUAGE": "fr"], dutch),
            (["LANG": "C", "LANGUAGE": "nl"], english),
        ]
        for (environment, expected) in cases {
            #expect(try kalm(["analyze", folder + "/missing.wav"], environment: environment).stderr == expected)
        }
    }

    /// A one-party recording stored as stereo: one line on stderr says so (in the locale's
    /// language), and the summary has the agent alone.
    @Test func stereoWithOneSignalIsSaidAndAnalysedAsOneParty() throws {
        let voice = Signals.bursts([(0.2, 1.0), (1.5, 2.5)], seconds: 3, rate: 8000, f0: 140)
        let p = try WAVFile.write(Signals.interleave(voice, voice), rate: 8000, channels: 2, to: folder + "/dup.wav")
        let r = try kalm(["analyze", p, "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stderr == "kalm: \(p): both channels carry the same signal (one party stored as stereo); analysed as one party\n")
        #expect(r.stdout.contains("Agent") && !r.stdout.contains("Customer"))
        let nl = try kalm(["analyze", p, "-q"], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(nl.stderr.hasPrefix("kalm: \(p): beide kanalen dragen hetzelfde signaal"))
    }

    /// `-` (or /dev/stdout) sends an output to standard output, which then carries nothing
    /// else: the readable summary moves to stderr, and a second output there is refused.
    @Test func anOutputOnStandardOutputKeepsItClean() throws {
        let r = try kalm(["analyze", fixture, "--events", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["type"] is String)
        }
        #expect(r.stderr.contains("Interruptions"))
        let two = try kalm(["analyze", fixture, "--frames", "-", "--events", "/dev/stdout"])
        #expect(two.status == 1)
        #expect(two.stderr == "kalm: /dev/stdout: standard output already takes another output; send only one there\n")
        #expect(two.stdout.isEmpty)
    }

    /// An output naming the recording itself (or, through a link, the same file) is refused
    /// before any work, the recording untouched; so is one file named for two outputs.
    @Test func anOutputNeverReplacesTheRecording() throws {
        let call = folder + "/call.flac", link = folder + "/link.flac"
        try FileManager.default.copyItem(atPath: fixture, toPath: call)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: call)
        let before = try Data(contentsOf: URL(fileURLWithPath: call))
        let same = try kalm(["analyze", call, "--frames", call])
        #expect(same.status == 1)
        #expect(same.stderr == "kalm: \(call): is also an input; kalm will not write over it\n")
        let linked = try kalm(["analyze", link, "--summary", folder + "/./call.flac"], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(linked.stderr == "kalm: \(folder)/./call.flac: is ook invoer; kalm schrijft er niet overheen\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: call)) == before)
        let twice = try kalm(["analyze", call, "--frames", folder + "/out.csv", "--events", folder + "/../" + (folder as NSString).lastPathComponent + "/out.csv"])
        #expect(twice.status == 1)
        #expect(twice.stderr.hasSuffix(": named for two outputs\n"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.csv"))
    }

    @Test func unwritableOutputLeavesNothing() throws {
        let r = try kalm(["analyze", fixture, "--frames", folder + "/f.csv", "--events", "/nonexistent/e.jsonl"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("kalm: /nonexistent/e.jsonl: cannot write"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func helpExplainsTheOptions() throws {
        let r = try kalm(["analyze", "--help"])
        #expect(r.status == 0)
        for option in ["--frames", "--events", "--summary", "--agent-channel", "--agent", "--customer", "--channels", "--lang"] {
            #expect(r.stdout.contains(option))
        }
    }

    @Test func conflictingInputsAreRefused() throws {
        let r = try kalm(["analyze", fixture, "--agent", "a.wav", "--customer", "c.wav"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("not both"))
    }
}

@Suite struct FixtureAccuracyTests {
    /// The bundled call's interruptions (by, of, onset) are found, and nothing else is
    /// called an interruption.
    /// The bundled call is calm: no escalation, and at most one cue per two minutes.
    @Test func calmCallStaysQuiet() throws {
        let folder = try WAVFile.temporaryFolder()
        let r = try kalm(["analyze", fixture, "--events", folder + "/e.jsonl", "-q"])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: folder + "/e.jsonl", encoding: .utf8)
        #expect(!text.contains("\"escalation\""))
        #expect(text.components(separatedBy: "\"type\":\"cue\"").count - 1 <= 1)
    }

    @Test func interruptionsMatchTheTruth() throws {
        let folder = try WAVFile.temporaryFolder()
        let events = folder + "/e.jsonl"
        let r = try kalm(["analyze", fixture, "--events", events, "-q"])
        #expect(r.status == 0)
        func interruptions(_ objects: [[String: Any]]) -> [(String, Double)] {
            objects.filter { $0["type"] as? String == "interruption" }.map { ($0["by"] as! String, $0["t"] as! Double) }
        }
        let found = interruptions(try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        })
        let truthURL = URL(fileURLWithPath: fixture.replacingOccurrences(of: ".flac", with: ".truth.json"))
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: truthURL)) as! [String: Any]
        let expected = interruptions(truth["events"] as! [[String: Any]])
        #expect(expected.count >= 2)
        #expect(found.count == expected.count)
        for (by, t) in expected {
            #expect(found.contains { $0.0 == by && abs($0.1 - t) <= 0.5 }, "missed interruption by \(by) at \(t)")
        }
    }
}

@Suite struct EscalationFixtureTests {
    private let call = fixture.replacingOccurrences(of: "demo-call", with: "escalation-call")

    private func events(_ arguments: [String] = []) throws -> (String, [[String: Any]]) {
        let folder = try WAVFile.temporaryFolder()
        let r = try kalm(["analyze", call, "--events", folder + "/e.jsonl", "-q"] + arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: folder + "/e.jsonl", encoding: .utf8)
        return (text, try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] })
    }

    /// The customer escalates and calms down: one episode, onset within 3 s, end within 5 s,
    /// the agent is told to acknowledge, and the telephone profile is chosen for 8 kHz.
    @Test func episodeAndCue() throws {
        let (_, objects) = try events()
        let truthURL = URL(fileURLWithPath: call.replacingOccurrences(of: ".flac", with: ".truth.json"))
        let truth = (try JSONSerialization.jsonObject(with: Data(contentsOf: truthURL)) as! [String: Any])["escalations"] as! [[String: Any]]
        let episodes = objects.filter { $0["type"] as? String == "escalation" }
        #expect(episodes.count == 1)
        let e = try #require(episodes.first), t = try #require(truth.first)
        #expect(abs((e["start"] as! Double) - (t["start"] as! Double)) <= 3)
        #expect(abs((e["end"] as! Double) - (t["end"] as! Double)) <= 5)
        #expect(abs((e["tijd_tot_rust_s"] as! Double) - ((e["end"] as! Double) - (e["start"] as! Double))) < 0.01)
        #expect(objects.contains { $0["type"] as? String == "cue" && $0["cue"] as? String == "acknowledge" })
        #expect(objects.contains { $0["type"] as? String == "state" && $0["to"] as? String == "escalated" })
    }

    @Test func sameCallTwiceSameEvents() throws {
        let (a, _) = try events()
        let (b, _) = try events()
        #expect(a == b)
    }

    @Test func badProfileIsRefused() throws {
        let r = try kalm(["analyze", call, "--profile", "nonexistent-profile"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("kalm: nonexistent-profile: invalid profile"))
    }
}

@Suite struct FuzzCorpusTests {
    /// Every seed and every crash the fuzzer ever found runs through the fuzz target.
    @Test func corpusReplaysWithoutACrash() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../tools/fuzz/corpus").standardized.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: builtProduct("kalm-fuzz"))
        process.arguments = [corpus]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("inputs replayed without a crash"))
    }
}
