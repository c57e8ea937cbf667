import Foundation

/// What the HUD must tell the agent beside the call itself: a headset unplugged, a log that
/// cannot be written. Posted from any thread when it happens (rarely; never per hop), read
/// by the HUD at every redraw. Words written to the terminal under a full-screen HUD would
/// be drawn over within a frame, so such notices go here instead.
public final class NoticeBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    private var until: Date?

    public init() {}

    /// Shows `text` from now on: for `seconds`, or until the next post when nil.
    public func post(_ text: String, seconds: Double? = nil) {
        lock.withLock {
            self.text = text
            until = seconds.map { Date().addingTimeInterval($0) }
        }
    }

    /// The notice to show now, if any.
    public var current: String? {
        lock.withLock {
            if let until, Date() >= until {
                text = nil
                self.until = nil
            }
            return text
        }
    }
}
