import Foundation
import XCTest

@testable import KitValidate

/// Every rule has golden cases of its own (Tests/KitCLITests/Cases/validate-*): each rule id
/// appears in the expected output of at least one case, and every rule is documented.
final class RuleCoverageTests: XCTestCase {
    func testEveryRuleHasAGoldenCase() throws {
        let cases = testsDirectory.deletingLastPathComponent().appendingPathComponent("KitCLITests/Cases")
        let fm = FileManager.default
        var outputs = ""
        for name in try fm.contentsOfDirectory(atPath: cases.path) where name.hasPrefix("validate-") {
            outputs += (try? String(contentsOf: cases.appendingPathComponent(name).appendingPathComponent("stdout"), encoding: .utf8)) ?? ""
        }
        for rule in RuleCatalog.all {
            XCTAssertTrue(outputs.contains(": \(rule.id): ") || outputs.contains("\"rule\": \"\(rule.id)\""), "no golden case reports \(rule.id)")
        }
    }

    func testCatalog() {
        XCTAssertEqual(Set(RuleCatalog.all.map(\.id)).count, RuleCatalog.all.count, "rule ids are unique")
        XCTAssertEqual(RuleCatalog.lint.count, 20)
        for rule in RuleCatalog.all {
            XCTAssertFalse(rule.doc.isEmpty)
            XCTAssertNotNil(RuleDocs.explain(rule.id))
            XCTAssertTrue(rule.summary.hasSuffix("."), rule.id)
        }
        XCTAssertNil(RuleDocs.explain("nope"))
    }
}
