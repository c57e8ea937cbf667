import ArgumentParser
import Foundation
import KalmIO

/// Prints one line `kalm: <message>` on stderr and exits with status 1.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("kalm: \(message)\n".utf8))
    return ExitCode(1)
}

/// Prints the one line for `error`; its exit status is 128 + the signal's number for a run a
/// signal interrupted (as a shell reports it), else 1.
func fail(_ error: Error, _ language: Language) -> ExitCode {
    let code = fail(ErrorText.describe(error, language))
    if case KalmIOError.interrupted = error { return ExitCode(StopSignal.interruptedStatus) }
    return code
}
