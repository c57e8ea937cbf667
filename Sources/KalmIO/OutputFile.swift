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
public final class OutputFile {
    /// The final path.
    public let path: String
    private let temporaryPath: String
    private var fd: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private static let flushBytes = 1 << 16
    /// Room past ``flushBytes`` for one reserved append.
    private static let reserveLimit = 1 << 12

    /// Creates the temporary file; throws ``KalmIOError/cannotWrite(path:reason:)`` at once
    /// when the folder is missing or not writable, before any work is done.
    public init(path: String) throws {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = "\(folder).\(name).partial-\(getpid())"
        do {
            fd = try Syscalls.open(temporaryPath, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode: 0o640)
        } catch KalmIOError.cannotWrite(_, let reason) {
            throw KalmIOError.cannotWrite(path: path, reason: reason)
        }
        _ = fchmod(fd, 0o640)
        buffer = .allocate(capacity: Self.flushBytes + Self.reserveLimit)
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

    /// Writes what is buffered, syncs, and moves the file to its final name.
    public func commit() throws {
        try flush()
        let handle = fd
        fd = -1
        try Syscalls.syncAndClose(handle, path: path)
        try Syscalls.rename(temporaryPath, path)
    }

    /// Discards the file.
    public func abandon() {
        if fd >= 0 { _ = close(fd) }
        fd = -1
        Syscalls.removeQuietly(temporaryPath)
    }
}
