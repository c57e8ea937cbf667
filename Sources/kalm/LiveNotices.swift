import Foundation
import KalmHUD

/// Where a live session's notices (a device lost or back, a log that cannot be written) go:
/// on the HUD's notice line while it is drawn, and on stderr, except when stderr is the very
/// terminal the HUD draws on (the line would be drawn over within a frame).
struct LiveNotices: Sendable {
    /// The HUD's notice line.
    let board = NoticeBoard()
    private let onHUD: Bool
    private let toStandardError: Bool

    /// - Parameter onHUD: whether the HUD is drawn on standard output.
    init(onHUD: Bool) {
        self.onHUD = onHUD
        toStandardError = !(onHUD && isatty(STDERR_FILENO) == 1)
    }

    /// Tells `text`: on the HUD for `seconds` (nil: until the next notice), and on stderr.
    func tell(_ text: String, seconds: Double?) {
        if onHUD { board.post(text, seconds: seconds) }
        if toStandardError { FileHandle.standardError.write(Data("kalm: \(text)\n".utf8)) }
    }
}
