import Foundation
import XCTest

@testable import KitCore

final class FileTreeTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kit-tree-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func file(_ path: String, _ text: String, mode: mode_t = 0o644) -> TreeFile {
        TreeFile(path: RelativePath(path)!, bytes: Array(text.utf8), mode: mode)
    }

    func contents(_ path: String) -> String? {
        (try? FileIO.read(root + "/" + path)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every entry below `path`, as relative paths (directories end in `/`).
    func entries(_ path: String) -> [String] {
        let base = root + "/" + path
        guard let e = FileManager.default.enumerator(atPath: base) else { return [] }
        return e.compactMap { $0 as? String }.map { FileIO.isDirectory(base + "/" + $0) ? $0 + "/" : $0 }.sorted()
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        stat(root + "/" + path, &st)
        return st.st_mode & 0o777
    }

    func testRelativePaths() {
        XCTAssertEqual(RelativePath("a/b.yaml")?.components, ["a", "b.yaml"])
        XCTAssertEqual(RelativePath(".gitignore")?.text, ".gitignore")
        for bad in ["", "/etc/passwd", "a//b", "a/", "./a", "a/../b", "..", "a/\0b", String(repeating: "x", count: 256)] {
            XCTAssertNil(RelativePath(bad), bad)
        }
    }

    func testNewDirectory() throws {
        let mask = umask(0o022)
        defer { umask(mask) }
        try FileIO.writeTree([file("a.yaml", "a\n"), file("sub/dir/b.env", "secret\n", mode: 0o600), file("run.sh", "#!/bin/sh\n", mode: 0o755)], to: root + "/new", existing: .refuse)
        XCTAssertEqual(entries("new"), ["a.yaml", "run.sh", "sub/", "sub/dir/", "sub/dir/b.env"])
        XCTAssertEqual(contents("new/sub/dir/b.env"), "secret\n")
        XCTAssertEqual(mode("new"), 0o755)
        XCTAssertEqual(mode("new/a.yaml"), 0o644)
        XCTAssertEqual(mode("new/sub/dir/b.env"), 0o600)
        XCTAssertEqual(mode("new/run.sh"), 0o755)
        XCTAssertEqual(entries(""), ["new/", "new/a.yaml", "new/run.sh", "new/sub/", "new/sub/dir/", "new/sub/dir/b.env"], "no temporary directory left")
    }

    func testEmptyDirectoryIsFilledAndKeepsItsMode() throws {
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: false)
        chmod(root + "/empty", 0o750)
        try FileIO.writeTree([file("a", "1")], to: root + "/empty/", existing: .refuse)
        XCTAssertEqual(contents("empty/a"), "1")
        XCTAssertEqual(mode("empty"), 0o750)
    }

    func testNonEmptyDirectoryIsRefusedWithoutMerge() throws {
        try FileManager.default.createDirectory(atPath: root + "/full", withIntermediateDirectories: false)
        try "keep".write(toFile: root + "/full/mine", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FileIO.writeTree([file("a", "1")], to: root + "/full", existing: .refuse)) { error in
            XCTAssertEqual("\(error)", "\(root)/full: the directory exists and is not empty; use --force to write into it (nothing was written)")
        }
        XCTAssertEqual(entries("full"), ["mine"])
        XCTAssertEqual(entries(""), ["full/", "full/mine"])
    }

    func testMergeReplacesSameNamesAndKeepsTheRest() throws {
        try FileManager.default.createDirectory(atPath: root + "/p/sub", withIntermediateDirectories: true)
        try "old".write(toFile: root + "/p/a.yaml", atomically: true, encoding: .utf8)
        try "mine".write(toFile: root + "/p/sub/mine", atomically: true, encoding: .utf8)
        try FileIO.writeTree([file("a.yaml", "new"), file("sub/b", "b"), file("c/d/e", "e")], to: root + "/p", existing: .merge)
        XCTAssertEqual(entries("p"), ["a.yaml", "c/", "c/d/", "c/d/e", "sub/", "sub/b", "sub/mine"])
        XCTAssertEqual(contents("p/a.yaml"), "new")
        XCTAssertEqual(contents("p/sub/mine"), "mine")
    }

    func testMergeChecksEverythingFirst() throws {
        try FileManager.default.createDirectory(atPath: root + "/p/dir", withIntermediateDirectories: true)
        try "x".write(toFile: root + "/p/file", atomically: true, encoding: .utf8)
        symlink("/etc", root + "/p/link")
        // A file where a directory is needed, a directory where a file goes, a link on the way.
        for (path, message) in [
            ("file/x", "\(root)/p/file: exists and is not a directory, but file/x goes there (nothing was written)"),
            ("dir", "\(root)/p/dir: exists and is a directory; kit replaces only regular files (nothing was written)"),
            ("link/passwd", "\(root)/p/link: exists and is not a directory, but link/passwd goes there (nothing was written)"),
            ("link", "\(root)/p/link: exists and is a symbolic link; kit replaces only regular files (nothing was written)"),
        ] {
            XCTAssertThrowsError(try FileIO.writeTree([file("new-first", "1"), file(path, "2")], to: root + "/p", existing: .merge)) { error in
                XCTAssertEqual("\(error)", message)
            }
            XCTAssertEqual(entries("p"), ["dir/", "file", "link/"], "nothing written for \(path)")  // link/: it points to a directory
        }
    }

    func testTreeMistakesAndTargetsThatCannotBeUsed() throws {
        XCTAssertThrowsError(try FileIO.writeTree([file("a", "1"), file("a", "2")], to: root + "/x", existing: .refuse))
        XCTAssertThrowsError(try FileIO.writeTree([file("a", "1"), file("a/b", "2")], to: root + "/x", existing: .refuse)) { error in
            XCTAssertEqual("\(error)", "a: is both a file and the directory of a/b (nothing was written)")
        }
        XCTAssertThrowsError(try FileIO.writeTree([file("a", "1")], to: root + "/missing/x", existing: .refuse)) { error in
            XCTAssertEqual("\(error)", "\(root)/missing/x: the directory \(root)/missing does not exist")
        }
        try "x".write(toFile: root + "/plain", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FileIO.writeTree([file("a", "1")], to: root + "/plain", existing: .merge)) { error in
            XCTAssertEqual("\(error)", "\(root)/plain: exists and is not a directory (nothing was written)")
        }
        XCTAssertEqual(entries(""), ["plain"])
    }
}
