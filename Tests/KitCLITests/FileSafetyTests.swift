import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// What kit does with the file system around its inputs and outputs: links, FIFOs, devices,
/// permissions, owners, failures part way. These trees cannot be committed as golden cases
/// (git keeps no FIFOs, modes or owners), so each test builds its own in a scratch directory.
final class FileSafetyTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kit-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        _ = try? run("chattr", ["-R", "-i", scratch.path])
        try? FileManager.default.removeItem(at: scratch)
    }

    // MARK: helpers

    func path(_ relative: String) -> String { scratch.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let url = scratch.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) -> String? {
        (try? Data(contentsOf: scratch.appendingPathComponent(relative))).map { String(decoding: $0, as: UTF8.self) }
    }

    func symlink(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: target)
    }

    func kit(_ args: [String]) throws -> (out: String, err: String, status: Int32) {
        let r = try runKit(args, in: scratch)
        let clean = { (d: Data) in String(decoding: d, as: UTF8.self).replacingOccurrences(of: self.scratch.path, with: "<S>") }
        return (clean(r.stdout), clean(r.stderr), r.status)
    }

    @discardableResult
    func run(_ tool: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    func statOf(_ relative: String) -> stat {
        var st = stat()
        _ = stat(path(relative), &st)
        return st
    }

    let messy = "a:    1\n"
    let tidy = "a: 1\n"

    // MARK: render -o DIR (findings 5 and 6)

    func testRenderOutputDirectoryNamesCannotLeaveTheDirectory() throws {
        try write("s/kustomization.yaml", "resources: [r.yaml]\n")
        try write("s/r.yaml", """
            apiVersion: ../../evil/v1
            kind: thing
            metadata: {name: x}
            ---
            apiVersion: v1
            kind: ../../pwned
            metadata: {name: ../y}
            """)
        try FileManager.default.createDirectory(atPath: path("a/b/out"), withIntermediateDirectories: true)
        let r = try kit(["render", "s", "-o", "a/b/out/"])
        XCTAssertEqual(r.status, 0, r.err)
        let written = try FileManager.default.contentsOfDirectory(atPath: path("a/b/out")).sorted()
        XCTAssertEqual(written, ["_._.._evil_v1_thing_x.yaml", "v1_.._.._pwned_.._y.yaml"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path("a")), ["b"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path("a/b")), ["out"])
    }

    func testRenderOutputDirectoryIsAllOrNothing() throws {
        try write("s/kustomization.yaml", "resources: [r.yaml]\n")
        try write("s/r.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: b}
            """)
        try write("out/v1_configmap_a.yaml", "old a\n")
        try FileManager.default.createDirectory(atPath: path("out/v1_configmap_b.yaml"), withIntermediateDirectories: true)
        let r = try kit(["render", "s", "-o", "out"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.err, "kit: error: out/v1_configmap_b.yaml: exists and is a directory; kit replaces only regular files (nothing was written)\n")
        XCTAssertEqual(read("out/v1_configmap_a.yaml"), "old a\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path("out")).sorted(), ["v1_configmap_a.yaml", "v1_configmap_b.yaml"])

        // Two objects that would share a file: a build error, nothing written.
        try FileManager.default.removeItem(atPath: path("out/v1_configmap_b.yaml"))
        try write("s/r.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a/b}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a_b}
            """)
        let clash = try kit(["render", "s", "-o", "out"])
        XCTAssertEqual(clash.status, 1)
        XCTAssertEqual(clash.err, "kit: error: ConfigMap 'a/b' and ConfigMap 'a_b' would both be written to 'v1_configmap_a_b.yaml'\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path("out")), ["v1_configmap_a.yaml"])

        // A good build replaces the old file and adds the new one, leaving no temporary files.
        try write("s/r.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")
        XCTAssertEqual(try kit(["render", "s", "-o", "out"]).status, 0)
        XCTAssertEqual(read("out/v1_configmap_a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path("out")).sorted(), ["v1_configmap_a.yaml", "v1_configmap_b.yaml"])
    }

    func testRenderOutputDirectoryDoesNotWriteThroughLinks() throws {
        try write("s/kustomization.yaml", "resources: [r.yaml]\n")
        try write("s/r.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")
        try write("elsewhere.yaml", "keep\n")
        try FileManager.default.createDirectory(atPath: path("out"), withIntermediateDirectories: true)
        try symlink("out/v1_configmap_a.yaml", to: "../elsewhere.yaml")
        let r = try kit(["render", "s", "-o", "out"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.err, "kit: error: out/v1_configmap_a.yaml: exists and is a symbolic link; kit replaces only regular files (nothing was written)\n")
        XCTAssertEqual(read("elsewhere.yaml"), "keep\n")
    }

    // MARK: the kustomization file and what it names (findings 7 and 12)

    func testSymlinkedKustomizationOutsideTheRootIsNotRead() throws {
        try write("other/kustomization.yaml", "secretKeyHunter2: 1\nresources: [x.yaml]\n")
        try FileManager.default.createDirectory(atPath: path("root"), withIntermediateDirectories: true)
        try symlink("root/kustomization.yaml", to: "../other/kustomization.yaml")
        let r = try kit(["render", "root"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.err, "kit: error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '<S>/root'\n")
        // Inside the root a link is fine, and LoadRestrictionsNone lifts the restriction.
        try write("other/kustomization.yaml", "configMapGenerator:\n- name: x\n  literals: [a=b]\n")
        XCTAssertEqual(try kit(["render", "root", "--load-restrictor", "LoadRestrictionsNone"]).status, 0)
        try write("inside/real.yaml", "configMapGenerator:\n- name: x\n  literals: [a=b]\n")
        try symlink("inside/kustomization.yaml", to: "real.yaml")
        XCTAssertEqual(try kit(["render", "inside"]).status, 0)
    }

    func testRenderReadsRegularFilesOnly() throws {
        try write("f/kustomization.yaml", "resources: [r.yaml]\n")
        XCTAssertEqual(mkfifo(path("f/r.yaml"), 0o644), 0)
        let fifo = try kit(["render", "f"])
        XCTAssertEqual(fifo.status, 1)
        XCTAssertTrue(fifo.err.contains("<S>/f/r.yaml: not a regular file (a FIFO); kit reads only regular files here"), fifo.err)

        try write("z/kustomization.yaml", "configMapGenerator:\n- name: x\n  files: [/dev/zero]\n")
        let zero = try kit(["render", "z", "--load-restrictor", "LoadRestrictionsNone"])
        XCTAssertEqual(zero.status, 1)
        XCTAssertEqual(zero.err, "kit: error: /dev/zero: not a regular file (a character device); kit reads only regular files here\n")
    }

    func testRenderFileSizeLimit() throws {
        try write("g/kustomization.yaml", "configMapGenerator:\n- name: x\n  files: [big.txt]\n")
        try write("g/big.txt", String(repeating: "x", count: 2000))
        let r = try kit(["render", "g", "--max-file-size", "1024"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.err, "kit: error: <S>/g/big.txt: larger than the 1 KiB limit on input files (--max-file-size raises it)\n")
        XCTAssertEqual(try kit(["render", "g", "--max-file-size", "2000"]).status, 0)
    }

    // MARK: -o FILE and kit fmt (findings 8 to 11)

    func testFmtFollowsNoDirectoryLinksAndFormatsEachFileOnce() throws {
        try write("d/x.yaml", messy)
        try symlink("d/l1", to: ".")
        try symlink("d/l2", to: "..")
        try symlink("d/x-link.yaml", to: "x.yaml")
        let check = try kit(["fmt", "--check", "d"])
        XCTAssertEqual(check.out, "d/x.yaml\n")
        XCTAssertEqual(check.status, 1)
        // Named twice (and through a link): formatted once.
        let r = try kit(["fmt", "d", "d/x.yaml", "d/x-link.yaml"])
        XCTAssertEqual(r.out, "d/x.yaml\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(read("d/x.yaml"), tidy)
    }

    func testWritesGoThroughSymlinks() throws {
        try write("real.yaml", messy)
        try symlink("link.yaml", to: "real.yaml")
        XCTAssertEqual(try kit(["fmt", "link.yaml"]).status, 0)
        XCTAssertEqual(read("real.yaml"), tidy)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.yaml")), "real.yaml")

        try write("in.yaml", "b: 2\n")
        try symlink("out.json", to: "real.json")
        try write("real.json", "")
        XCTAssertEqual(try kit(["convert", "in.yaml", "-o", "out.json"]).status, 0)
        XCTAssertEqual(read("real.json"), "{\n  \"b\": 2\n}\n")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path("out.json")), "real.json")
    }

    func testHardLinksStayLinked() throws {
        try write("h1.yaml", messy)
        XCTAssertEqual(link(path("h1.yaml"), path("h2.yaml")), 0)
        XCTAssertEqual(try kit(["fmt", "h1.yaml"]).status, 0)
        XCTAssertEqual(read("h2.yaml"), tidy)
        XCTAssertEqual(statOf("h1.yaml").st_ino, statOf("h2.yaml").st_ino)
    }

    func testReadOnlyFilesNeedForce() throws {
        try write("ro.yaml", messy)
        chmod(path("ro.yaml"), 0o444)
        let r = try kit(["fmt", "ro.yaml"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.err, "kit: error: ro.yaml: the file is read-only; kit fmt does not rewrite read-only files (--force rewrites them)\n")
        XCTAssertEqual(read("ro.yaml"), messy)
        let forced = try kit(["fmt", "--force", "ro.yaml"])
        XCTAssertEqual(forced.status, 0, forced.err)
        XCTAssertEqual(read("ro.yaml"), tidy)
        XCTAssertEqual(statOf("ro.yaml").st_mode & 0o7777, 0o444)

        try write("in.yaml", "b: 2\n")
        try write("out.json", "old\n")
        chmod(path("out.json"), 0o444)
        let o = try kit(["convert", "in.yaml", "-o", "out.json"])
        XCTAssertEqual(o.status, 2)
        XCTAssertEqual(o.err, "kit: error: out.json: the file is read-only; kit does not replace read-only files\n")
        XCTAssertEqual(read("out.json"), "old\n")
    }

    func testOwnerAndModeAreKept() throws {
        try write("plain.yaml", messy)
        chmod(path("plain.yaml"), 0o640)
        XCTAssertEqual(try kit(["fmt", "plain.yaml"]).status, 0)
        XCTAssertEqual(statOf("plain.yaml").st_mode & 0o7777, 0o640)
        guard geteuid() == 0 else { return }  // changing owners needs root
        try write("suid.yaml", messy)
        XCTAssertEqual(chown(path("suid.yaml"), 1234, 1234), 0)
        XCTAssertEqual(chmod(path("suid.yaml"), 0o4755), 0)
        XCTAssertEqual(try kit(["fmt", "suid.yaml"]).status, 0)
        let st = statOf("suid.yaml")
        XCTAssertEqual(read("suid.yaml"), tidy)
        XCTAssertEqual(st.st_uid, 1234)
        XCTAssertEqual(st.st_gid, 1234)
        XCTAssertEqual(st.st_mode & 0o7777, 0o4755)
    }

    func testFmtChecksEveryFileBeforeWritingAny() throws {
        try write("good.yaml", messy)
        try write("bad.yaml", "a: [\n")
        let r = try kit(["fmt", "good.yaml", "bad.yaml"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.out, "")
        XCTAssertEqual(r.err, """
            kit: error: bad.yaml:2:1: did not find expected node content (while parsing a flow node at line 2, column 1)
            kit: error: no file was changed (--keep-going rewrites the files that are fine)

            """)
        XCTAssertEqual(read("good.yaml"), messy)
        let going = try kit(["fmt", "--keep-going", "good.yaml", "bad.yaml"])
        XCTAssertEqual(going.status, 2)
        XCTAssertEqual(going.out, "good.yaml\n")
        XCTAssertEqual(read("good.yaml"), tidy)
    }

    func testFmtDoesNotListAFileItFailedToWrite() throws {
        // An immutable directory refuses new files even to root.
        try write("locked/x.yaml", messy)
        guard try run("chattr", ["+i", path("locked")]) == 0 else { throw XCTSkip("chattr +i is not available here") }
        let r = try kit(["fmt", "locked/x.yaml"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.out, "")
        XCTAssertTrue(r.err.hasPrefix("kit: error: locked/x.yaml: cannot create a temporary file: "), r.err)
        XCTAssertEqual(read("locked/x.yaml"), messy)
    }

    func testFmtReadsRegularFilesOnlyUpToTheLimit() throws {
        XCTAssertEqual(mkfifo(path("pipe.yaml"), 0o644), 0)
        let fifo = try kit(["fmt", "pipe.yaml"])
        XCTAssertEqual(fifo.status, 2)
        XCTAssertEqual(fifo.err, "kit: error: pipe.yaml: not a regular file (a FIFO); kit reads only regular files here\n")
        try write("big.yaml", "a: " + String(repeating: "x", count: 100) + "\n")
        let big = try kit(["fmt", "--max-file-size", "64", "big.yaml"])
        XCTAssertEqual(big.status, 2)
        XCTAssertEqual(big.err, "kit: error: big.yaml: larger than the 64-byte limit on input files (--max-file-size raises it)\n")
    }

    func testOutputToADeviceIsWrittenNotReplaced() throws {
        try write("in.yaml", "b: 2\n")
        XCTAssertEqual(try kit(["convert", "in.yaml", "-o", "/dev/null"]).status, 0)
        var st = stat()
        XCTAssertEqual(stat("/dev/null", &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFCHR)
    }
}
