import Foundation
import KalmHUD

/// A one-line progress bar on stderr, drawn only when stderr is a terminal that takes cursor
/// movement (not `TERM=dumb`). Safe to update from several threads.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private let enabled: Bool
    private var lastPercent = -1

    init(label: String) {
        self.label = label
        enabled = Terminal.canDraw(on: STDERR_FILENO)
    }

    /// Shows `fraction` (0...1).
    func update(_ fraction: Double) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let percent = Int(fraction * 100)
        guard percent != lastPercent else { return }
        lastPercent = percent
        draw()
    }

    /// Writes `line` (with its newline) on stderr above the bar, which is drawn again below it.
    func say(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, lastPercent >= 0 else {
            FileHandle.standardError.write(Data(line.utf8))
            return
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        draw()
    }

    private func draw() {
        let width = 30
        let filled = width * lastPercent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(lastPercent)%".utf8))
    }

    /// Clears the line (once: a second call leaves alone what was written since).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, lastPercent >= 0 else { return }
        lastPercent = -1
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
