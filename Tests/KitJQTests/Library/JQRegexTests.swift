import Foundation
import KitCore
import XCTest

@testable import KitJQ

/// jq 1.8's regex suites (onig.test, manonig.test) through the `_match_impl` calls jq's
/// wrappers make, plus the cache. The golden file covers many more cases.
final class JQRegexTests: XCTestCase {
    func testOnigSuiteMatches() throws {
        // [match("( )*"; "g")] on "abc": an empty match at every position, the end included.
        let empty = #"{"offset":-1,"string":null,"length":0,"name":null}"#
        try assertMatch(
            "abc", "( )*", "g",
            "[" + (0...3).map { #"{"offset":\#($0),"length":0,"string":"","captures":[\#(empty)]}"# }
                .joined(separator: ",") + "]")
        try assertMatch("abc", "( )*", "gn", "[]")
        try assertMatch(
            "ab", "", "g",
            #"[{"offset":0,"length":0,"string":"","captures":[]},{"offset":1,"length":0,"string":"","captures":[]},{"offset":2,"length":0,"string":"","captures":[]}]"#
        )
        try assertMatch("āáàä", "a", "gi", "[]")
        try assertMatch(
            "foo bar", "(bar)", nil,
            #"[{"offset":4,"length":3,"string":"bar","captures":[{"offset":4,"length":3,"string":"bar","name":null}]}]"#)
        // Offsets and lengths count code points, combining marks included.
        try assertMatch(
            "a\u{304} bar with a combining codepoint U+0304", "bar", nil,
            #"[{"offset":3,"length":3,"string":"bar","captures":[]}]"#)
        try assertMatch("a ba\u{304}r", "ba\u{304}r", nil, #"[{"offset":2,"length":4,"string":"ba\#u{304}r","captures":[]}]"#)
        try assertMatch("a\u{304} two-codepoint grapheme", ".+?\\b", nil, #"[{"offset":0,"length":2,"string":"a\#u{304}","captures":[]}]"#)
        try assertMatch(
            "foo bar foo foo  foo", "foo (?<bar123>bar)? foo", "ig",
            #"[{"offset":0,"length":11,"string":"foo bar foo","captures":[{"offset":4,"length":3,"string":"bar","name":"bar123"}]},{"offset":12,"length":8,"string":"foo  foo","captures":[{"offset":-1,"length":0,"string":null,"name":"bar123"}]}]"#
        )
    }

    func testOnigSuiteOptionalGroups() throws {
        let expected = [
            #"[{"offset":0,"length":1,"string":"a","captures":[{"offset":0,"length":1,"string":"a","name":"x"}]}]"#,
            #"[{"offset":0,"length":1,"string":"b","captures":[{"offset":-1,"string":null,"length":0,"name":"x"}]}]"#,
            #"[{"offset":0,"length":0,"string":"","captures":[{"offset":-1,"string":null,"length":0,"name":"x"}]}]"#,
        ]
        for (input, output) in zip(["a", "b", "c"], expected) {
            try assertMatch(input, "(?<x>a)?b?", nil, output)
        }
        let emptyGroup = [
            #"[{"offset":0,"length":1,"string":"a","captures":[{"offset":0,"length":1,"string":"a","name":"x"}]}]"#,
            #"[{"offset":0,"length":1,"string":"b","captures":[{"offset":0,"string":"","length":0,"name":"x"}]}]"#,
            #"[{"offset":0,"length":0,"string":"","captures":[{"offset":0,"string":"","length":0,"name":"x"}]}]"#,
        ]
        for (input, output) in zip(["a", "b", "c"], emptyGroup) {
            try assertMatch(input, "(?<x>a?)?b?", nil, output)
        }
    }

    func testKeyOrderIsJQs() throws {
        // jq builds unmatched and empty groups with string before length; compare as text.
        let result = try JQRegex.match("b", regex: "(?<x>a)?b", flags: .null, testMode: false)
        XCTAssertEqual(
            JQText.dump(result),
            #"[{"offset":0,"length":1,"string":"b","captures":[{"offset":-1,"string":null,"length":0,"name":"x"}]}]"#)
    }

    func testTestMode() throws {
        XCTAssertEqual(try JQRegex.match("abc", regex: "( )*", flags: "gn", testMode: true), false)
        XCTAssertEqual(try JQRegex.match("ā", regex: "ā", flags: .null, testMode: true), true)
        XCTAssertEqual(try JQRegex.match("foo", regex: "foo", flags: .null, testMode: true), true)
        for input in ["xabcd", "ABC"] {
            XCTAssertEqual(
                try JQRegex.match(.string(input), regex: "a b c # spaces are ignored", flags: "ix", testMode: true), true)
        }
    }

    func testManonigSuiteMatches() throws {
        try assertMatch(
            "abc abc", "(abc)+", "g",
            #"[{"offset": 0, "length": 3, "string": "abc", "captures": [{"offset": 0, "length": 3, "string": "abc", "name": null}]},{"offset": 4, "length": 3, "string": "abc", "captures": [{"offset": 4, "length": 3, "string": "abc", "name": null}]}]"#
        )
        try assertMatch("foo bar foo", "foo", nil, #"[{"offset": 0, "length": 3, "string": "foo", "captures": []}]"#)
        try assertMatch(
            "foo bar FOO", "foo", "ig",
            #"[{"offset": 0, "length": 3, "string": "foo", "captures": []},{"offset": 8, "length": 3, "string": "FOO", "captures": []}]"#
        )
        let all = try JQRegex.match("abc", regex: ".", flags: "g", testMode: false)
        XCTAssertEqual(all.arrayValue?.count, 3)
        // capture("(?<a>[a-z]+)-(?<n>[0-9]+)"): the named groups' strings.
        let capture = try JQRegex.match("xyzzy-14", regex: "(?<a>[a-z]+)-(?<n>[0-9]+)", flags: .null, testMode: false)
        let names = capture[0]?["captures"]?.arrayValue?.map { [$0["name"], $0["string"]] }
        XCTAssertEqual(names, [["a", "xyzzy"], ["n", "14"]])
        // scan("(a+)(b+)") is match with "g".
        let scan = try JQRegex.match("abaabbaaabbb", regex: "(a+)(b+)", flags: "g", testMode: false)
        XCTAssertEqual(
            scan.arrayValue?.map { $0["captures"]?.arrayValue?.map { $0["string"] ?? .null } ?? [] },
            [["a", "b"], ["aa", "bb"], ["aaa", "bbb"]])
        // splits(",? *"; "n"): the separators, empty ones ignored.
        let splits = try JQRegex.match("ab,cd ef,  gh", regex: ",? *", flags: "ng", testMode: false)
        XCTAssertEqual(splits.arrayValue?.map { [$0["offset"], $0["length"]] }, [[2, 1], [5, 1], [8, 3]])
    }

    func testEmptyMatchesMoveOneByte() throws {
        // jq 1.8 restarts one byte after an empty match: inside a multi-byte character the
        // search starts mid-character and reports the character's offset again.
        let offsets = try JQRegex.match("āb", regex: "", flags: "g", testMode: false).arrayValue?.map { $0["offset"] }
        XCTAssertEqual(offsets, [0, 1, 1, 2])
        let astral = try JQRegex.match("😀😀", regex: "", flags: "g", testMode: false).arrayValue?.map { $0["offset"] }
        XCTAssertEqual(astral, [0, 1, 1, 1, 1, 2, 2, 2, 2])
        // "qux" | match("(?=u)"; "g") matches once.
        XCTAssertEqual(try JQRegex.match("qux", regex: "(?=u)", flags: "g", testMode: false).arrayValue?.count, 1)
        // A non-empty match then the empty match at the end.
        let aa = try JQRegex.match("aa", regex: "a*", flags: "g", testMode: false)
        XCTAssertEqual(aa.arrayValue?.map { [$0["offset"], $0["length"]] }, [[0, 2], [2, 0]])
    }

    func testAstralOffsets() throws {
        let r = try JQRegex.match("😀a😀b", regex: "[a-z]", flags: "g", testMode: false)
        XCTAssertEqual(r.arrayValue?.map { $0["offset"] }, [1, 3])
        let e = try JQRegex.match("x😀y😀", regex: "😀", flags: "g", testMode: false)
        XCTAssertEqual(e.arrayValue?.map { [$0["offset"], $0["length"], $0["string"]] }, [[1, 1, "😀"], [3, 1, "😀"]])
    }

    func testErrors() {
        assertLibraryError("number (1) cannot be matched, as it is not a string") {
            try JQRegex.match(1, regex: "a", flags: .null, testMode: false)
        }
        assertLibraryError(#"object ({"a":1}) is not a string"#) {
            try JQRegex.match("a", regex: ["a": 1], flags: .null, testMode: false)
        }
        assertLibraryError("number (1) is not a string") {
            try JQRegex.match("a", regex: "a", flags: 1, testMode: false)
        }
        assertLibraryError("gq is not a valid modifier string") {
            try JQRegex.match("a", regex: "a", flags: "gq", testMode: false)
        }
        assertLibraryError("Regex failure: end pattern with unmatched parenthesis") {
            try JQRegex.match("a", regex: "(", flags: .null, testMode: true)
        }
        // jq's parse depth limit (1024) turns deep nesting into an error, not a crash.
        let deep = String(repeating: "(", count: 1100) + "a" + String(repeating: ")", count: 1100)
        assertLibraryError("Regex failure: parse depth limit over") {
            try JQRegex.match("a", regex: .string(deep), flags: .null, testMode: false)
        }
    }

    func testCacheKeepsPatternsAndOptionsApart() throws {
        XCTAssertEqual(try JQRegex.match("ABC", regex: "b", flags: .null, testMode: true), false)
        XCTAssertEqual(try JQRegex.match("ABC", regex: "b", flags: "i", testMode: true), true)
        XCTAssertEqual(try JQRegex.match("ABC", regex: "b", flags: .null, testMode: true), false)
        // More patterns than the cache holds: it starts over and stays correct.
        for i in 0..<(RegexCache.capacity * 2 + 10) {
            let pattern = Value.string("^x\(i)$")
            XCTAssertEqual(try JQRegex.match(.string("x\(i)"), regex: pattern, flags: .null, testMode: true), true)
            XCTAssertEqual(try JQRegex.match(.string("x\(i + 1)"), regex: pattern, flags: .null, testMode: true), false)
        }
    }

    func testConcurrentSearchesWithOneRegex() {
        let inputs = (0..<400).map { Value.string("pod-\($0)-abc-\($0 % 7)") }
        let failures = LibraryCounter()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for (i, input) in inputs.enumerated() {
                let pattern: Value = i % 2 == 0 ? "-(?<n>[0-9]+)$" : "^pod-(\\d+)"
                guard let r = try? JQRegex.match(input, regex: pattern, flags: "g", testMode: false),
                    let match = r[0], let captured = match["captures"]?[0]?["string"]?.stringValue
                else {
                    failures.add()
                    continue
                }
                let expected = i % 2 == 0 ? String(i % 7) : String(i)
                if captured != expected { failures.add() }
                _ = worker
            }
        }
        XCTAssertEqual(failures.value, 0)
    }

    private func assertMatch(
        _ input: String, _ regex: String, _ flags: String?, _ expected: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let result = try JQRegex.match(
            .string(input), regex: .string(regex), flags: flags.map(Value.string) ?? .null, testMode: false)
        XCTAssertEqual(result, try JSONReader.read(expected), JQText.dump(result), file: file, line: line)
    }
}

/// A thread-safe count for the concurrency test.
final class LibraryCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

extension JQRegexTests {
    func testCacheTellsCanonicallyEquivalentPatternsApart() throws {
        // Swift's String == says "ā" (U+0101) equals "a" + U+0304; the cache must not.
        let precomposed: Value = "\u{101}", decomposed: Value = "a\u{304}"
        XCTAssertEqual(try JQRegex.match(precomposed, regex: precomposed, flags: .null, testMode: true), true)
        XCTAssertEqual(try JQRegex.match(precomposed, regex: decomposed, flags: .null, testMode: true), false)
        XCTAssertEqual(try JQRegex.match(decomposed, regex: decomposed, flags: .null, testMode: true), true)
        XCTAssertEqual(try JQRegex.match(decomposed, regex: precomposed, flags: .null, testMode: true), false)
    }
}
