import XCTest

@testable import KitCore

/// `YAML11ScalarResolver` types every scalar of the golden file as PyYAML's SafeLoader does
/// (recorded by scripts/yaml11-scalars.py), and the reader's YAML 1.1 mode uses it.
final class YAML11ScalarTests: XCTestCase {
    func testEveryRecordedScalarTypesAsPyYAML() throws {
        let rows = try JSONReader.read(try fixtureBytes("yaml11-scalars.json"))
        guard case .array(let list) = rows else { return XCTFail("expected an array") }
        XCTAssertGreaterThan(list.count, 4000)
        var failures: [String] = []
        for row in list {
            guard let text = row["text"]?.stringValue, let type = row["type"]?.stringValue else { continue }
            let got: String
            do {
                switch try YAML11ScalarResolver.resolve(text, plain: true, tag: nil) {
                case .timestamp: got = "timestamp"
                case .value(let v): got = describe(v)
                }
            } catch {
                got = "error"
            }
            let want: String
            switch type {
            case "int": want = "int " + (row["value"]?.stringValue ?? "")
            case "float": want = "float " + (row["value"]?.stringValue ?? "")
            case "bool": want = "bool \(row["value"]?.boolValue ?? false)"
            default: want = type
            }
            if got != want { failures.append("\(text): kit \(got), PyYAML \(want)") }
        }
        XCTAssertEqual(failures, [], "\(failures.count) scalars differ")
    }

    /// The value in the golden file's notation (Python's repr for floats).
    func describe(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return "bool \(b)"
        case .int(let i): return "int \(i)"
        case .decimal(let d): return d.isIntegerLiteral ? "int \(d.text)" : "float \(d.text)"
        case .double(let d):
            if d.isNaN { return "float nan" }
            if d.isInfinite { return d > 0 ? "float inf" : "float -inf" }
            // Python's repr of a float: the shortest round-trip digits, `1e+16` style exponents.
            return "float " + pythonRepr(d)
        case .string: return "str"
        default: return v.typeName
        }
    }

    func pythonRepr(_ d: Double) -> String {
        var s = "\(d)"  // Swift: shortest round-trip, "1e+16", "1.0", "5e-05"
        if let e = s.firstIndex(of: "e") {
            var mantissa = String(s[..<e])
            var exponent = String(s[s.index(after: e)...])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            let negative = exponent.hasPrefix("-")
            if exponent.hasPrefix("-") || exponent.hasPrefix("+") { exponent.removeFirst() }
            if exponent.count < 2 { exponent = "0" + exponent }
            s = mantissa + "e" + (negative ? "-" : "+") + exponent
        }
        return s
    }

    func testReaderYAML11Mode() throws {
        let text = """
            a: yes
            b: 0755
            c: 1:20
            d: 1e3
            e: 2021-03-04
            f: [x, 2021-03-04T05:06:07Z]
            g: '2021-03-04'
            a: last
            """
        let docs = try YAMLReader.read(text, file: "t.yaml", options: .yaml11)
        XCTAssertEqual(docs.count, 1)
        let v = docs[0].value
        XCTAssertEqual(v["a"], "last", "the last of repeated keys wins")
        XCTAssertEqual(v["b"], 493)
        XCTAssertEqual(v["c"], 80)
        XCTAssertEqual(v["d"], "1e3")
        XCTAssertEqual(v["e"], "2021-03-04")
        XCTAssertEqual(v["g"], "2021-03-04")
        XCTAssertEqual(docs[0].yaml11Timestamps, [[.key("e")], [.key("f"), .index(1)]])
    }

    func testImpossibleTimestampsAreErrors() {
        assertKitError("not a valid date", line: 2, column: 4) {
            _ = try YAMLReader.read("a: 1\nb: 2021-02-30\n", file: "t.yaml", options: .yaml11)
        }
    }
}
