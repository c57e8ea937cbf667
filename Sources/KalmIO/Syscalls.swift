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

    /// Whether `path` is a directory (`stat(2)`).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
