import Foundation
import KalmIO
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct OutputFileTests {
    private let folder = try! WAVFile.temporaryFolder()

    @Test func appearsOnlyWhenCommittedWithMode0640() throws {
        let path = folder + "/out.csv"
        let file = try OutputFile(path: path)
        try file.write("a,b\n")
        #expect(!FileManager.default.fileExists(atPath: path))
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func abandonedLeavesNothing() throws {
        let path = folder + "/gone.jsonl"
        let file = try OutputFile(path: path)
        try file.write(String(repeating: "x", count: 200_000))
        file.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("gone") }.isEmpty)
    }

    @Test func unwritableFolderFailsAtOnce() {
        #expect(throws: KalmIOError.self) { try OutputFile(path: "/nonexistent-folder/x.csv") }
    }

    /// A device such as /dev/null is written as it goes: renaming a finished file over it
    /// would replace the device with a file.
    @Test func aDeviceStaysADevice() throws {
        let file = try OutputFile(path: "/dev/null")
        #expect(file.isStream && !file.isStandardOutput)
        try file.write("a,b\n")
        try file.commit()
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    @Test func aPipeGetsEveryByteAndStaysAPipe() throws {
        let path = folder + "/pipe"
        #expect(mkfifo(path, 0o600) == 0)
        let received = PipeReader(path: path)
        let file = try OutputFile(path: path)
        let text = String(repeating: "0123456789", count: 20_000)
        try file.write(text)
        try file.commit()
        #expect(received.wait() == Data(text.utf8))
        var info = stat()
        #expect(lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test func aLinkKeepsPointingAtItsReplacedTarget() throws {
        let real = folder + "/real.csv", link = folder + "/link.csv"
        try "old\n".write(toFile: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let file = try OutputFile(path: link)
        try file.write("new\n")
        try file.commit()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "new\n")
    }

    @Test func standardOutputTakesOneOutput() throws {
        let first = try OutputFile(path: "-"), second = try OutputFile(path: "-")
        defer { first.abandon(); second.abandon() }
        #expect(first.isStream && first.isStandardOutput)
        #expect { try OutputFile.requireOneStandardOutput([first, second]) } throws: { error in
            if case .sharedStandardOutput(let p) = error as? KalmIOError { p == "-" } else { false }
        }
        #expect(throws: Never.self) { try OutputFile.requireOneStandardOutput([first]) }
    }

    @Test func outputsStayApartFromInputsAndEachOther() throws {
        let input = folder + "/call.wav"
        try "x".write(toFile: input, atomically: false, encoding: .utf8)
        #expect(throws: Never.self) {
            try OutputFile.requireApart(outputs: ["/dev/null", "/dev/null", "-", folder + "/a.csv"], inputs: [input])
        }
        #expect { try OutputFile.requireApart(outputs: [folder + "/../" + (folder as NSString).lastPathComponent + "/call.wav"], inputs: [input]) } throws: { error in
            if case .outputIsInput = error as? KalmIOError { true } else { false }
        }
        #expect { try OutputFile.requireApart(outputs: [folder + "/a.csv", folder + "/./a.csv"], inputs: []) } throws: { error in
            if case .outputTwice(let p) = error as? KalmIOError { p == folder + "/./a.csv" } else { false }
        }
    }

    @Test func aFolderFailsAtOnce() {
        #expect { try OutputFile(path: folder) } throws: { error in
            if case .cannotWrite(let p, _) = error as? KalmIOError { p == folder } else { false }
        }
    }

    @Test func rowsAndLongTextSurviveEveryFlushInOrder() throws {
        let path = folder + "/rows.csv"
        let file = try OutputFile(path: path)
        var expected = ""
        for i in 0..<20_000 {
            try file.append(reserving: NumberText.maxBytes + 8) { row in
                row.put("r")
                row.put(Double(i) / 8, decimals: 3)
                row.put(UInt8(ascii: "\n"))
            }
            expected += "r" + NumberText.string(Double(i) / 8, decimals: 3) + "\n"
            if i == 9_999 {
                let long = String(repeating: "0123456789", count: 15_000)
                try file.write(long)
                expected += long
            }
        }
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }

    @Test func numbersStayWithinTheirMostBytes() {
        for (value, decimals) in [(-1e300, 0), (-1e300, 12), (-1e-300, 12), (-9.99e15, 3), (Double.infinity, 2)] {
            #expect(NumberText.string(value, decimals: decimals).utf8.count <= NumberText.maxBytes)
        }
        #expect(NumberText.string(-0.5, decimals: 12) == "-0.500000000000")
    }

    @Test func numbersAreLocaleFree() {
        #expect(NumberText.string(-12.3456, decimals: 3) == "-12.346")
        #expect(NumberText.string(0.005, decimals: 3) == "0.005")
        #expect(NumberText.string(-0.0001, decimals: 2) == "0.00")
        #expect(NumberText.string(120, decimals: 1) == "120.0")
        #expect(NumberText.string(.nan, decimals: 1) == "0")
        #expect(NumberText.string(-7.4, decimals: 0) == "-7")
        #expect(NumberText.string(0, decimals: 3) == "0.000")
        #expect(NumberText.string(-1e20, decimals: 0) == "-9000000000000000")
        #expect(NumberText.string(123_456.789_012, decimals: 6) == "123456.789012")
    }
}

import KalmTestSupport

/// Reads a named pipe to its end on a thread of its own (opening a pipe's writing end waits
/// for a reader, so the reader must not share the test's thread or its task pool).
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(path: String) {
        Thread.detachNewThread { [self] in
            data = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() ?? Data()
            done.signal()
        }
    }

    /// Everything read, once the writer has closed the pipe.
    func wait() -> Data {
        done.wait()
        return data
    }
}
