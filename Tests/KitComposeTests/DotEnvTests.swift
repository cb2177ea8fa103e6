import KitCore
import XCTest

@testable import KitCompose

final class DotEnvTests: XCTestCase {
    func parse(_ text: String, env: [String: String] = [:]) throws -> [String: String?] {
        var out: [String: String?] = [:]
        for e in try DotEnv.parse(Array(text.utf8), file: ".env", lookup: { env[$0] }) { out[e.key] = e.value }
        return out
    }

    func testComposeDialect() throws {
        let values = try parse("""
            # comment
            PLAIN=value
            SPACED =  padded value   # trailing comment
            HASH=a#b
            export EXPORTED=1
            DOUBLE="a \\"quoted\\" line\\nnext"
            SINGLE='literal ${PLAIN} \\n'
            MULTI="one
            two"
            REF=${PLAIN}-${FROM_ENV:-dflt}
            BARE
            EMPTY=
            """, env: ["FROM_ENV": "env"])
        XCTAssertEqual(values["PLAIN"], "value")
        XCTAssertEqual(values["SPACED"], "padded value")
        XCTAssertEqual(values["HASH"], "a#b")
        XCTAssertEqual(values["EXPORTED"], "1")
        XCTAssertEqual(values["DOUBLE"], "a \"quoted\" line\nnext")
        XCTAssertEqual(values["SINGLE"], "literal ${PLAIN} \\n")
        XCTAssertEqual(values["MULTI"], "one\ntwo")
        XCTAssertEqual(values["REF"], "value-env")
        XCTAssertEqual(values["BARE"], .some(nil))
        XCTAssertEqual(values["EMPTY"], "")
    }

    func testComposeErrors() {
        XCTAssertThrowsError(try parse("BAD KEY=1\n"))
        XCTAssertThrowsError(try parse("Q=\"unterminated\n"))
        XCTAssertThrowsError(try parse("=value\n"))
        XCTAssertThrowsError(try parse("Q=\"x\" trailing\n"))
    }

    func testRawDialect() throws {
        let entries = try DotEnv.parseRaw(Array("A=\"kept\" # not a comment\n  B=x\n# c\nSHELL_ONLY\nMISSING\nC=a=b\r\n".utf8), file: ".env", shell: { $0 == "SHELL_ONLY" ? "s" : nil })
        XCTAssertEqual(entries.map(\.key), ["A", "B", "SHELL_ONLY", "C"])
        XCTAssertEqual(entries.map(\.value), ["\"kept\" # not a comment", "x", "s", "a=b"])
        XCTAssertThrowsError(try DotEnv.parseRaw(Array("export X=1\n".utf8), file: ".env", shell: { _ in nil }))
    }
}
