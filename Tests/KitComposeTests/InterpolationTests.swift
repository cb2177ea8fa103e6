import KitCore
import XCTest

@testable import KitCompose

final class InterpolationTests: XCTestCase {
    func expand(_ text: String, _ syntax: InterpolationSyntax = .compose, env: [String: String] = [:]) throws -> String {
        try Interpolator(syntax: syntax) { env[$0] }.expand(text).0
    }

    func testComposeForms() throws {
        let env = ["A": "a", "E": ""]
        XCTAssertEqual(try expand("$A-${A}", env: env), "a-a")
        XCTAssertEqual(try expand("${E:-d} ${E-d} ${U-d} ${U:-d}", env: env), "d  d d")
        XCTAssertEqual(try expand("${A:+x} ${E:+x} ${E+x} ${U+x}", env: env), "x  x ")
        XCTAssertEqual(try expand("${U:-${A}-${U:-z}}", env: env), "a-z")
        XCTAssertEqual(try expand("$$A $${A}", env: env), "$A ${A}")
        XCTAssertThrowsError(try expand("${U:?missing}", env: env))
        XCTAssertThrowsError(try expand("${E:?missing}", env: env))
        XCTAssertEqual(try expand("${E?missing}", env: env), "")
        XCTAssertThrowsError(try expand("$", env: env))
        XCTAssertThrowsError(try expand("${A", env: env))
        XCTAssertThrowsError(try expand("$1", env: env))
    }

    func testLibcomposeRemembersDefaults() throws {
        let i = Interpolator(syntax: .libcompose) { _ in nil }
        XCTAssertEqual(try i.expand("${V-one}").0, "one")
        XCTAssertEqual(try i.expand("${V}").0, "one")
        XCTAssertThrowsError(try i.expand("${V:?x}"))
    }

    func testGoExpandEnv() {
        let env = ["A": "a"]
        XCTAssertEqual(GoExpandEnv.expand("$A ${A} ${A:-x} $$ $ ${} x$", lookup: { env[$0] }), "a a   $  x$")
    }
}
