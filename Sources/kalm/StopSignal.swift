import Foundation
import Synchronization

/// SIGINT, SIGTERM and SIGHUP (the terminal closed) only set this flag; the live loop polls
/// it and stops cleanly: logs synced, summary written. A file's analysis polls it too and
/// stops with nothing written. A SIGHUP that was ignored when kalm started (`nohup`) stays
/// ignored; the three are unblocked if the parent blocked them.
enum StopSignal {
    static let requested = Atomic<Bool>(false)
    /// The signal that set ``requested`` (0: none, or the HUD's q).
    static let received = Atomic<Int32>(0)

    /// Whether a stop was asked for.
    static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// The exit status of a run a signal interrupted: 128 + the signal's number, as a shell
    /// reports a process the signal ended.
    static var interruptedStatus: Int32 { 128 + max(received.load(ordering: .relaxed), SIGINT) }

    /// Installs the handlers.
    static func install() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            StopSignal.received.store(signal, ordering: .relaxed)
            StopSignal.requested.store(true, ordering: .relaxed)
        }
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
