import Foundation
import KalmConversation
import KalmDSP
import KalmPipeline

/// Headless logging: one JSON Lines file per conversation in a folder, each starting with a
/// session header (wall-clock start, device, rate, profile, kalm version), then the same
/// events `kalm analyze` writes. A new file starts at the first speech after both parties
/// were silent for `splitSeconds`, or after the agent ended the conversation (checklist). Files are created 0640 and every line is written with
/// one `write(2)`, so a killed process loses at most the line being written.
public final class ConversationLog: AnalysisSink {
    private let folder: String
    private let header: (Int, Date) -> String
    private let splitHops: Int
    /// The wall-clock time of t = 0 for the events being logged (the session start; after
    /// the agent ended a conversation, the analysis starts again at 0, at that moment).
    private var epoch: Date
    private var fd: Int32 = -1
    private var conversation = 0
    private var lastSpeechHop = -1
    private var hop = -1
    /// The files written, in order.
    public private(set) var files: [String] = []
    /// Lines that could not be written.
    public private(set) var droppedLines = 0
    private var failing = false
    private let warn: (String) -> Void
    private let write: (Int32, UnsafeRawBufferPointer, String) throws -> Void

    /// Logs into `folder` (made now, mode 0750 with any missing parents, when it does not
    /// exist; it must be writable: checked now).
    /// - Parameter header: the header line for conversation `n` whose times count from the
    ///   given wall-clock moment (JSON, no newline).
    /// - Parameters:
    ///   - warn: receives one line when writing starts failing and when it works again.
    ///   - write: how bytes reach the file (`write(2)`; replaceable to test failures).
    public init(
        folder: String, splitSeconds: Double, wallClockStart: Date, header: @escaping (Int, Date) -> String,
        warn: @escaping (String) -> Void = { _ in },
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
        epoch = wallClockStart
        splitHops = Int(splitSeconds * 100)
    }

    deinit { finish() }

    public func frame(_ frame: FrameFeatures, party: Party, assessment: TensionAssessment) throws {
        hop = frame.index
        guard frame.speech else { return }
        if fd < 0 || (lastSpeechHop >= 0 && hop - lastSpeechHop >= splitHops) { try startConversation(at: hop) }
        lastSpeechHop = hop
    }

    public func event(_ event: ConversationEvent) throws {
        if fd < 0 { try startConversation(at: hop) }
        try writeLine(EventsJSONLSink.line(event))
        if case .checklist = event {
            // The agent ended the conversation: the next one gets its own file, and the
            // analysis counts its time from now.
            finish()
            lastSpeechHop = -1
            epoch = Date()
        }
    }

    private func startConversation(at hop: Int) throws {
        finish()
        conversation += 1
        let start = epoch.addingTimeInterval(Double(max(0, hop)) / 100)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let path = "\(folder)/kalm-\(formatter.string(from: start))-\(conversation).jsonl"
        fd = try Syscalls.open(path, flags: O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode: 0o640)
        fchmod(fd, 0o640)
        files.append(path)
        try writeLine(header(conversation, epoch))
    }

    private func writeLine(_ text: String) throws {
        let line = Array((text + "\n").utf8)
        let path = files.last ?? folder
        do {
            try line.withUnsafeBytes { try write(fd, $0, path) }
            if failing {
                failing = false
                warn("\(path): logging resumed (\(droppedLines) lines lost)")
            }
        } catch {
            droppedLines += 1
            if !failing {
                failing = true
                warn("\(path): cannot write the log (\(error)); analysis goes on, logging resumes when writing works again")
            }
        }
    }

    /// Syncs and closes the current file.
    public func finish() {
        if fd >= 0 {
            fsync(fd)
            Glibc.close(fd)
            fd = -1
        }
    }
}
