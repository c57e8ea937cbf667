import Foundation
import Synchronization

/// SIGINT and SIGTERM only set this flag; the live loop polls it and stops cleanly.
enum StopSignal {
    static let requested = Atomic<Bool>(false)

    /// Installs the handlers.
    static func install() {
        let handler: @convention(c) (Int32) -> Void = { _ in StopSignal.requested.store(true, ordering: .relaxed) }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
    }
}
