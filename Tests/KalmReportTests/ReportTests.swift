import Foundation
import KalmConversation
import KalmDSP
import KalmIO
import KalmPipeline
import KalmReport
import KalmTestSupport
import Synchronization
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Fixtures").standardized.path

@Suite struct ReportTests {
    @Test func recordingBecomesTimelineWithEpisodes() throws {
        let record = try ReportBuilder.record(fixtures + "/escalation-call.flac")
        #expect(record.columns.count == 2)
        #expect(record.columns[0].count <= 801 && record.columns[0].count >= 700)
        #expect(record.episodes.count == 1)
        #expect(record.agent == "Fixtures")
        let html = HTMLReport(records: [record], dutch: true).render()
        #expect(html.contains("<svg") && html.contains("class=\"line agent\"") && html.contains("class=\"line customer\""))
        #expect(html.contains("tijd tot rust 00:41"))
        #expect(html.contains("lang=\"nl\""))
    }

    /// One file, nothing fetched: no scripts, no external references, no fonts.
    @Test func selfContained() throws {
        let html = HTMLReport(records: [try ReportBuilder.record(fixtures + "/demo-call.flac")], dutch: false).render()
        for forbidden in ["<script", "src=", "<link", "url(", "@import", "@font-face"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("@media print"))
        #expect(html.contains("Customer escalations: 0"))
    }

    @Test func trendsPerAgentAndCSV() throws {
        var a = try ReportBuilder.record(fixtures + "/demo-call.flac")
        var b = try ReportBuilder.record(fixtures + "/escalation-call.flac")
        a.agent = "anna"
        b.agent = "bram"
        let html = HTMLReport(records: [a, b], dutch: true).render()
        #expect(html.contains("<h2>Trends</h2>") && html.contains("<td>anna</td>") && html.contains("<td>bram</td>"))
        let csv = CallTable.csv([a, b]).split(separator: "\n")
        #expect(csv.count == 3)
        #expect(csv[0] == Substring(CallTable.header))
        #expect(csv[2].hasPrefix("escalation-call.flac,bram,"))
    }

    /// Names a spreadsheet would run as a formula are led by `'`; a comma, quote or line
    /// break is quoted, so every call stays one row.
    @Test func csvFieldsAreSafeInASpreadsheet() throws {
        var a = try ReportBuilder.record(fixtures + "/demo-call.flac")
        a.name = "=HYPERLINK(\"http://x\").wav"
        a.agent = "anna,\nteam 2"
        let csv = CallTable.csv([a])
        #expect(csv.hasPrefix(CallTable.header + "\n\"'=HYPERLINK(\"\"http://x\"\").wav\",\"anna,\nteam 2\","))
        a.name = "-1.wav"
        a.agent = "@bram"
        #expect(CallTable.csv([a]).contains("\n'-1.wav,'@bram,"))
    }

