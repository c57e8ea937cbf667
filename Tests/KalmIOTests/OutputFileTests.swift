import Foundation
import KalmIO
import Testing

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
