import Foundation
import KalmIO
import KalmPipeline

/// One fuzz input: the first byte picks the target, the rest is its input.
/// - 0...127: an audio file (written to a temporary file, read with libsndfile and analysed).
/// - 128...255: a profile file (parsed and validated).
/// Every outcome is fine except a crash, a hang or a sanitizer report.
func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard let first = bytes.first else { return }
    let payload = Data(bytes.dropFirst())
    if first < 128 {
        let path = FuzzScratch.path
        guard FileManager.default.createFile(atPath: path, contents: payload) else { return }
        if let input = try? CallInput(path: path, channels: first % 3 == 0 ? (0, 1) : nil) {
            _ = try? FileAnalysis.run(input, sink: nil)
        }
    } else {
        _ = try? ProfileFile.parse(payload, name: "fuzz")
    }
}

/// A per-process scratch file (in memory when /dev/shm exists).
enum FuzzScratch {
    static let path: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(folder)/kalm-fuzz-\(getpid()).bin"
    }()
}

/// libFuzzer's entry point (built with `-sanitize=fuzzer`, see tools/fuzz/run).
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

#if FUZZING
/// libFuzzer's driver (exported by the fuzzer runtime).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point under this name: hand over to libFuzzer.
@_cdecl("kalm_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
}
#endif
