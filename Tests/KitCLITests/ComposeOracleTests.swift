import Foundation
import KitCore
import XCTest

/// The compose cases' oracle verdicts, recorded by `scripts/compose-oracles.py --record`, held
/// against the cases' golden outputs without running any oracle:
/// - `oracle-docker-compose.yaml`: what docker-compose 1.29.2 `config` printed for the case;
///   kit's golden stdout must be the same data (the project `name`, the `version` and top-level
///   `x-` keys aside: deliberate differences). `oracle-docker-compose.error`: docker-compose
///   failed, so kit must fail too. `oracle-difference` marks (and explains) a deliberate
///   difference instead.
/// - `oracle-check`: the verdict of ecs_taskdef_check.py, botocore, cfn-lint or
///   kubernetes-validate and a hash of the output it checked, which must be the golden stdout
///   (so a golden cannot change without its check being re-run).
final class ComposeOracleTests: XCTestCase {
    static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")

    func caseNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Self.casesDirectory.path).filter { $0.hasPrefix("compose-") }.sorted()
    }

    func text(_ name: String, _ file: String) -> String? {
        try? String(contentsOf: Self.casesDirectory.appendingPathComponent(name).appendingPathComponent(file), encoding: .utf8)
    }

    static func normalized(_ text: String) throws -> Value {
        guard let doc = try YAMLReader.read(text).first?.value, case .object(var o) = doc else { return .null }
        o["name"] = nil
        o["version"] = nil
        for key in o.keys where key.hasPrefix("x-") { o[key] = nil }
        return .object(o)
    }

    func testDockerComposeAgrees() throws {
        var compared = 0, failing = 0
        for name in try caseNames() {
            guard text(name, "oracle-difference") == nil else { continue }
            let status = Int(text(name, "status")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "0") ?? 0
            if let oracle = text(name, "oracle-docker-compose.yaml") {
                XCTAssertEqual(status, 0, "\(name): docker-compose succeeds, kit's golden fails")
                XCTAssertEqual(try Self.normalized(text(name, "stdout") ?? ""), try Self.normalized(oracle), "\(name): kit and docker-compose differ")
                compared += 1
            } else if text(name, "oracle-docker-compose.error") != nil {
                XCTAssertNotEqual(status, 0, "\(name): docker-compose fails, kit's golden succeeds")
                failing += 1
            }
        }
        XCTAssertGreaterThan(compared, 25)
        XCTAssertGreaterThan(failing, 20)
    }

    func testCheckedOutputsAreTheGoldens() throws {
        var checked = 0
        for name in try caseNames() {
            guard let verdict = text(name, "oracle-check") else { continue }
            let lines = verdict.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.count, 2, "\(name): oracle-check")
            guard lines.count == 2 else { continue }
            XCTAssertTrue(lines[0].hasSuffix(": ok") || lines[0].contains(": ok "), "\(name): \(lines[0])")
            let stdout = text(name, "stdout") ?? ""
            XCTAssertEqual(lines[1], Self.fnv1a64(stdout), "\(name): the golden stdout changed after its oracle check; run scripts/compose-oracles.py --record")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0)
    }

    static func fnv1a64(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension ComposeOracleTests {
    /// `oracle-kustomize.yaml` is what `kubectl kustomize` printed for the directory a case
    /// wrote with `-o DIR/`; it must be the case's files, in the kustomization's order, as one
    /// stream (so the kustomization renders unchanged).
    func testKustomizeRendersTheWrittenDirectory() throws {
        var checked = 0
        for name in try caseNames() {
            guard let oracle = text(name, "oracle-kustomize.yaml") else { continue }
            let args = (text(name, "args") ?? "").split(separator: "\n").map(String.init)
            guard let o = args.firstIndex(of: "-o"), o + 1 < args.count else { continue }
            let directory = "after/" + args[o + 1]
            let kustomization = try XCTUnwrap(text(name, directory + "kustomization.yaml"), name)
            let resources = kustomization.split(separator: "\n").filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
            XCTAssertFalse(resources.isEmpty, name)
            let files = try resources.map { try XCTUnwrap(text(name, directory + $0), "\(name): \($0)") }
            XCTAssertEqual(files.joined(separator: "---\n"), oracle, "\(name): kubectl kustomize prints something else")
            checked += 1
        }
        XCTAssertEqual(checked, 2)
    }
}
