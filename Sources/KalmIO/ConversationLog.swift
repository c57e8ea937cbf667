import Foundation
import KalmConversation
import KalmDSP
import KalmPipeline

/// Headless logging: one JSON Lines file per conversation in a folder, each starting with a
/// session header (wall-clock start, device, rate, profile, kalm version, where the
/// conversation starts), then the same events `kalm analyze` writes, and last the
/// conversation's summary (a `summary` line with the fields of the summary JSON). A new file
/// starts at the first speech after both parties were silent for `splitSeconds`, or after the
/// agent ended the conversation (checklist). Files are created 0640 and every line is written
/// with one `write(2)`, so a killed process loses at most the line being written. A write
/// that fails part-way (a full disk) is cut back off the file, so every line in it stays
/// whole; a header that could not be written goes in front of the next line that can.
public final class ConversationLog: AnalysisSink {
    /// The folder logged into.
    public let folder: String
    private let header: (Int, Date, Double) -> String
    private let sampleRate: Int
    /// The current conversation's summary so far, and the hop it started at.
    private var accumulator: SummaryAccumulator?
    private var startHop = 0
    private var lastEventHop = -1
    private let splitHops: Int
    /// The wall-clock time of t = 0 for the events being logged (the session start; after
    /// the agent ended a conversation, the analysis starts again at 0, at that moment).
    private var epoch: Date
    private var conversation = 0
    private var lastSpeechHop = -1
    private var hop = -1
    /// The current conversation's file, from its first speech or event until it ends.
    private var path: String?
    /// Its descriptor, once it could be opened.
    private var fd: Int32 = -1
    /// Its header, until that is written.
    private var pendingHeader: String?
    /// Bytes in it: where a failed write is cut back to.
    private var written: off_t = 0
    /// The files written, in order.
    public private(set) var files: [String] = []
    /// Lines that could not be written.
    public private(set) var droppedLines = 0
    /// Why writing fails, while it does.
    public private(set) var failure: String?
    private let warn: (LogNotice) -> Void
    private let write: (Int32, UnsafeRawBufferPointer, String) throws -> Void
    /// Logs older than this many seconds are removed when a conversation starts (nil: kept).
    private let keepSeconds: Double?

