import Foundation
import Synchronization

/// SIGINT, SIGTERM and SIGHUP (the terminal closed) only set this flag; the live loop polls
/// it and stops cleanly: logs synced, summary written. A SIGHUP that was ignored when kalm
/// started (`nohup`) stays ignored; the three are unblocked if the parent blocked them.
enum StopSignal {
    static let requested = Atomic<Bool>(false)

    /// Installs the handlers.
    static func install() {
        let handler: @convention(c) (Int32) -> Void = { _ in StopSignal.requested.store(true, ordering: .relaxed) }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        var hangUp = sigaction()
        sigaction(SIGHUP, nil, &hangUp)
        let ignored = hangUp.__sigaction_handler.sa_handler.map { unsafeBitCast($0, to: Int.self) == 1 } ?? false  // SIG_IGN
        if !ignored { signal(SIGHUP, handler) }
        // A parent may start kalm with these blocked (Foundation's Process passes its thread's
        // mask on): unblock them here, before any thread starts, so that they arrive.
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&handled, signal) }
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }
}
