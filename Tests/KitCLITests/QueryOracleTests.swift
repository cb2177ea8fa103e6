import Foundation
import XCTest

/// The `kit query` golden cases recorded from kubectl by `scripts/query-oracle.py` (kubectl 1.32
/// against a stand-in API server serving the same snapshot). Each directory under QueryOracle/
/// holds `args` (kubectl's arguments after `get`, or after `top` when `command` says so),
/// `snapshot` (paths from the repository root; default examples/cluster), kubectl's `stdout`,
/// which kit must print byte for byte, and kit's reviewed `stderr` and `status`. A case with a
/// `jq` file (and `jq-flags`, `where`) runs `kit query … [--where WHERE] --jq FILTER FLAGS`
/// against what `kubectl get … -o json | jq FLAGS FILTER` printed (jq 1.6).
final class QueryOracleTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("QueryOracle")

    func lines(_ url: URL) -> [String]? {
        (try? String(contentsOf: url, encoding: .utf8)).map { $0.split(separator: "\n").map(String.init) }
    }

    /// A one-value file without its final line break.
    func text(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8)).map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
    }

    func testEveryCase() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.cases.path).sorted()
        XCTAssertGreaterThan(names.count, 100)
        for name in names {
            let dir = Self.cases.appendingPathComponent(name)
            var args = ["query"]
            if lines(dir.appendingPathComponent("command"))?.first == "top" { args.append("top") }
            args += lines(dir.appendingPathComponent("args")) ?? []
            if let expression = text(dir.appendingPathComponent("where")) { args += ["--where", expression] }
            if let filter = text(dir.appendingPathComponent("jq")) {
                args += ["--jq", filter] + (lines(dir.appendingPathComponent("jq-flags")) ?? [])
            }
            for path in lines(dir.appendingPathComponent("snapshot")) ?? ["examples/cluster"] { args += ["-f", path] }
            args += ["--now", "2025-03-01T12:00:00Z"]
            let result = try runKit(args, in: Self.root)
            let expected = (try? Data(contentsOf: dir.appendingPathComponent("stdout"))) ?? Data()
            let expectedErr = (try? Data(contentsOf: dir.appendingPathComponent("stderr"))) ?? Data()
            let status = lines(dir.appendingPathComponent("status"))?.first.flatMap { Int32($0) } ?? 0
            XCTAssertEqual(String(decoding: result.stdout, as: UTF8.self), String(decoding: expected, as: UTF8.self), "\(name): stdout")
            XCTAssertEqual(String(decoding: result.stderr, as: UTF8.self), String(decoding: expectedErr, as: UTF8.self), "\(name): stderr")
            XCTAssertEqual(result.status, status, "\(name): exit status")
        }
    }
}
