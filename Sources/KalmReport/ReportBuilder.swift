import Foundation
import KalmConversation
import KalmIO
import KalmPipeline

/// Turns report inputs (recordings, logs, folders of them) into ``CallRecord``s, analysing
/// recordings in parallel on all cores. An unreadable file is reported and skipped.
public enum ReportBuilder {
    /// Audio file endings analysed as recordings.
    public static let audioExtensions: Set<String> = [
        "wav", "wave", "flac", "aiff", "aif", "aifc", "au", "ogg", "oga", "opus", "mp3", "caf", "w64", "rf64",
    ]

    /// The files behind `inputs`: files as given, folders searched recursively for
    /// recordings and `.jsonl` logs, in name order. A file named twice (given, and in a folder
    /// given too; through a link or `..`) is taken once, where it first comes.
    public static func files(_ inputs: [String]) -> [String] {
        var out: [String] = []
        var seen = Set<Syscalls.FileIdentity>()
        func take(_ file: String) {
            if let identity = Syscalls.fileIdentity(file), !seen.insert(identity).inserted { return }
            out.append(file)
        }
        for input in inputs {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue {
                let found = (FileManager.default.enumerator(atPath: input)?.allObjects as? [String] ?? [])
                    .filter { audioExtensions.contains(($0 as NSString).pathExtension.lowercased()) || $0.hasSuffix(".jsonl") }
                    .sorted()
                found.forEach { take((input as NSString).appendingPathComponent($0)) }
            } else {
                take(input)
            }
        }
        return out
    }

    /// Builds the records, `workers` at a time.
    /// - Parameters:
    ///   - agentRight: recordings have the agent on the right channel.
    ///   - profile: the profile recordings are analysed with (nil: the one for each one's
    ///     sample rate).
    ///   - progress: called with (done, total) after each file.
    ///   - failed: called with each file that could not be read and its error.
    ///   - shouldStop: asked before each file and during each analysis.
    /// - Throws: ``KalmIOError/interrupted`` when `shouldStop` stopped the work.
    public static func records(
        _ files: [String], workers: Int = ProcessInfo.processInfo.activeProcessorCount, agentRight: Bool = false,
        profile: Profile? = nil, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
        failed: @escaping @Sendable (String, Error) -> Void = { _, _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws -> [CallRecord] {
        let results = Results(count: files.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, workers)
        for (i, file) in files.enumerated() {
            queue.addOperation {
                guard !shouldStop() else { return }
                do {
                    results.set(i, try record(file, agentRight: agentRight, profile: profile, shouldStop: shouldStop))
                } catch KalmIOError.interrupted {
                    return
                } catch {
                    failed(file, error)
                }
                progress(results.finishOne(), files.count)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        if shouldStop() { throw KalmIOError.interrupted }
        return results.all
    }

    /// One record: a log is read, a recording analysed (with the agent on the right channel
    /// when `agentRight`, and `profile` or else the one for its sample rate; `shouldStop` is
    /// asked during the analysis).
    public static func record(
        _ file: String, agentRight: Bool = false, profile: Profile? = nil, shouldStop: () -> Bool = { false }
    ) throws -> CallRecord {
        let name = (file as NSString).lastPathComponent
        let agent = agentName(of: file)
        let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate]) as? Date
        if file.hasSuffix(".jsonl") {
            // A day's log counts from the session's start: the call's times count from its own
            // (the dead air that split it from the call before lies before it, and is left out).
            let log = try LogReader.read(file)
            let events = log.events.map { $0.earlier(by: log.startSeconds) }.filter { $0.t >= 0 }
            let summary = log.summary?.earlier(by: log.startSeconds)
            let duration = summary?.durationS ?? max(0, events.map(\.t).max() ?? 0)
            return CallRecord(name: name, agent: agent, date: log.start.map { $0 + log.startSeconds } ?? modified,
                              durationS: duration, summary: summary, events: events, columns: [], columnSeconds: 0)
        }
        let input = try CallInput(path: file, agentRight: agentRight)
        let hops = Int(input.frameCount * 100 / Int64(input.sampleRate)) + 1
        let sink = TimelineSink(hops: hops)
        let profile = try profile ?? ProfileFile.load(BuiltInProfiles.defaultName(sampleRate: input.sampleRate))
        let summary = try FileAnalysis.run(input, sink: sink, profile: profile, shouldStop: shouldStop)
        return CallRecord(name: name, agent: agent, date: modified, durationS: summary.durationS, summary: summary,
                          events: sink.events, columns: sink.columns(parties: input.layout.parties.count),
                          columnSeconds: Double(sink.hopsPerColumn) / 100)
    }

    /// The agent a call belongs to: the name of the folder it is in, also when the file is
    /// named without one (then the current folder's); "" for a file at the root.
    public static func agentName(of file: String) -> String {
        let folder = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent()
        return folder.path == "/" ? "" : folder.lastPathComponent
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [CallRecord?]
        private var done = 0

        init(count: Int) { items = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ r: CallRecord) { lock.withLock { items[i] = r } }

        func finishOne() -> Int { lock.withLock { done += 1; return done } }

        var all: [CallRecord] { lock.withLock { items.compactMap { $0 } } }
    }
}
