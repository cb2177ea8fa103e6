import Foundation
import XCTest

/// End-to-end cases: each directory under Cases/ is "these files in, this output out".
///
/// A case directory holds:
/// - `args`: the command line after `kit`, one argument per line;
/// - input files, and optionally `stdin`;
/// - `stdout`, `stderr` (absent means empty) and `status` (absent means 0) as expected, with
///   the scratch directory's absolute path written `<CASE>`;
/// - `after/NAME`: what file NAME (a path, possibly in a subdirectory) must contain after the run;
/// - `absent`: names (one per line) that must not exist after the run;
/// - `env`: when present, the whole environment of the run, one `NAME=VALUE` per line (compose
///   cases use it so that interpolation never sees the environment of the machine).
/// The command runs in a scratch copy of the directory, so cases can rewrite files.
/// The `create-*` cases also hold `kubectl` (the oracle's command line), `kubectl-server` and
/// `NOTE`, which only `scripts/create-oracle.py` reads.
final class CLICaseTests: XCTestCase {
    static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")
    static let metaFiles: Set<String> = ["args", "stdin", "stdout", "stderr", "status", "after", "absent", "env", "kubectl", "kubectl-server", "NOTE"]

    func testEveryCase() throws {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: Self.casesDirectory.path).sorted()
        XCTAssertGreaterThan(names.count, 20)
        for name in names {
            try runCase(name)
        }
    }

    func runCase(_ name: String) throws {
        let fm = FileManager.default
        let source = Self.casesDirectory.appendingPathComponent(name)
        let scratch = fm.temporaryDirectory.appendingPathComponent("kit-case-\(name)-\(UUID().uuidString)")
        try fm.copyItem(at: source, to: scratch)
        defer { try? fm.removeItem(at: scratch) }

        let args = try String(contentsOf: source.appendingPathComponent("args"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let stdin = try? Data(contentsOf: source.appendingPathComponent("stdin"))
        let environment = (try? String(contentsOf: source.appendingPathComponent("env"), encoding: .utf8)).map { text in
            Dictionary(text.split(separator: "\n").compactMap { line -> (String, String)? in
                guard let eq = line.firstIndex(of: "=") else { return nil }
                return (String(line[..<eq]), String(line[line.index(after: eq)...]).replacingOccurrences(of: "<CASE>", with: scratch.path))
            }, uniquingKeysWith: { $1 })
        }
        let result = try runKit(args, in: scratch, stdin: stdin, environment: environment)

        let expectedOut = (try? Data(contentsOf: source.appendingPathComponent("stdout"))) ?? Data()
        let expectedErr = (try? Data(contentsOf: source.appendingPathComponent("stderr"))) ?? Data()
        let expectedStatus = (try? String(contentsOf: source.appendingPathComponent("status"), encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        // Messages that name absolute paths (as kustomize's do) name the scratch copy; cases
        // record it as <CASE>.
        func text(_ data: Data) -> String {
            String(decoding: data, as: UTF8.self).replacingOccurrences(of: scratch.path, with: "<CASE>")
        }
        XCTAssertEqual(text(result.stdout), String(decoding: expectedOut, as: UTF8.self), "\(name): stdout")
        XCTAssertEqual(text(result.stderr), String(decoding: expectedErr, as: UTF8.self), "\(name): stderr")
        XCTAssertEqual(result.status, expectedStatus, "\(name): exit status")

        let after = source.appendingPathComponent("after")
        if let files = fm.enumerator(atPath: after.path)?.compactMap({ $0 as? String }) {
            for file in files.sorted() {
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: after.appendingPathComponent(file).path, isDirectory: &isDirectory), isDirectory.boolValue { continue }
                let expected = try Data(contentsOf: after.appendingPathComponent(file))
                let actual = try? Data(contentsOf: scratch.appendingPathComponent(file))
                XCTAssertEqual(actual.map { String(decoding: $0, as: UTF8.self) }, String(decoding: expected, as: UTF8.self), "\(name): file \(file) after the run")
            }
        }
        if let absent = try? String(contentsOf: source.appendingPathComponent("absent"), encoding: .utf8) {
            for file in absent.split(separator: "\n") {
                XCTAssertFalse(fm.fileExists(atPath: scratch.appendingPathComponent(String(file)).path), "\(name): \(file) must not exist")
            }
            // No temporary files left behind either.
            let leftovers = try fm.contentsOfDirectory(atPath: scratch.path).filter { $0.contains(".kit-") }
            XCTAssertEqual(leftovers, [], "\(name): temporary files left behind")
        }
    }
}

struct KitResult {
    var stdout: Data
    var stderr: Data
    var status: Int32
}

/// The `kit` binary built beside the test bundle.
let kitBinary: URL = {
    Bundle.main.bundleURL.appendingPathComponent("kit")
}()

func runKit(_ args: [String], in directory: URL? = nil, stdin: Data? = nil, environment: [String: String]? = nil) throws -> KitResult {
    let process = Process()
    process.executableURL = kitBinary
    process.arguments = args
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = directory }
    let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = inPipe
    try process.run()
    // Read both pipes concurrently so a large output cannot block the child.
    final class Collected: @unchecked Sendable { var data = Data() }
    let err = Collected()
    let errDone = DispatchSemaphore(value: 0)
    let errHandle = errPipe.fileHandleForReading
    DispatchQueue.global().async {
        err.data = errHandle.readDataToEndOfFile()
        errDone.signal()
    }
    if let stdin { inPipe.fileHandleForWriting.write(stdin) }
    try inPipe.fileHandleForWriting.close()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    errDone.wait()
    return KitResult(stdout: out, stderr: err.data, status: process.terminationStatus)
}
