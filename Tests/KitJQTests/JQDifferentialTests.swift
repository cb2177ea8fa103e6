import Foundation
import KitCore
import XCTest

@testable import KitJQ

/// kit jq against jq 1.6 on a pod snapshot: the programs of `scripts/jq-difftest.py` (built
/// from the seed's kubectl recipes, only constructs jq 1.6 and 1.8 agree on) with jq 1.6's
/// outputs recorded in Differential/cases.json. Re-record with `scripts/jq-difftest.py --record`.
final class JQDifferentialTests: XCTestCase {
    struct Case: Decodable {
        var program: String
        var raw: Bool
        var output: String
    }

    func testAgainstJQ16Goldens() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Differential")
        let snapshot = try JSONReader.read(Array(try Data(contentsOf: directory.appendingPathComponent("pods.json"))))
        let cases = try JSONDecoder().decode([Case].self, from: try Data(contentsOf: directory.appendingPathComponent("cases.json")))
        XCTAssertGreaterThan(cases.count, 300)
        // Dates are formatted in UTC, as the recording ran.
        setenv("TZ", "UTC", 1)
        var failures = 0
        for c in cases {
            var options = JQPrinter.Options()
            options.indent = 0
            options.raw = c.raw
            var printer = JQPrinter(options: options)
            var out: [UInt8] = []
            do {
                let program = try JQProgram(compiling: c.program)
                try program.run(on: snapshot) { try printer.print($0, to: &out) }
            } catch {
                out.append(contentsOf: Array("error: \(error)".utf8))
            }
            let text = String(decoding: out, as: UTF8.self)
            if text != c.output {
                failures += 1
                XCTFail("\(c.program)\n  jq 1.6: \(c.output)\n  kit:    \(text)")
            }
        }
        XCTAssertEqual(failures, 0, "\(failures) of \(cases.count) programs differ from jq 1.6")
    }
}
