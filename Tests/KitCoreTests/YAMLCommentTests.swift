import Foundation
import XCTest

@testable import KitCore

/// Comments kept through `kit fmt`: read with `YAMLCommentReader`, written back by
/// `YAMLWriter.stream(_:comments:)`.
///
/// Golden cases live in `Fixtures/comments`: `NAME.yaml` in, `NAME.formatted.yaml` out (key
/// order kept), and `NAME.sorted.yaml` out with sorted keys when that differs from the
/// formatted one. Every case, both ways, is also checked for the three properties a formatter
/// must have: formatting the output again changes nothing, the data (as `kit convert` prints
/// it) is unchanged, and every comment of the input is in the output.
/// `KIT_REGENERATE_GOLDEN=1 swift test --filter YAMLCommentTests` rewrites the goldens
/// (review the diff: there is no oracle for comments).
final class YAMLCommentTests: XCTestCase {
    static let directory = "comments"

    func testGoldenCases() throws {
        let names = try fixtureFiles(Self.directory).filter { $0.hasSuffix(".yaml") && !$0.contains(".formatted.") && !$0.contains(".sorted.") }
        XCTAssertGreaterThanOrEqual(names.count, 40)
        let regenerate = ProcessInfo.processInfo.environment["KIT_REGENERATE_GOLDEN"] == "1"
        for name in names {
            let base = String(name.dropLast(".yaml".count))
            let input = try fixtureBytes("\(Self.directory)/\(name)")
            let formatted = try CommentCheck.format(input, file: name, sorted: false)
            let sorted = try CommentCheck.format(input, file: name, sorted: true)
            let formattedPath = "\(Self.directory)/\(base).formatted.yaml"
            let sortedPath = "\(Self.directory)/\(base).sorted.yaml"
            if regenerate {
                try Data(formatted).write(to: fixturesDirectory.appendingPathComponent(formattedPath))
                let sortedURL = fixturesDirectory.appendingPathComponent(sortedPath)
                if sorted != formatted { try Data(sorted).write(to: sortedURL) } else { try? FileManager.default.removeItem(at: sortedURL) }
            }
            let expected = try fixtureBytes(formattedPath)
            XCTAssertEqual(String(decoding: formatted, as: UTF8.self), String(decoding: expected, as: UTF8.self), "\(name): formatted")
            let expectedSorted = (try? fixtureBytes(sortedPath)) ?? expected
            XCTAssertEqual(String(decoding: sorted, as: UTF8.self), String(decoding: expectedSorted, as: UTF8.self), "\(name): sorted")
            for isSorted in [false, true] {
                try CommentCheck.assertFormatterProperties(input, file: name, sorted: isSorted)
            }
        }
    }

    // MARK: - Where comments go, case by case

    func format(_ text: String, sorted: Bool = false) throws -> String {
        String(decoding: try CommentCheck.format(Array(text.utf8), file: "t.yaml", sorted: sorted), as: UTF8.self)
    }

    func testNoCommentsMeansTheWritersOwnOutput() throws {
        let text = "b:   1\na: [x, \"#y\"]\nc: 'd # e'\n"
        let values = try YAMLReader.read(text, file: "t.yaml").map(\.value)
        XCTAssertEqual(try YAMLCommentReader.read(Array(text.utf8), file: "t.yaml"), [])
        for order in [YAMLWriter.KeyOrder.preserved, .sorted] {
            let writer = YAMLWriter(keyOrder: order, valueRules: .lossless)
            XCTAssertEqual(try writer.stream(values, comments: []), try writer.stream(values))
            XCTAssertEqual(try writer.stream(values, comments: [YAMLCommentMap()]), try writer.stream(values))
        }
    }

    func testHashesInsideScalarsAreNotComments() throws {
        let text = "a: \"# no\"\nb: 'x # no'\nc: x#no\nd: |\n  # no\ne: http://h/#no\n"
        XCTAssertEqual(try YAMLCommentReader.read(Array(text.utf8), file: "t.yaml"), [])
    }

    func testLineEndCommentsGoToTheNodeBeforeThem() throws {
        let maps = try YAMLCommentReader.read(Array("a: 1 # one\nb: # bee\n  c: [x, y] # list\nd: | # block\n  text\n".utf8), file: "t.yaml")
        XCTAssertEqual(maps.count, 1)
        XCTAssertEqual(maps[0].entries[[.key("a")]]?.lineEnd, ["# one"])
        XCTAssertEqual(maps[0].entries[[.key("b")]]?.lineEnd, ["# bee"])
        XCTAssertEqual(maps[0].entries[[.key("b"), .key("c")]]?.lineEnd, ["# list"])
        XCTAssertEqual(maps[0].entries[[.key("d")]]?.lineEnd, ["# block"])
    }

    func testTrailingCommentsGoByColumn() throws {
        let text = """
            a:
              b:
                c: 1
                # end of b
              # end of a
            # above d
            d: 2

            """
        let map = try YAMLCommentReader.read(Array(text.utf8), file: "t.yaml")[0]
        XCTAssertEqual(map.entries[[.key("a"), .key("b")]]?.trailing, [.comment("# end of b")])
        XCTAssertEqual(map.entries[[.key("a")]]?.trailing, [.comment("# end of a")])
        XCTAssertEqual(map.entries[[.key("d")]]?.head, [.comment("# above d")])
    }

