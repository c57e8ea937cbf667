import Foundation
import KalmConversation
import KalmDSP
import KalmIO
import KalmTestSupport
import Testing

@Suite struct ConversationLogTests {
    private func frame(_ index: Int, speech: Bool) -> FrameFeatures {
        var f = FrameFeatures()
        f.index = index
        f.speech = speech
        return f
    }

    /// A new file per conversation: after a long silence, and after the agent's checklist;
    /// each starts with the session header and is created 0640.
    @Test func splitsOnSilenceAndChecklist() throws {
        let folder = try WAVFile.temporaryFolder()
        let log = try ConversationLog(folder: folder, splitSeconds: 10, wallClockStart: Date(timeIntervalSince1970: 0),
                                      sampleRate: 16000) {
            "{\"type\":\"session\",\"t\":0.000,\"conversation\":\($0),\"epoch\":\($1.timeIntervalSince1970 > 1000),\"start_s\":\($2)}"
        }
        for i in 0..<3000 {
            try log.frame(frame(i, speech: (100..<200).contains(i) || (1500..<1600).contains(i) || (2500..<2600).contains(i)),
                          party: .agent, assessment: .calm)
            if i == 150 { try log.event(.pause(t: 1.5, party: .agent, durationSeconds: 0.6)) }
            if i == 1700 { try log.event(.checklist(t: 17, summaryGiven: true, agreementsMade: true, incident: false)) }
        }
        log.finish()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.count == 3)
        let first = try String(contentsOfFile: folder + "/" + files[0], encoding: .utf8)
        #expect(first.hasPrefix("{\"type\":\"session\",\"t\":0.000,\"conversation\":1,\"epoch\":false,\"start_s\":1.0}\n{\"type\":\"pause\""))
        // Each file ends with its conversation's summary: 1 s of speech from 1 s to 2 s.
        let summary = try #require(first.split(separator: "\n").last)
        #expect(summary.hasPrefix("{\"type\":\"summary\",\"t\":2.000,\"agent\":{"))
        let numbers = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
        #expect(numbers["duration_s"] as? Double == 1)
        #expect((numbers["agent"] as? [String: Any])?["talk_time_s"] as? Double == 1)
        #expect((numbers["agent"] as? [String: Any])?["pauses"] as? Int == 1)
        // After the checklist the times count from the moment the conversation was ended.
        let third = try String(contentsOfFile: folder + "/" + files[2], encoding: .utf8)
        #expect(third.hasPrefix("{\"type\":\"session\",\"t\":0.000,\"conversation\":3,\"epoch\":true,\"start_s\":25.0}"))
        let second = try String(contentsOfFile: folder + "/" + files[1], encoding: .utf8)
        #expect(second.contains("\"type\":\"checklist\",\"t\":17.000,\"summary_given\":true,\"agreements_made\":true,\"incident\":false"))
        for f in files {
            let mode = try FileManager.default.attributesOfItem(atPath: folder + "/" + f)[.posixPermissions] as? Int
            #expect(mode == 0o640)
        }
    }

    /// With `keepDays`, kalm's logs older than that go at the start and when a conversation
    /// starts; younger ones, and files that are not kalm's logs, stay.
    @Test func oldLogsAreRemovedWhenAsked() throws {
        let folder = try WAVFile.temporaryFolder()
        func make(_ name: String, daysAgo: Double) throws {
            try "{}\n".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -daysAgo * 86_400)],
                                                  ofItemAtPath: folder + "/" + name)
        }
        try make("kalm-20260101-090000-1.jsonl", daysAgo: 100)
        try make("kalm-20261101-090000-1.jsonl", daysAgo: 20)
        try make("notes.jsonl", daysAgo: 100)
        try make("kalm-20260101-090000-2.txt", daysAgo: 100)
        let log = try ConversationLog(folder: folder, splitSeconds: 60, wallClockStart: Date(), sampleRate: 16000, keepDays: 30) {
            _, _, _ in "{\"type\":\"session\",\"t\":0.000}"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            == ["kalm-20260101-090000-2.txt", "kalm-20261101-090000-1.jsonl", "notes.jsonl"])
        try make("kalm-20261101-090000-1.jsonl", daysAgo: 31)
        try log.event(.pause(t: 1, party: .agent, durationSeconds: 0.6))
        log.finish()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(!left.contains("kalm-20261101-090000-1.jsonl") && left.contains("notes.jsonl") && left.count == 3)
        let kept = try ConversationLog(folder: folder, splitSeconds: 60, wallClockStart: Date(), sampleRate: 16000) { _, _, _ in "" }
        try make("kalm-20250101-090000-1.jsonl", daysAgo: 400)
        try kept.event(.pause(t: 1, party: .agent, durationSeconds: 0.6))
        kept.finish()
        #expect(FileManager.default.fileExists(atPath: folder + "/kalm-20250101-090000-1.jsonl"))
    }

    /// A counter's log folder that does not exist yet is made, parents and all.
    @Test func aMissingFolderIsMade() throws {
        let folder = try WAVFile.temporaryFolder() + "/logs/balie-1"
        _ = try ConversationLog(folder: folder, splitSeconds: 60, wallClockStart: Date(), sampleRate: 16000) { _, _, _ in "" }
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue)
        #expect(try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int == 0o750)
    }

    @Test func aFolderThatCannotBeIsRefused() throws {
        let file = try WAVFile.temporaryFolder() + "/plain"
        try "x".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(throws: KalmIOError.cannotWrite(path: file, reason: "not a writable folder")) {
            try ConversationLog(folder: file, splitSeconds: 60, wallClockStart: Date(), sampleRate: 16000) { _, _, _ in "" }
        }
        #expect(throws: KalmIOError.cannotWrite(path: file + "/logs", reason: "cannot make the folder")) {
            try ConversationLog(folder: file + "/logs", splitSeconds: 60, wallClockStart: Date(), sampleRate: 16000) { _, _, _ in "" }
        }
    }
}