    /// Logs into `folder` (made now, mode 0750 with any missing parents, when it does not
    /// exist; it must be writable: checked now).
    /// - Parameter header: the header line for conversation `n` whose times count from the
    ///   given wall-clock moment and which starts at the given time (JSON, no newline).
    /// - Parameter sampleRate: the capture's rate (for the summary lines).
    /// - Parameter keepDays: when given, kalm's logs in the folder (`kalm-*.jsonl`) last
    ///   changed more than this many days ago are removed at the start and whenever a
    ///   conversation starts; other files are left alone.
    /// - Parameters:
    ///   - warn: told once when writing starts failing and once when it works again.
    ///   - write: how bytes reach the file (`write(2)`; replaceable to test failures).
    public init(
        folder: String, splitSeconds: Double, wallClockStart: Date, sampleRate: Int, keepDays: Double? = nil,
        header: @escaping (Int, Date, Double) -> String,
        warn: @escaping (LogNotice) -> Void = { _ in },
        write: @escaping (Int32, UnsafeRawBufferPointer, String) throws -> Void = Syscalls.writeAll
    ) throws {
        self.warn = warn
        self.write = write
        if !Syscalls.exists(folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw KalmIOError.cannotWrite(path: folder, reason: "cannot make the folder")
            }
        }
        guard Syscalls.isDirectory(folder), access(folder, W_OK) == 0
        else { throw KalmIOError.cannotWrite(path: folder, reason: "not a writable folder") }
        self.folder = folder
        self.header = header
        self.sampleRate = sampleRate
        keepSeconds = keepDays.map { $0 * 86_400 }
        epoch = wallClockStart
        splitHops = Int(splitSeconds * 100)
        removeOldLogs()
    }

    /// Removes kalm's logs last changed longer ago than `keepSeconds`.
    private func removeOldLogs() {
        guard let keepSeconds else { return }
        let cutoff = Date().addingTimeInterval(-keepSeconds)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where name.hasPrefix("kalm-") && name.hasSuffix(".jsonl") {
            let file = folder + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date, modified < cutoff else { continue }
            Syscalls.removeQuietly(file)
        }
    }

    deinit { finish() }

    public func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {
        hop = frame.index
        if frame.speech {
            if path == nil || (lastSpeechHop >= 0 && hop - lastSpeechHop >= splitHops) { startConversation(at: hop) }
            lastSpeechHop = hop
        }
        if path != nil { accumulator?.add(frame, party: party) }
    }

    public func event(_ event: ConversationEvent) throws {
        if path == nil { startConversation(at: hop) }
        writeLine(EventsJSONLSink.line(event))
        // A dead air that began before this conversation is the silence that split it from
        // the one before: it is in the log (as in the analysis) but not in this summary.
        if Int((event.t * 100).rounded()) >= startHop { accumulator?.add(event) }
        lastEventHop = hop
        if case .checklist = event {
            // The agent ended the conversation: the next one gets its own file, and the
            // analysis counts its time from now.
            finish()
            lastSpeechHop = -1
            epoch = Date()
        }
    }

    private func startConversation(at hop: Int) {
        finish()
        removeOldLogs()
        conversation += 1
        let start = epoch.addingTimeInterval(Double(max(0, hop)) / 100)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        path = "\(folder)/kalm-\(formatter.string(from: start))-\(conversation).jsonl"
        pendingHeader = header(conversation, epoch, Double(max(0, hop)) / 100)
        accumulator = SummaryAccumulator(parties: [.agent, .customer], sampleRate: sampleRate)
        startHop = max(0, hop)
        writeLine(nil)
    }

    /// Opens the conversation's file: a new one, or the same one again when it was written
    /// before (its folder was gone for a while). A new file never continues another's: when
    /// the name is taken (another kalm logging into the same shared folder started a
    /// conversation in the same second), `-2`, `-3`, ... is added to it.
    private func openFile(_ name: String) throws -> Int32 {
        if files.last == name {
            return try Syscalls.open(name, flags: O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode: 0o640)
        }
        let stem = name.dropLast(".jsonl".count)
        var candidate = name
        var n = 1
        while true {
            if let fd = try Syscalls.createNew(candidate, mode: 0o640, append: true) {
                path = candidate
                files.append(candidate)
                return fd
            }
            n += 1
            candidate = "\(stem)-\(n).jsonl"
        }
    }

    /// Writes `text` (nil: only the pending header) as one line, after the header if that is
    /// still pending, opening the file first if it is not open yet. A failure drops the line.
    private func writeLine(_ text: String?) {
        guard var name = path else { return }
        do {
            if fd < 0 {
                fd = try openFile(name)
                name = path ?? name
                fchmod(fd, 0o640)
                written = lseek(fd, 0, SEEK_END)
            }
            let bytes = Array([pendingHeader, text].compactMap { $0.map { $0 + "\n" } }.joined().utf8)
            do {
                try bytes.withUnsafeBytes { try write(fd, $0, name) }
            } catch {
                _ = ftruncate(fd, written)
                throw error
            }
            written += off_t(bytes.count)
            pendingHeader = nil
            if failure != nil {
                failure = nil
                warn(.resumed(path: name, lostLines: droppedLines))
            }
        } catch {
            if text != nil { droppedLines += 1 }
            if failure == nil {
                let reason: String
                if case KalmIOError.cannotWrite(_, let r) = error { reason = r } else { reason = "\(error)" }
                failure = reason
                warn(.failing(path: name, reason: reason))
            }
        }
    }

    /// Writes the conversation's summary, syncs and closes the current file; the next speech
    /// or event starts a new one. The summary's duration runs from the first speech to the
    /// last speech or event.
    public func finish() {
        if path != nil, let accumulator {
            var summary = accumulator.summary()
            let end = max(lastSpeechHop, lastEventHop) + 1
            summary.durationS = Double(max(0, end - startHop)) / 100
            writeLine(try? SummaryJSON.line(summary, t: Double(end) / 100))
        }
        accumulator = nil
        lastEventHop = -1
        if fd >= 0 {
            fsync(fd)
            Glibc.close(fd)
            fd = -1
        }
        path = nil
    }
}
