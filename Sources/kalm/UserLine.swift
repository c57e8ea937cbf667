import Foundation
import KalmIO

/// Prints `text` for the user on standard output, or on standard error when one of `outputs`
/// goes to standard output, so that the data written there stays clean.
func tell(_ text: String, besides outputs: [OutputFile]) {
    if outputs.contains(where: \.isStandardOutput) {
        FileHandle.standardError.write(Data(text.utf8))
    } else {
        print(text, terminator: "")
    }
}