    @Test func logsAreReadBackIncludingACutLastLine() throws {
        let folder = try WAVFile.temporaryFolder()
        let path = folder + "/call.jsonl"
        let text = """
            {"type":"session","t":0.000,"wall_clock_start":"2026-11-20T09:30:00Z","device":"hw:1,0","sample_rate":16000,"profile":"headset-16k","kalm_version":"0.1.0","conversation":1}
            {"type":"interruption","t":12.500,"by":"agent","of":"customer","overlap_s":0.800}
            {"type":"cue","t":13.000,"party":"agent","cue":"let_finish"}
            {"type":"escalation","t":20.000,"party":"customer","start":20.000,"end":45.500,"tijd_tot_rust_s":25.500}
            {"type":"device_gap","t":30.000,"duration_s":1.500}
            {"type":"checklist","t":60.000,"summary_given":true,"agreements_made":false,"incident":false}
            {"type":"pause","t":61.0
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let record = try ReportBuilder.record(path)
        #expect(record.events.count == 5)
        // The headset away for 1.5 s is marked on the timeline.
        #expect(HTMLReport(records: [record], dutch: false).render().contains("class=\"gap\"><title>device away 1.5 s, back at 00:30</title>"))
        #expect(record.interruptions.agent == 1)
        #expect(record.episodes.first?.end == 45.5)
        #expect(record.checklist?.summary == true)
        #expect(record.date == ISO8601DateFormatter().date(from: "2026-11-20T09:30:00Z"))
        #expect(HTMLReport(records: [record], dutch: true).render().contains("tijd tot rust 00:26"))
    }

    /// The second conversation of a counter's day: its times count from the session's start,
    /// its header says where it starts, and its last line is its summary. The report shows
    /// it from its own start, with its own date, duration and summary; the dead air that
    /// split it from the first lies before it and is left out.
    @Test func aDaysSecondConversationCountsFromItsOwnStart() throws {
        let folder = try WAVFile.temporaryFolder()
        let path = folder + "/kalm-2.jsonl"
        let text = """
            {"type":"session","t":0.000,"wall_clock_start":"2026-11-20T09:30:00Z","device":"hw:1,0","sample_rate":16000,"profile":"headset-16k","kalm_version":"0.1.0","conversation":2,"start_s":131.200}
            {"type":"dead_air","t":59.710,"duration_s":71.480}
            {"type":"interruption","t":152.710,"by":"customer","of":"agent","overlap_s":0.930}
            {"type":"escalation","t":150.000,"party":"customer","start":150.000,"end":170.000,"tijd_tot_rust_s":20.000}
            {"type":"summary","t":190.400,"agent":{"backchannels":0,"level_db":-26,"longest_monologue_s":9,"loudness_lufs":-25.6,"median_f0_hz":208,"pause_total_s":2.2,"pauses":3,"segments":9,"talk_share":0.45,"talk_time_s":24.6,"tempo_sps":4.7},"cues":{"let_finish":1},"customer":{"backchannels":0,"level_db":-26,"longest_monologue_s":9,"loudness_lufs":-25.6,"median_f0_hz":208,"pause_total_s":2.2,"pauses":3,"segments":9,"talk_share":0.55,"talk_time_s":24.6,"tempo_sps":4.7},"dead_air":0,"dead_air_total_s":0,"duration_s":59.2,"escalations":[{"end":170,"party":"customer","start":150,"tijd_tot_rust_s":20}],"interruptions":{"agent_interrupts_customer":1,"customer_interrupts_agent":2},"median_tijd_tot_rust_s":20,"sample_rate":16000}
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let record = try ReportBuilder.record(path)
        #expect(record.date == ISO8601DateFormatter().date(from: "2026-11-20T09:30:00Z")! + 131.2)
        #expect(record.durationS == 59.2)
        #expect(record.events.count == 2)
        #expect(abs((record.events.first?.t ?? 0) - 21.51) < 1e-9)
        #expect(abs((record.episodes.first?.start ?? 0) - 18.8) < 1e-9)
        #expect(abs((record.summary?.escalations.first?.start ?? 0) - 18.8) < 1e-9)
        #expect(record.summary?.customer?.talkShare == 0.55)
        #expect(CallTable.csv([record]).contains(",59.2,45,55,0,1,1,20,0,3,"))
    }

