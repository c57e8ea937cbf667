import ArgumentParser
import Foundation

/// Prints one line `kalm: <message>` on stderr and exits with status 1.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("kalm: \(message)\n".utf8))
    return ExitCode(1)
}
