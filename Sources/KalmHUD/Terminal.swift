#if canImport(Glibc)
import Glibc
#endif

/// The controlling terminal: raw keys without echo, its size, and redraws that rewrite
/// only the lines that changed (no flicker). Restores the terminal on `restore()`.
public final class Terminal {
    private var original = termios()
    private var previous: [String] = []
    private var previousSize = (0, 0)

    /// Whether descriptor `fd` is a terminal that takes cursor movement: a tty whose `TERM`
    /// (the environment's unless given) ``takesCursorMovement(term:)``.
    public static func canDraw(on fd: Int32, term: String? = getenv("TERM").map { String(cString: $0) }) -> Bool {
        isatty(fd) == 1 && takesCursorMovement(term: term)
    }

    /// Whether a terminal of type `term` takes cursor movement: set, and not `dumb` (an Emacs
    /// shell buffer, a console without a type), where kalm prints lines instead.
    public static func takesCursorMovement(term: String?) -> Bool {
        guard let term, !term.isEmpty else { return false }
        return term != "dumb"
    }

    /// Puts stdin in raw, non-blocking mode and hides the cursor.
    public init() {
        tcgetattr(STDIN_FILENO, &original)
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        raw.c_cc.6 = 0  // VMIN
        raw.c_cc.5 = 0  // VTIME
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        write("\u{1B}[?25l\u{1B}[2J")
    }

    /// Width and height in characters (80x24 when unknown).
    public var size: (width: Int, height: Int) {
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 else { return (80, 24) }
        return (Int(ws.ws_col), Int(ws.ws_row))
    }

    /// A key pressed since the last call, or nil.
    public func key() -> Character? {
        var byte: UInt8 = 0
        guard read(STDIN_FILENO, &byte, 1) == 1 else { return nil }
        return Character(UnicodeScalar(byte))
    }

    /// Draws `lines`, rewriting only those that changed (all after a resize).
    public func draw(_ lines: [String]) {
        let size = self.size
        if size != previousSize {
            previous = []
            write("\u{1B}[2J")
            previousSize = size
        }
        var out = ""
        for (i, line) in lines.enumerated() where i >= previous.count || previous[i] != line {
            out += "\u{1B}[\(i + 1);1H\u{1B}[2K" + line
        }
        previous = lines
        if !out.isEmpty { write(out) }
    }

    /// Restores the terminal as it was.
    public func restore() {
        tcsetattr(STDIN_FILENO, TCSANOW, &original)
        write("\u{1B}[?25h\u{1B}[\(previous.count + 1);1H\n")
    }

    private func write(_ s: String) {
        var bytes = Array(s.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