    /// A call given twice (in its folder and by name, through `..` or a link) is one call.
    @Test func aFileNamedTwiceIsOneCall() throws {
        let folder = try WAVFile.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/anna", withIntermediateDirectories: false)
        try "".write(toFile: folder + "/anna/a.wav", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.wav", withDestinationPath: folder + "/anna/a.wav")
        let files = ReportBuilder.files([folder + "/anna", folder + "/anna/../anna/a.wav", folder + "/link.wav", folder + "/missing.wav"])
        #expect(files == [folder + "/anna/a.wav", folder + "/missing.wav"])
    }

    /// The folder a call is in names its agent, also when the call is named without its
    /// folder (the current one) or through `.` and `..`.
    @Test func theFolderACallIsInNamesItsAgent() {
        let here = (FileManager.default.currentDirectoryPath as NSString).lastPathComponent
        #expect(ReportBuilder.agentName(of: "calls/anna/a.wav") == "anna")
        #expect(ReportBuilder.agentName(of: "/srv/calls/anna/./a.wav") == "anna")
        #expect(ReportBuilder.agentName(of: "/srv/calls/anna/../bram/a.wav") == "bram")
        #expect(ReportBuilder.agentName(of: "a.wav") == here)
        #expect(ReportBuilder.agentName(of: "./a.wav") == here)
        #expect(ReportBuilder.agentName(of: "/a.wav") == "")
        let rootCall = CallRecord(name: "a.wav", agent: "", date: nil, durationS: 70, summary: nil, events: [],
                                  columns: [], columnSeconds: 0)
        #expect(HTMLReport(records: [rootCall], dutch: false).render().contains("<p class=\"meta\">duration 01:10</p>"))
    }

    /// A folder's recordings are found in every container a recorder writes, MP3 and Opus
    /// among them, and nothing else is taken for one.
    @Test func foldersYieldRecordingsAndLogsOnly() throws {
        let folder = try WAVFile.temporaryFolder()
        for name in ["a.wav", "b.MP3", "c.opus", "d.flac", "e.jsonl", "notes.txt", "f.mp3.partial"] {
            try "".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        #expect(ReportBuilder.files([folder]).map { ($0 as NSString).lastPathComponent }
            == ["a.wav", "b.MP3", "c.opus", "d.flac", "e.jsonl"])
    }

    /// A call that runs four times longer than announced (an MP3's length is an estimate) is
    /// drawn whole: the columns merge in pairs, and no hop piles up in the last one.
    @Test func aCallLongerThanAnnouncedIsDrawnWhole() throws {
        let sink = TimelineSink(hops: 1000)
        var frame = FrameFeatures()
        for hop in 0..<4000 {
            frame.index = hop
            frame.speech = hop < 2000
            frame.levelDB = -30
            try sink.frame(frame, party: .agent, assessment: .calm)
        }
        let columns = try #require(sink.columns(parties: 1).first)
        #expect(sink.hopsPerColumn == 8)
        #expect(columns.count == 500)
        #expect(columns[..<250].allSatisfy { $0.speech == 1 && $0.level == -30 })
        #expect(columns[250...].allSatisfy { $0.speech == 0 && $0.level == nil })
    }

    @Test func unreadableFilesAreSkippedAndReported() throws {
        let folder = try WAVFile.temporaryFolder()
        try "not audio".write(toFile: folder + "/bad.wav", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: fixtures + "/demo-call.flac", toPath: folder + "/good.flac")
        let failures = FailureList()
        let records = try ReportBuilder.records(ReportBuilder.files([folder]), workers: 2, failed: { file, _ in failures.add(file) })
        #expect(records.map(\.name) == ["good.flac"])
        #expect(failures.items == [folder + "/bad.wav"])
    }

    /// A stop asked for while the batch runs (Ctrl-C) ends it with ``KalmIOError/interrupted``:
    /// no further file is started, and the one stopped is not reported as unreadable.
    @Test func aStoppedBatchThrowsAndReportsNoFailure() throws {
        let folder = try WAVFile.temporaryFolder()
        for name in ["a.flac", "b.flac", "c.flac"] {
            try FileManager.default.copyItem(atPath: fixtures + "/demo-call.flac", toPath: folder + "/" + name)
        }
        let failures = FailureList()
        let stop = Atomic<Bool>(false)
        let started = Atomic<Int>(0)
        #expect(throws: KalmIOError.interrupted) {
            try ReportBuilder.records(
                ReportBuilder.files([folder]), workers: 1,
                progress: { _, _ in stop.store(true, ordering: .relaxed) },
                failed: { file, _ in failures.add(file) },
                shouldStop: {
                    started.add(1, ordering: .relaxed)
                    return stop.load(ordering: .relaxed)
                })
        }
        #expect(failures.items.isEmpty)
        #expect(started.load(ordering: .relaxed) > 1)
    }

    /// JSON Lines that are not kalm's, and an empty log (a full disk from its first line),
    /// are skipped, not counted as calls of 0 s; a log with only its header is a call.
    @Test func filesThatAreNoLogsAreSkipped() throws {
        let folder = try WAVFile.temporaryFolder()
        try "".write(toFile: folder + "/empty.jsonl", atomically: true, encoding: .utf8)
        try "{\"foo\":1}\n".write(toFile: folder + "/other.jsonl", atomically: true, encoding: .utf8)
        try "{\"type\":\"session\",\"t\":0.000,\"wall_clock_start\":\"2026-12-03T10:00:00Z\"}\n"
            .write(toFile: folder + "/header.jsonl", atomically: true, encoding: .utf8)
        #expect(throws: KalmIOError.notALog(path: folder + "/other.jsonl")) { try LogReader.read(folder + "/other.jsonl") }
        let failures = FailureList()
        let records = try ReportBuilder.records(ReportBuilder.files([folder]), workers: 2, failed: { file, _ in failures.add(file) })
        #expect(records.map(\.name) == ["header.jsonl"])
        #expect(failures.items.sorted() == [folder + "/empty.jsonl", folder + "/other.jsonl"])
    }
}

private final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.withLock { list.append(s) } }
    var items: [String] { lock.withLock { list } }
}
