#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file that appears under its name only when complete.
///
/// Bytes go to a hidden temporary file beside the target (mode 0640), buffered in 64 KiB
/// chunks; ``commit()`` syncs and renames it into place, ``abandon()`` removes it. A failed
/// or interrupted run therefore never leaves a half-written file that looks complete.
///
/// A target that is not a regular file (a pipe, a terminal, `/dev/null`), or that is this
/// process's standard output or error (`-`, `/dev/stdout`, `/dev/stderr`, whatever they are
/// connected to), is a stream: bytes go straight to it, since renaming over it would replace
/// the device or the link with a file, and what was written cannot be taken back. A symbolic
/// link to a regular file has its target replaced, the link kept.
public final class OutputFile {
    /// The final path as given (`-`: standard output).
    public let path: String
    /// Whether bytes go straight to the target rather than to a file renamed into place.
    public let isStream: Bool
    /// Whether the target is this process's standard output (`-`, or a path to it).
    public let isStandardOutput: Bool
    private let target: String
    private let temporaryPath: String
    private var fd: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private static let flushBytes = 1 << 16
    /// Room past ``flushBytes`` for one reserved append.
    private static let reserveLimit = 1 << 12

    /// Creates the temporary file (or opens the stream); throws
    /// ``KalmIOError/cannotWrite(path:reason:)`` at once when the folder is missing or not
    /// writable, before any work is done.
    public init(path: String) throws {
        self.path = path
        let resolved = Syscalls.linkTarget(path)
        target = resolved
        let slash = resolved.lastIndex(of: "/")
        let folder = slash.map { String(resolved[...$0]) } ?? ""
        let name = slash.map { String(resolved[resolved.index(after: $0)...]) } ?? resolved
        temporaryPath = "\(folder).\(name).partial-\(getpid())"
        let standard = path == "-" ? STDOUT_FILENO
            : [STDOUT_FILENO, STDERR_FILENO].first { Syscalls.names(path, descriptor: $0) }
        isStream = standard != nil || Syscalls.isSpecialFile(path)
        do {
            if let standard {
                fd = dup(standard)
                if fd < 0 { throw KalmIOError.cannotWrite(path: path, reason: Syscalls.errorText()) }
            } else if isStream {
                fd = try Syscalls.open(path, flags: O_WRONLY | O_CLOEXEC, mode: 0)
            } else {
                fd = try Syscalls.open(temporaryPath, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode: 0o640)
                _ = fchmod(fd, 0o640)
            }
        } catch KalmIOError.cannotWrite(_, let reason) {
            throw KalmIOError.cannotWrite(path: path, reason: reason)
        }
        isStandardOutput = standard == STDOUT_FILENO || Syscalls.sameFile(fd, STDOUT_FILENO)
        buffer = .allocate(capacity: Self.flushBytes + Self.reserveLimit)
    }

    /// Throws ``KalmIOError/sharedStandardOutput(path:)`` when more than one of `files` goes
    /// to standard output (their buffered chunks would interleave mid-line).
    public static func requireOneStandardOutput(_ files: [OutputFile]) throws {
        let toStandardOutput = files.filter(\.isStandardOutput)
        if toStandardOutput.count > 1 { throw KalmIOError.sharedStandardOutput(path: toStandardOutput[1].path) }
    }

    /// Throws ``KalmIOError/outputIsInput(path:)`` when one of `outputs` names a file among
    /// `inputs` (the recording would be replaced by the analysis of it), and
    /// ``KalmIOError/outputTwice(path:)`` when two of them name one file. Standard output and
    /// devices such as /dev/null may be named more than once here.
    public static func requireApart(outputs: [String], inputs: [String]) throws {
        let files = outputs.filter { $0 != "-" && !Syscalls.isSpecialFile($0) }
        for (i, output) in files.enumerated() {
            if inputs.contains(where: { Syscalls.sameFile(output, $0) }) { throw KalmIOError.outputIsInput(path: output) }
            if files[..<i].contains(where: { Syscalls.sameFile(output, $0) }) { throw KalmIOError.outputTwice(path: output) }
        }
    }

    deinit {
        if fd >= 0 { abandon() }
        buffer.deallocate()
    }

    /// Appends a string's UTF-8 (buffered).
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = min(bytes.count - offset, Self.flushBytes - count)
                (buffer + count).update(from: bytes.baseAddress! + offset, count: n)
                count += n
                offset += n
                if count >= Self.flushBytes { try flush() }
            }
        }
    }

    /// Appends through `body`, which writes at most `bytes` (up to 4096) through the cursor
    /// straight into the buffer: no intermediate arrays and no capacity checks per byte.
    public func append(reserving bytes: Int, _ body: (inout ByteCursor) -> Void) throws {
        precondition(bytes <= Self.reserveLimit, "OutputFile: at most 4096 bytes per append")
        let start = buffer + count
        var cursor = ByteCursor(start)
        body(&cursor)
        precondition(cursor.position - start <= bytes, "OutputFile: append wrote past its reservation")
        count = cursor.position - buffer
        if count >= Self.flushBytes { try flush() }
    }

    /// Writes the buffer out. It is emptied even when the write fails: a failed file is
    /// abandoned, never retried, and the buffer must keep its room.
    private func flush() throws {
        guard count > 0 else { return }
        defer { count = 0 }
        try Syscalls.writeAll(fd, UnsafeRawBufferPointer(start: buffer, count: count), path: path)
    }

    /// Writes what is buffered, syncs, and moves the file to its final name (a stream is
    /// only closed).
    public func commit() throws {
        try flush()
        let handle = fd
        fd = -1
        if isStream {
            _ = close(handle)
            return
        }
        try Syscalls.syncAndClose(handle, path: path)
        try Syscalls.rename(temporaryPath, target)
    }

    /// Discards the file (a stream keeps what it was given).
    public func abandon() {
        if fd >= 0 { _ = close(fd) }
        fd = -1
        if !isStream { Syscalls.removeQuietly(temporaryPath) }
    }
}
