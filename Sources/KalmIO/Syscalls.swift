#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls kalm's I/O makes, in one place: each retries on EINTR and throws a
/// typed error naming the path.
public enum Syscalls {
    /// The text of the current `errno`.
    static func errorText() -> String { String(cString: strerror(errno)) }

    /// `open(2)` with retry on EINTR.
    static func open(_ path: String, flags: Int32, mode: mode_t) throws -> Int32 {
        while true {
            let fd = Glibc.open(path, flags, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw KalmIOError.cannotWrite(path: path, reason: errorText()) }
        }
    }

    /// Creates `path` for writing (every write at its end when `append`), failing when it
    /// exists (`O_EXCL`).
    /// - Returns: the descriptor, or nil when a file of that name exists.
    static func createNew(_ path: String, mode: mode_t, append: Bool) throws -> Int32? {
        while true {
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | (append ? O_APPEND : 0) | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EEXIST { return nil }
            if errno != EINTR { throw KalmIOError.cannotWrite(path: path, reason: errorText()) }
        }
    }

    /// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw KalmIOError.cannotWrite(path: path, reason: errorText())
            }
        }
    }

    /// `fsync(2)`, then `close(2)`.
    static func syncAndClose(_ fd: Int32, path: String) throws {
        if fsync(fd) != 0 && errno != EINVAL {
            let reason = errorText()
            _ = Glibc.close(fd)
            throw KalmIOError.cannotWrite(path: path, reason: reason)
        }
        if Glibc.close(fd) != 0 && errno != EINTR {
            throw KalmIOError.cannotWrite(path: path, reason: errorText())
        }
    }

    /// `rename(2)`.
    static func rename(_ from: String, _ to: String) throws {
        if Glibc.rename(from, to) != 0 { throw KalmIOError.cannotWrite(path: to, reason: errorText()) }
    }

    /// `unlink(2)`, ignoring failure (used to clean up after an error).
    static func removeQuietly(_ path: String) { _ = Glibc.unlink(path) }

    /// Whether `path` exists (`access(2)`).
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Whether `path` names something that is not a regular file: a terminal, a pipe, a
    /// device such as `/dev/null` or `/dev/stdout`, or a directory (`stat(2)`, through links).
    static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG
    }

    /// Whether two open descriptors refer to the same file (`fstat(2)`).
    static func sameFile(_ a: Int32, _ b: Int32) -> Bool {
        guard let x = identity(descriptor: a), let y = identity(descriptor: b) else { return false }
        return x == y
    }

    /// Whether `path` names the file open as descriptor `fd` (through links, such as
    /// `/dev/stdout` for descriptor 1, even when that is a regular file).
    static func names(_ path: String, descriptor fd: Int32) -> Bool {
        guard let x = identity(path: path), let y = identity(descriptor: fd) else { return false }
        return x == y
    }

    /// Whether two paths name the same file: the same file on disk when both exist, else the
    /// same absolute path once links are resolved.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        if let x = identity(path: a), let y = identity(path: b) { return x == y }
        return absolute(a) == absolute(b)
    }

    /// What makes a file itself, whatever path names it: device and inode.
    public struct FileIdentity: Hashable, Sendable {
        let device: UInt64, inode: UInt64
    }

    /// The identity of the file `path` names (through links), nil if there is none.
    public static func fileIdentity(_ path: String) -> FileIdentity? {
        identity(path: path).map { FileIdentity(device: UInt64($0.0), inode: UInt64($0.1)) }
    }

    /// Device and inode of the file `path` names (`stat(2)`, through links).
    private static func identity(path: String) -> (dev_t, ino_t)? {
        var info = stat()
        return stat(path, &info) == 0 ? (info.st_dev, info.st_ino) : nil
    }

    /// Device and inode of the file open as `fd` (`fstat(2)`).
    private static func identity(descriptor fd: Int32) -> (dev_t, ino_t)? {
        var info = stat()
        return fstat(fd, &info) == 0 ? (info.st_dev, info.st_ino) : nil
    }

    /// `path` with its folder made absolute, `.`, `..` and links resolved (`realpath(3)`).
    private static func absolute(_ path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let resolved = realpath(folder, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved) + "/" + name
    }

    /// The file a symbolic link finally names (`realpath(3)`); `path` itself when it is not
    /// a link or cannot be resolved.
    static func linkTarget(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK,
              let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is a directory (`stat(2)`).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

extension Syscalls {
    /// The whole of a small input file (a profile, a calibration, a log), read with
    /// `open(2)` and `read(2)` so that each problem is named: a missing file, a folder, no
    /// permission, more than `limit` bytes (such as `/dev/zero`). A pipe is read to its end.
    public static func contents(of path: String, limit: Int = 64 << 20) throws -> [UInt8] {
        var fd: Int32
        repeat { fd = Glibc.open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        if fd < 0 {
            if errno == ENOENT { throw KalmIOError.fileNotFound(path: path) }
            throw KalmIOError.readFailed(path: path, reason: errorText())
        }
        defer { _ = Glibc.close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw KalmIOError.isDirectory(path: path) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw KalmIOError.readFailed(path: path, reason: errorText())
            }
            bytes += chunk[..<n]
            if bytes.count > limit { throw KalmIOError.tooLarge(path: path, limit: limit) }
        }
    }
}
