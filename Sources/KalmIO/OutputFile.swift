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
    private var buffer: [UInt8] = []
    private static let flushBytes = 1 << 16

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
        buffer.reserveCapacity(Self.flushBytes * 2)
    }

    deinit { if fd >= 0 { abandon() } }

    /// Appends a string's UTF-8 (buffered).
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushBytes { try flush() }
    }

    /// Appends through a closure that writes into the buffer directly (no intermediate arrays).
    public func append(_ body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        if buffer.count >= Self.flushBytes { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try Syscalls.writeAll(fd, $0, path: path) }
        buffer.removeAll(keepingCapacity: true)
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
