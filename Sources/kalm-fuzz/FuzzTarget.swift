import Foundation
import KalmIO
import KalmPipeline
import KalmReport

/// One fuzz input: the first byte picks the target, the rest is its input.
/// - 0...127: an audio file (written to a temporary file, read with libsndfile and analysed).
/// - 128...223: a profile file (parsed and validated).
/// - 224...239: an agent calibration file (read as `--agent-baseline` reads it).
/// - 240...255: a headless log (read as `kalm report` reads it, into a call record).
/// Every outcome is fine except a crash, a hang or a sanitizer report.
func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard let first = bytes.first else { return }
    let payload = Data(bytes.dropFirst())
    switch first {
    case 0..<128:
        guard FileManager.default.createFile(atPath: FuzzScratch.path, contents: payload) else { return }
        if let input = try? CallInput(path: FuzzScratch.path, channels: first % 3 == 0 ? (0, 1) : nil) {
            _ = try? FileAnalysis.run(input, sink: nil)
        }
    case 128..<224:
        _ = try? ProfileFile.parse(payload, name: "fuzz")
    case 224..<240:
        guard FileManager.default.createFile(atPath: FuzzScratch.path, contents: payload) else { return }
        _ = try? BaselineFile.load(FuzzScratch.path)
    default:
        guard FileManager.default.createFile(atPath: FuzzScratch.logPath, contents: payload) else { return }
        _ = try? ReportBuilder.record(FuzzScratch.logPath)
    }
}

/// Per-process scratch files (in memory when /dev/shm exists).
enum FuzzScratch {
    static let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    /// For audio and calibrations.
    static let path = "\(folder)/kalm-fuzz-\(getpid()).bin"
    /// For logs: the report reads a file as a log by its ending.
    static let logPath = "\(folder)/kalm-fuzz-\(getpid()).jsonl"
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
