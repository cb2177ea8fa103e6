import KitCore
import XCTest

/// Go's `%q` (strconv.Quote) and `%#v` of string slices, as Go tools print them in messages.
final class GoSyntaxTests: XCTestCase {
    func testQuoteEscapesAsStrconvQuote() {
        XCTAssertEqual(GoSyntax.quote("plain"), #""plain""#)
        XCTAssertEqual(GoSyntax.quote("a\"b\\c\n\t\u{7}é\u{200B}"), #""a\"b\\c\n\t\aé\u200b""#)
        XCTAssertEqual(GoSyntax.quote("\u{0}\u{7F}"), #""\x00\x7f""#)
        XCTAssertEqual(GoSyntax.quote("\u{1F600}\u{E0001}"), #""😀\U000e0001""#)
        XCTAssertEqual(GoSyntax.quote("\r\u{8}\u{C}\u{B}"), #""\r\b\f\v""#)
    }

    func testStringSliceAsGoSharpV() {
        XCTAssertEqual(GoSyntax.stringSlice([]), "[]string(nil)")
        XCTAssertEqual(GoSyntax.stringSlice(["a", "b c"]), #"[]string{"a", "b c"}"#)
    }
}
