import Foundation
import KitCore
import XCTest

@testable import KitValidate

/// `kit validate --strict --rules schema` gives kubernetes-validate's verdict (`--strict -k
/// 1.37.0`, recorded in Corpus/VERDICTS by scripts/validate-corpus.py) on every file of the
/// corpus, except the files Corpus/DIVERGENCES lists with the reason kit differs on purpose.
final class AgreementTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    func lines(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    func testVerdictsAgreeWithKubernetesValidate() throws {
        let verdicts = try lines("VERDICTS")
        let divergent = Dictionary(uniqueKeysWithValues: try lines("DIVERGENCES").map { ($0[0], $0.count > 1 ? $0[1] : "") })
        XCTAssertGreaterThanOrEqual(verdicts.count, 500)
        var options = ValidateOptions()
        options.strict = true
        options.families = [.schema]
        let validator = try Validator(options: options)
        var agree = 0
        var failures: [String] = []
        for row in verdicts {
            let (name, expected) = (row[0], row[1] == "valid")
            let report = try validator.validate([.path(Self.corpus.appendingPathComponent(name).path)])
            let valid = !report.fails(at: .error)
            if valid == expected {
                agree += 1
                if divergent[name] != nil { failures.append("\(name): listed in DIVERGENCES but kit now agrees (\(valid ? "valid" : "invalid"))") }
            } else if divergent[name] == nil {
                let first = report.findings.first.map { "\($0.rule): \(ReportWriter.message($0))" } ?? "no findings"
                failures.append("\(name): kubernetes-validate says \(row[1]), kit \(valid ? "valid" : "invalid") (\(first))")
            }
        }
        XCTAssertEqual(failures, [], "\(failures.count) disagreements")
        print("agreement with kubernetes-validate: \(agree) of \(verdicts.count) files; \(divergent.count) documented divergences")
        XCTAssertEqual(agree + divergent.count, verdicts.count)
    }
}
