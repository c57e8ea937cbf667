import CSndfile
import Foundation
import Synchronization

/// Records a live call, only when asked for (`kalm live --record`): the stereo blocks the
/// analysis takes, agent left and customer right as kalm reads a call by default (a device
/// that has the agent on the right is swapped), written by a thread of its own so the
/// analysis does no I/O. The analysis copies each block into a lock-free ring; the writer
/// drains it into a 16-bit WAV or FLAC file. Samples captured as 16-bit are stored exactly
/// (x 32768, as they were read), so `kalm analyze` and `kalm replay` of the recording give the
/// live session's events.
///
/// The file is created new (never over an existing one) with mode 0640. Its header is
/// brought up to date after every write, so a session that is killed leaves a recording
/// readable up to its last write. WAV files are written as RF64 and made plain WAV when they
/// end under 4 GiB.
public final class CallRecorder: @unchecked Sendable {
    /// The recording's path.
    public let path: String
    /// Frames per second.
    public let sampleRate: Int
    /// Seconds of audio the ring holds while the writer catches up.
    static let ringSeconds = 8
    private static let chunkFrames = 4096
    private let ring: SPSCRing
    private let file: OpaquePointer
    private let stopping = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    private let droppedFrames = Atomic<Int>(0)
    private let writtenFrames = Atomic<Int>(0)
    private let agentRight: Bool
    private let warn: @Sendable (KalmIOError) -> Void
    /// Why writing failed (set by the writer before it stops writing; read after it stopped).
    private var failure: KalmIOError?

    /// Creates the recording at `path` (`.wav` or `.flac`) and starts its writer.
    /// - Parameters:
    ///   - agentRight: the blocks have the agent on the right; the recording puts them left.
    ///   - warn: told once, from the writer's thread, when writing fails (a full disk); the
    ///     live analysis goes on without the rest of the recording.
    /// - Throws: ``KalmIOError/cannotWrite(path:reason:)`` when the file exists, its folder
    ///   does not, or libsndfile cannot write that format.
    public init(
        path: String, sampleRate: Int, agentRight: Bool = false, warn: @escaping @Sendable (KalmIOError) -> Void = { _ in }
    ) throws {
        self.path = path
        self.sampleRate = sampleRate
        self.agentRight = agentRight
        self.warn = warn
        let ending = (path as NSString).pathExtension.lowercased()
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = 2
        switch ending {
        case "wav": info.format = Int32(SF_FORMAT_RF64) | Int32(SF_FORMAT_PCM_16)
        case "flac": info.format = Int32(SF_FORMAT_FLAC) | Int32(SF_FORMAT_PCM_16)
        default: throw KalmIOError.recordingFormat(path: path)
        }
        guard let fd = try Syscalls.createNew(path, mode: 0o640, append: false) else {
            throw KalmIOError.recordingExists(path: path)
        }
        fchmod(fd, 0o640)
        guard let handle = sf_open_fd(fd, Int32(SFM_WRITE), &info, 1) else {
            let reason = String(cString: sf_strerror(nil))
            close(fd)
            unlink(path)
            throw KalmIOError.cannotWrite(path: path, reason: reason)
        }
        file = handle
        if ending == "wav" { sf_command(handle, Int32(SFC_RF64_AUTO_DOWNGRADE), nil, Int32(SF_TRUE)) }
        sf_command(handle, Int32(SFC_SET_UPDATE_HEADER_AUTO), nil, Int32(SF_TRUE))
        ring = SPSCRing(capacity: sampleRate * 2 * Self.ringSeconds)
        let thread = Thread { [self] in write() }
        thread.name = "kalm recorder"
        thread.start()
    }

    /// Analysis thread: hands over `frames` stereo frames (no I/O, no lock, no allocation).
    /// Frames the ring has no room for (the disk stalled for seconds) are counted as lost,
    /// unless `waiting` (the source is not clocked, so nothing is lost by waiting): then it
    /// waits for the writer.
    public func append(_ block: UnsafePointer<Float>, frames: Int, waiting: Bool = false) {
        while !ring.write(block, count: frames * 2) {
            guard waiting, !stopped.load(ordering: .acquiring) else {
                droppedFrames.add(frames, ordering: .relaxed)
                return
            }
            usleep(200)
        }
    }

    /// Writes what is left, closes the file and stops the writer.
    /// - Returns: the seconds recorded and the seconds lost (to a full ring or a failed write).
    /// - Throws: the write error, if writing failed.
    @discardableResult
    public func finish() throws -> (recorded: Double, lost: Double) {
        stopping.store(true, ordering: .releasing)
        while !stopped.load(ordering: .acquiring) { usleep(2000) }
        sf_close(file)
        let rate = Double(sampleRate)
        let result = (Double(writtenFrames.load(ordering: .relaxed)) / rate,
                      Double(droppedFrames.load(ordering: .relaxed)) / rate)
        if let failure { throw failure }
        return result
    }

    /// A sample as the 16-bit value it was read from (x 32768, the inverse of the reading).
    private static func short(_ x: Float) -> Int16 { Int16(max(-32768, min(32767, (x * 32768).rounded()))) }

    /// The writer thread: drains the ring into the file until asked to stop and the ring is
    /// empty. After a failed write it keeps draining, so the analysis never waits.
    private func write() {
        let chunk = UnsafeMutablePointer<Float>.allocate(capacity: Self.chunkFrames * 2)
        let shorts = UnsafeMutablePointer<Int16>.allocate(capacity: Self.chunkFrames * 2)
        defer {
            chunk.deallocate()
            shorts.deallocate()
            stopped.store(true, ordering: .releasing)
        }
        while true {
            let finishing = stopping.load(ordering: .acquiring)
            let n = ring.read(into: chunk, count: Self.chunkFrames * 2) / 2
            if n == 0 {
                if finishing { return }
                usleep(20_000)
                continue
            }
            guard failure == nil else {
                droppedFrames.add(n, ordering: .relaxed)
                continue
            }
            let agent = agentRight ? 1 : 0
            for i in 0..<n {
                shorts[2 * i] = Self.short(chunk[2 * i + agent])
                shorts[2 * i + 1] = Self.short(chunk[2 * i + 1 - agent])
            }
            let written = Int(sf_writef_short(file, shorts, sf_count_t(n)))
            writtenFrames.add(max(0, written), ordering: .relaxed)
            if written != n {
                droppedFrames.add(n - max(0, written), ordering: .relaxed)
                let system = sf_error(file) == Int32(SF_ERR_SYSTEM)
                let error = KalmIOError.cannotWrite(
                    path: path, reason: system ? String(cString: strerror(errno)) : String(cString: sf_strerror(file)))
                failure = error
                warn(error)
            }
        }
    }
}
