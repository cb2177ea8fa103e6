import Foundation
import XCTest

@testable import KitCore

final class FileIOTests: XCTestCase {
    func testFileNamesAreSingleSafeComponents() {
        XCTAssertNil(FileName(""))
        XCTAssertNil(FileName("."))
        XCTAssertNil(FileName(".."))
        XCTAssertNil(FileName(".hidden"))
        XCTAssertNil(FileName("a/b"))
        XCTAssertNil(FileName("a\u{0}b"))
        XCTAssertNil(FileName(String(repeating: "x", count: 256)))
        XCTAssertEqual(FileName("v1_configmap_a.yaml")?.text, "v1_configmap_a.yaml")
        XCTAssertEqual(FileName.sanitizing("../../evil_v1_x.yaml")?.text, "_._.._evil_v1_x.yaml")
        XCTAssertEqual(FileName.sanitizing("..")?.text, "_.")
        XCTAssertEqual(FileName.sanitizing("a\\b\u{0}c\nd")?.text, "a_b_c_d")
        XCTAssertNil(FileName.sanitizing(""))
    }

    func testWriteFilesLeavesTheDirectoryAsItWasOnFailure() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kit-fileio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("old\n".utf8).write(to: dir.appendingPathComponent("a.yaml"))
        let a = FileName("a.yaml")!, b = FileName("b.yaml")!
        XCTAssertThrowsError(try FileIO.writeFiles([(a, Array("new\n".utf8)), (a, [])], into: dir.path)) { error in
            XCTAssertEqual((error as? KitError)?.message, "\(dir.path)/a.yaml: two objects would be written to this file; nothing was written")
        }
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("a.yaml"), encoding: .utf8), "old\n")
        try FileIO.writeFiles([(a, Array("new\n".utf8)), (b, Array("b\n".utf8))], into: dir.path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["a.yaml", "b.yaml"])
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("a.yaml"), encoding: .utf8), "new\n")
    }

    func testReadLimits() throws {
        XCTAssertThrowsError(try FileIO.read("/dev/zero", limits: .regularFiles(maxSize: 1 << 20))) { error in
            XCTAssertEqual((error as? KitError)?.message, "/dev/zero: not a regular file (a character device); kit reads only regular files here")
        }
        // Without the regular-file rule, the size limit still stops an endless stream.
        XCTAssertThrowsError(try FileIO.read("/dev/zero", limits: FileIO.ReadLimits(regularFilesOnly: false, maxSize: 100_000))) { error in
            XCTAssertEqual((error as? KitError)?.message, "/dev/zero: larger than the 100000-byte limit on input files (--max-file-size raises it)")
        }
    }
}
