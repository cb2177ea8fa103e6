import KitCore
import XCTest

@testable import KitJQ

/// The format cases of jq 1.8's suites (jq.test, man.test, base64.test, uri.test), NaN and
/// infinities, and kit's own base32. The golden file covers many more cases.
final class JQFormatsTests: XCTestCase {
    func testJQSuiteAllFormats() throws {
        // jq.test: @text,@json,([1,.]|@csv,@tsv),@html,(@uri|.,@urid),@sh,(@base64|.,@base64d)
        let s: Value = "!()<>&'\"\t"
        XCTAssertEqual(try JQFormats.apply("text", to: s), "!()<>&'\"\t")
        XCTAssertEqual(try JQFormats.apply("json", to: s), #""!()<>&'\"\t""#)
        XCTAssertEqual(try JQFormats.apply("csv", to: [1, s]), "1,\"!()<>&'\"\"\t\"")
        XCTAssertEqual(try JQFormats.apply("tsv", to: [1, s]), "1\t!()<>&'\"\\t")
        XCTAssertEqual(try JQFormats.apply("html", to: s), "!()&lt;&gt;&amp;&apos;&quot;\t")
        let uri = try JQFormats.apply("uri", to: s)
        XCTAssertEqual(uri, "%21%28%29%3C%3E%26%27%22%09")
        XCTAssertEqual(try JQFormats.apply("urid", to: .string(uri)), "!()<>&'\"\t")
        XCTAssertEqual(try JQFormats.apply("sh", to: s), "'!()<>&'\\''\"\t'")
        let base64 = try JQFormats.apply("base64", to: s)
        XCTAssertEqual(base64, "ISgpPD4mJyIJ")
        XCTAssertEqual(try JQFormats.apply("base64d", to: .string(base64)), "!()<>&'\"\t")
    }

    func testManualExamples() throws {
        XCTAssertEqual(try JQFormats.apply("html", to: "This works if x < y"), "This works if x &lt; y")
        XCTAssertEqual(try JQFormats.apply("sh", to: "O'Hara's Ale"), "'O'\\''Hara'\\''s Ale'")
        XCTAssertEqual(try JQFormats.apply("base64", to: "This is a message"), "VGhpcyBpcyBhIG1lc3NhZ2U=")
        XCTAssertEqual(try JQFormats.apply("base64d", to: "VGhpcyBpcyBhIG1lc3NhZ2U="), "This is a message")
        XCTAssertEqual(try JQFormats.apply("html", to: "<script>hax</script>"), "&lt;script&gt;hax&lt;/script&gt;")
    }

    func testBase64Suite() throws {
        XCTAssertEqual(try JQFormats.apply("base64", to: ""), "")
        XCTAssertEqual(try JQFormats.apply("base64", to: "<>&'\"\t"), "PD4mJyIJ")
        XCTAssertEqual(try JQFormats.apply("base64", to: "foóbar\n"), "Zm/Ds2Jhcgo=")
        XCTAssertEqual(try JQFormats.apply("base64d", to: ""), "")
        XCTAssertEqual(try JQFormats.apply("base64d", to: "="), "")
        XCTAssertEqual(try JQFormats.apply("base64d", to: "Zm/Ds2Jhcgo="), "foóbar\n")
        XCTAssertEqual(try JQFormats.apply("base64d", to: "cWl4YmF6Cg"), "qixbaz\n")
        assertLibraryError(#"string ("Not base64 data") is not valid base64 data"#) {
            try JQFormats.apply("base64d", to: "Not base64 data")
        }
        assertLibraryError(#"string ("QUJDa") trailing base64 byte found"#) { try JQFormats.apply("base64d", to: "QUJDa") }
        // Decoded bytes that are not UTF-8 become U+FFFD as jq splits them: one per bad
        // sequence, an out-of-range four-byte sequence included (Swift would give four).
        XCTAssertEqual(try JQFormats.apply("base64d", to: "9JCAgA=="), "\u{FFFD}")
        XCTAssertEqual(try JQFormats.apply("base64d", to: "wIA="), "\u{FFFD}\u{FFFD}")
    }

    func testURISuite() throws {
        XCTAssertEqual(try JQFormats.apply("uri", to: "\u{8}\t\n\u{c}\r\"\\"), "%08%09%0A%0C%0D%22%5C")
        XCTAssertEqual(
            try JQFormats.apply("uri", to: ",-./09:;<=>?@AZ[\\]^_`az{|}~\u{7f}"),
            "%2C-.%2F09%3A%3B%3C%3D%3E%3F%40AZ%5B%5C%5D%5E_%60az%7B%7C%7D~%7F")
        XCTAssertEqual(try JQFormats.apply("uri", to: "a \u{3bc} \u{2230} \u{1f60e}"), "a%20%CE%BC%20%E2%88%B0%20%F0%9F%98%8E")
        XCTAssertEqual(try JQFormats.apply("uri", to: "a\u{0}b\u{0}c"), "a%00b%00c")
        XCTAssertEqual(try JQFormats.apply("urid", to: "a%20%CE%BC%20%E2%88%B0%20%F0%9F%98%8E"), "a \u{3bc} \u{2230} \u{1f60e}")
        XCTAssertEqual(try JQFormats.apply("urid", to: "a%00b%00c"), "a\u{0}b\u{0}c")
        XCTAssertEqual(try JQFormats.apply("urid", to: "%c3%a4b%c3%a7d%c3%ab"), "äbçdë")
        for bad in ["abc%", "abc%f", "abc%g", "%FX%9F%98%8E", "%F0%93%81", "%F0%C0%81%8E"] {
            assertLibraryError("string (\"\(bad)\") is not a valid uri encoding") {
                try JQFormats.apply("urid", to: .string(bad))
            }
        }
    }

    func testRowAndShellErrors() {
        assertLibraryError(#"object ({"a":1}) is not valid in a csv row"#) { try JQFormats.apply("csv", to: [["a": 1]]) }
        assertLibraryError("array ([2]) is not valid in a csv row") { try JQFormats.apply("tsv", to: [1, [2]]) }
        assertLibraryError(#"string ("a") cannot be csv-formatted, only array"#) { try JQFormats.apply("csv", to: "a") }
        assertLibraryError("null (null) cannot be tsv-formatted, only array") { try JQFormats.apply("tsv", to: nil) }
        assertLibraryError(#"object ({"a":1}) can not be escaped for shell"#) { try JQFormats.apply("sh", to: ["a": 1]) }
        assertLibraryError("array ([1]) can not be escaped for shell") { try JQFormats.apply("sh", to: [[1]]) }
        assertLibraryError("nope is not a valid format") { try JQFormats.apply("nope", to: "x") }
        assertLibraryError("number (1) is not a valid format") { try JQFormats.apply(format: 1, to: "x") }
    }

    func testNaNAndInfinities() throws {
        // Checked against jq 1.8.2: NaN is an empty field in @csv/@tsv and null elsewhere;
        // infinities print as ±DBL_MAX.
        let row: Value = [.double(.nan), 1, .double(.infinity), .double(-.infinity)]
        XCTAssertEqual(try JQFormats.apply("csv", to: row), ",1,1.7976931348623157e+308,-1.7976931348623157e+308")
        XCTAssertEqual(try JQFormats.apply("tsv", to: row), "\t1\t1.7976931348623157e+308\t-1.7976931348623157e+308")
        XCTAssertEqual(try JQFormats.apply("sh", to: row), "null 1 1.7976931348623157e+308 -1.7976931348623157e+308")
        XCTAssertEqual(try JQFormats.apply("text", to: row), "[null,1,1.7976931348623157e+308,-1.7976931348623157e+308]")
        XCTAssertEqual(
            try JQFormats.apply("base64", to: row),
            "W251bGwsMSwxLjc5NzY5MzEzNDg2MjMxNTdlKzMwOCwtMS43OTc2OTMxMzQ4NjIzMTU3ZSszMDhd")
        XCTAssertEqual(try JQFormats.apply("text", to: .double(.nan)), "null")
        XCTAssertEqual(try JQFormats.apply("sh", to: .double(.nan)), "null")
        assertLibraryError("number (null) cannot be csv-formatted, only array") { try JQFormats.apply("csv", to: .double(.nan)) }
    }

    func testNULEscapes() throws {
        // jq's escape tables all turn NUL into a backslash and 0 (but @json and @uri do not).
        XCTAssertEqual(try JQFormats.apply("csv", to: ["a\u{0}b"]), "\"a\\0b\"")
        XCTAssertEqual(try JQFormats.apply("tsv", to: ["a\u{0}b"]), "a\\0b")
        XCTAssertEqual(try JQFormats.apply("sh", to: "a\u{0}b"), "'a\\0b'")
        XCTAssertEqual(try JQFormats.apply("html", to: "a\u{0}b"), "a\\0b")
        XCTAssertEqual(try JQFormats.apply("json", to: "a\u{0}b"), "\"a\\u0000b\"")
    }

    func testBase32() throws {
        // RFC 4648's test vectors.
        let vectors = [
            ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
            ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
        ]
        for (plain, encoded) in vectors {
            XCTAssertEqual(try JQFormats.apply("base32", to: .string(plain)), encoded)
            XCTAssertEqual(try JQFormats.apply("base32d", to: .string(encoded)), plain)
            // Padding is optional, as jq's base64 decoder has it.
            let bare = String(encoded.prefix { $0 != "=" })
            XCTAssertEqual(try JQFormats.apply("base32d", to: .string(bare)), plain)
        }
        XCTAssertEqual(try JQFormats.apply("base32", to: "μ😎"), "Z26PBH4YRY======")
        XCTAssertEqual(try JQFormats.apply("base32d", to: "Z26PBH4YRY"), "μ😎")
        XCTAssertEqual(try JQFormats.apply("base32", to: 12), "GEZA====")
        assertLibraryError(#"string ("mzxw6") is not valid base32 data"#) { try JQFormats.apply("base32d", to: "mzxw6") }
        assertLibraryError(#"string ("MZX") trailing base32 byte found"#) { try JQFormats.apply("base32d", to: "MZX") }
        assertLibraryError(#"string ("M") trailing base32 byte found"#) { try JQFormats.apply("base32d", to: "M") }
    }

    func testTextOfNumbersKeepsLiterals() throws {
        XCTAssertEqual(try JQFormats.apply("text", to: try JSONReader.read("100000000000000000001")), "100000000000000000001")
        XCTAssertEqual(try JQFormats.apply("csv", to: try JSONReader.read("[1.000, 1e1000]")), "1.000,1E+1000")
        XCTAssertEqual(try JQFormats.apply("text", to: .double(1e17)), "1e+17")
        XCTAssertEqual(try JQFormats.apply("text", to: .double(-0.0)), "-0")
    }
}