    func testDocumentHeadNeedsABlankLine() throws {
        let separated = try YAMLCommentReader.read(Array("# file\n\na: 1\n".utf8), file: "t.yaml")[0]
        XCTAssertEqual(separated.head, [.comment("# file"), .blank])
        let attached = try YAMLCommentReader.read(Array("# about a\na: 1\n".utf8), file: "t.yaml")[0]
        XCTAssertEqual(attached.head, [])
        XCTAssertEqual(attached.entries[[.key("a")]]?.head, [.comment("# about a")])
    }

    func testCommentsTravelWithSortedKeys() throws {
        XCTAssertEqual(
            try format("kind: K # k\n# about the version\napiVersion: v1\n", sorted: true),
            "# about the version\napiVersion: v1\nkind: K # k\n")
    }

    func testCommentsOfEmptyDocumentsAreKept() throws {
        XCTAssertEqual(try format("a: 1\n---\n# nothing here\n---\nb: 2\n"), "a: 1\n# nothing here\n---\nb: 2\n")
        XCTAssertEqual(try format("# first\n---\n---\nb: 2\n"), "# first\n---\nb: 2\n")
    }

    func testLineEndInsideAFoldedScalarMovesToItsEnd() throws {
        let long = String(repeating: "word ", count: 20) + "end"
        let out = try format("- a: \(long)\n  b: 1\n- [x] # item\n".replacingOccurrences(of: "- [x]", with: "- {k: \(long)}"))
        XCTAssertTrue(out.contains("end # item\n"), out)
    }

    func testMergeKeyCommentsMoveToTheNextKey() throws {
        XCTAssertEqual(
            try format("base: &b {x: 1}\nuse:\n  <<: *b # merged\n  y: 2\n"),
            "base:\n  x: 1\nuse:\n  x: 1\n  # merged\n  \"y\": 2\n")
    }

    func testBlankLinesAreKeptOnlyNextToComments() throws {
        XCTAssertEqual(try format("a: 1\n\n\nb: 2\n\n# c\n\n\nc: 3\n\n"), "a: 1\nb: 2\n\n# c\n\nc: 3\n")
    }

    func testEventDigestsSeeDataNotLayout() throws {
        let digest = { (text: String) in try YAMLEventDigest.documents(of: Array(text.utf8)) }
        XCTAssertEqual(try digest("a: [1, 'x']  # c\n"), try digest("# c\na:\n- 1\n- 'x'\n"))
        XCTAssertEqual(try digest("a: 1\n---\nb: 2\n").count, 2)
        XCTAssertNotEqual(try digest("a: 1\n"), try digest("a: '1'\n"))  // plain or not decides the type
        XCTAssertNotEqual(try digest("a: |\n  x\n"), try digest("a: |\n  x\n  # c\n"))  // text, not a comment
        XCTAssertNotEqual(try digest("a: 1\n"), try digest("a: 1\nb: 2\n"))
    }

    func testALineEndCommentOnABlockScalarGoesOnItsHeader() throws {
        // Never inside the block's text, where it would be content.
        var map = YAMLCommentMap()
        map.modifyEntry([.key("a")]) { $0.lineEnd = ["# ok"] }
        let out = try YAMLWriter().stream([try yaml("a: |\n  x\n  y\n")], comments: [map])
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "a: | # ok\n  x\n  y\n")
    }
}

/// The checks every commented input gets (shared with the property tests).
enum CommentCheck {
    /// How `kit fmt` and `kit convert` read YAML: numbers keep their text.
    static var options: YAMLReader.Options {
        var options = YAMLReader.Options()
        options.keepNumberText = true
        return options
    }

    /// `kit fmt`'s YAML path.
    static func format(_ bytes: [UInt8], file: String, sorted: Bool) throws -> [UInt8] {
        let input = try DocumentReader.read(bytes, file: file, yamlOptions: options)
        let comments = try YAMLCommentReader.read(bytes, file: file)
        return try YAMLWriter(keyOrder: sorted ? .sorted : .preserved, valueRules: .lossless)
            .stream(input.documents.map(\.value), comments: comments)
    }

    /// The data as `kit convert` prints it (JSON, jq style), keys sorted or not.
    static func data(_ bytes: [UInt8], file: String, sorted: Bool) throws -> String {
        let input = try DocumentReader.read(bytes, file: file, yamlOptions: options)
        return String(decoding: try JSONWriter(style: .jq, sortKeys: sorted).stream(input.documents.map(\.value)), as: UTF8.self)
    }

    /// Formatting is idempotent, keeps the data and keeps every comment.
    static func assertFormatterProperties(
        _ input: [UInt8], file: String, sorted: Bool, expectedComments: [String]? = nil,
        sourceFile: StaticString = #filePath, line: UInt = #line
    ) throws {
        let label = "\(file)\(sorted ? " (sorted)" : "")"
        let once: [UInt8], twice: [UInt8]
        do {
            once = try format(input, file: file, sorted: sorted)
            twice = try format(once, file: file, sorted: sorted)
        } catch {
            XCTFail("\(label): \(error)\n\(String(decoding: input, as: UTF8.self))", file: sourceFile, line: line)
            return
        }
        XCTAssertEqual(
            String(decoding: twice, as: UTF8.self), String(decoding: once, as: UTF8.self), "\(label): not idempotent",
            file: sourceFile, line: line)
        XCTAssertEqual(
            try data(once, file: file, sorted: sorted), try data(input, file: file, sorted: sorted), "\(label): data changed",
            file: sourceFile, line: line)
        let output = String(decoding: once, as: UTF8.self)
        let comments = try expectedComments ?? YAMLCommentReader.read(input, file: file).flatMap(\.allComments)
        for comment in comments where !output.contains(comment) {
            XCTFail("\(label): comment \(comment) lost", file: sourceFile, line: line)
        }
    }
}