@Suite struct LogFailureTests {
    /// Writes fail for a while (a full disk): the log warns once, drops those lines, and
    /// resumes (warning once more) when writing works again; the lines written are whole.
    @Test func fullDiskWarnsOnceAndResumes() throws {
        let folder = try WAVFile.temporaryFolder()
        let warnings = Box()
        var calls = 0
        let log = try ConversationLog(
            folder: folder, splitSeconds: 60, wallClockStart: Date(), sampleRate: 16000,
            header: { _, _, _ in "{\"type\":\"session\",\"t\":0.000}" },
            warn: { warnings.add($0) },
            write: { fd, bytes, path in
                calls += 1
                if (3...5).contains(calls) { throw KalmIOError.cannotWrite(path: path, reason: "No space left on device") }
                try Syscalls.writeAll(fd, bytes, path: path)
            })
        for i in 0..<8 { try log.event(.pause(t: Double(i), party: .agent, durationSeconds: 0.5)) }
        log.finish()
        #expect(log.droppedLines == 3)
        let file = try FileManager.default.contentsOfDirectory(atPath: folder)[0]
        #expect(warnings.items == [
            .failing(path: folder + "/" + file, reason: "No space left on device"),
            .resumed(path: folder + "/" + file, lostLines: 3),
        ])
        #expect(log.failure == nil)
        let lines = try String(contentsOfFile: folder + "/" + file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.last?.hasPrefix("{\"type\":\"summary\"") == true)
        for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }
    }

    /// The disk is full from the start, and a write stops part-way: the part is cut back off
    /// the file, and the header still comes first once writing works.
    @Test func partWrittenLinesAreCutAndTheHeaderComesFirst() throws {
        let folder = try WAVFile.temporaryFolder()
        var calls = 0
        let log = try ConversationLog(
            folder: folder, splitSeconds: 60, wallClockStart: Date(), sampleRate: 16000,
            header: { _, _, _ in "{\"type\":\"session\",\"t\":0.000}" },
            write: { fd, bytes, path in
                calls += 1
                if calls <= 3 {
                    try Syscalls.writeAll(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<bytes.count / 2]), path: path)
                    throw KalmIOError.cannotWrite(path: path, reason: "No space left on device")
                }
                try Syscalls.writeAll(fd, bytes, path: path)
            })
        for i in 0..<4 { try log.event(.pause(t: Double(i), party: .agent, durationSeconds: 0.5)) }
        #expect(log.droppedLines == 2)
        log.finish()
        let file = try FileManager.default.contentsOfDirectory(atPath: folder)[0]
        let lines = try String(contentsOfFile: folder + "/" + file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first == "{\"type\":\"session\",\"t\":0.000}")
        for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }
    }

    /// Two kalms logging into one shared folder start a conversation in the same second: each
    /// gets a file of its own, and neither's lines go into the other's.
    @Test func twoLogsInOneFolderNeverShareAFile() throws {
        let folder = try WAVFile.temporaryFolder()
        let start = Date(timeIntervalSince1970: 1_764_756_000)
        let desks = try (1...2).map { desk in
            try ConversationLog(folder: folder, splitSeconds: 60, wallClockStart: start, sampleRate: 16000,
                                header: { _, _, _ in "{\"type\":\"session\",\"t\":0.000,\"desk\":\(desk)}" })
        }
        for (i, log) in desks.enumerated() { try log.event(.pause(t: 1, party: .agent, durationSeconds: 0.5 + Double(i))) }
        for log in desks { log.finish() }
        #expect(desks[0].files.map { ($0 as NSString).lastPathComponent } == ["kalm-20251203-100000-1.jsonl"])
        #expect(desks[1].files.map { ($0 as NSString).lastPathComponent } == ["kalm-20251203-100000-1-2.jsonl"])
        for (i, log) in desks.enumerated() {
            let lines = try String(contentsOfFile: log.files[0], encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines[0].contains("\"desk\":\(i + 1)}") && lines[1].contains("\"duration_s\":\(i).500"))
        }
    }

    /// The log folder disappears (a clean-up removed it) and comes back: the lines meanwhile
    /// are dropped and counted, the conversation's file is made when it can be.
    @Test func aFileThatCannotBeMadeDropsLinesUntilItCan() throws {
        let folder = try WAVFile.temporaryFolder()
        let log = try ConversationLog(
            folder: folder, splitSeconds: 60, wallClockStart: Date(), sampleRate: 16000,
            header: { _, _, _ in "{\"type\":\"session\",\"t\":0.000}" })
        try FileManager.default.removeItem(atPath: folder)
        try log.event(.pause(t: 1, party: .agent, durationSeconds: 0.5))
        #expect(log.droppedLines == 1 && log.failure == "No such file or directory" && log.files.isEmpty)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try log.event(.pause(t: 2, party: .agent, durationSeconds: 0.5))
        log.finish()
        #expect(log.failure == nil && log.files.count == 1)
        let lines = try String(contentsOfFile: log.files[0], encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 && lines[0].contains("session") && lines[1].contains("\"t\":2.000") && lines[2].contains("summary"))
    }
}

private final class Box: @unchecked Sendable {
    var items: [LogNotice] = []
    func add(_ s: LogNotice) { items.append(s) }
}
