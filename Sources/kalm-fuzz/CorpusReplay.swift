#if !FUZZING
import Foundation

/// Without libFuzzer: runs every file of the given folders (or files) once through the fuzz
/// target, so the seed corpus and every crash ever found stay regression tests.
@main
struct CorpusReplay {
    static func main() {
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                FileHandle.standardError.write(Data("kalm-fuzz: \(argument): no such file or folder\n".utf8))
                exit(1)
            }
            let files = isFolder.boolValue
                ? (try? FileManager.default.contentsOfDirectory(atPath: argument))?.sorted().map { "\(argument)/\($0)" } ?? []
                : [argument]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                data.withUnsafeBytes { fuzzOne($0) }
                count += 1
            }
        }
        try? FileManager.default.removeItem(atPath: FuzzScratch.path)
        print("kalm-fuzz: \(count) inputs replayed without a crash")
    }
}
#endif
