import XCTest

@testable import KitCore

final class YAMLReaderTests: XCTestCase {
    func testMultiDocumentStreamsAndEmptyDocuments() throws {
        let docs = try YAMLReader.read("a: 1\n---\n---\n- x\n...\n--- text\n", file: "s.yaml")
        XCTAssertEqual(docs.map(\.value), [["a": 1], nil, ["x"], "text"])
        XCTAssertEqual(docs.map(\.isEmpty), [false, true, false, false])
        XCTAssertEqual(docs.map(\.location.line), [1, 2, 3, 6])
        XCTAssertEqual(try YAMLReader.read("", file: "e.yaml").count, 0)
        XCTAssertEqual(try YAMLReader.read("# only a comment\n", file: "e.yaml").count, 0)
        XCTAssertEqual(try YAMLReader.read("~\n", file: "n.yaml").map(\.isEmpty), [false], "an explicit null is content")
    }

    func testBlockAndFlowStylesAndKeyOrder() throws {
        let v = try yaml("""
            z: {b: 1, a: [x, 'y', "z"]}
            a:
              - k: v
              -   - nested
            m: |
              line one
              line two
            f: >-
              folded
              text
            """)
        XCTAssertEqual(v.objectValue?.keys, ["z", "a", "m", "f"])
        XCTAssertEqual(v["z"], ["b": 1, "a": ["x", "y", "z"]])
        XCTAssertEqual(v["z"]?.objectValue?.keys, ["b", "a"])
        XCTAssertEqual(v["a"], [["k": "v"], ["nested"]])
        XCTAssertEqual(v["m"], "line one\nline two\n")
        XCTAssertEqual(v["f"], "folded text")
    }

    func testAnchorsAliasesAndMergeKeys() throws {
        let v = try yaml("""
            base: &base {a: 1, b: 2}
            extra: &extra {b: 20, c: 30}
            one:
              <<: *base
              b: 3
            two:
              c: 0
              <<: [*extra, *base]
            list: &l [1, 2]
            copy: *l
            """)
        XCTAssertEqual(v["one"], ["a": 1, "b": 3], "explicit keys win over merged ones")
        XCTAssertEqual(v["one"]?.objectValue?.keys, ["a", "b"])
        XCTAssertEqual(v["two"], ["c": 0, "b": 20, "a": 1], "the first merged map to bring a key wins")
        XCTAssertEqual(v["copy"], [1, 2])
        XCTAssertEqual(try yaml("\"<<\": 1"), ["<<": 1], "a quoted << is an ordinary key")
    }

    func testMergeOfANonMapIsAnError() {
        assertKitError("map merge requires map", line: 2, column: 9) { _ = try yaml("a: &x 1\nb: {<<: *x}") }
        assertKitError("map merge requires map", line: 1, column: 9) { _ = try yaml("b: {<<: [1]}") }
    }

    func testDuplicateKeysNameBothPositions() {
        assertKitError("duplicate key \"name\" (first defined at line 2, column 3)", line: 4, column: 3) {
            _ = try yaml("metadata:\n  name: a\n  labels: {}\n  name: b\n", file: "dup.yaml")
        }
        assertKitError("duplicate key \"x\"", line: 1, column: 8) { _ = try yaml("{x: 1, x: 2}") }
    }

    func testUnknownTagsAndAnchors() {
        assertKitError("unknown tag !custom", line: 1, column: 4) { _ = try yaml("a: !custom value") }
        assertKitError("unknown tag tag:yaml.org,2002:set", line: 1, column: 4) { _ = try yaml("a: !!set {x: null}") }
        assertKitError("unknown anchor 'nope' referenced", line: 1, column: 4) { _ = try yaml("a: *nope") }
    }

    func testComplexKeysAreRefused() {
        assertKitError("mapping keys must be scalars", line: 1, column: 3) { _ = try yaml("? [a, b]\n: 1") }
    }

    func testSyntaxErrorsCarryPositionAndContext() {
        assertKitError("did not find expected key", line: 3, column: 2) { _ = try yaml("a:\n  b: 1\n c: 2\n") }
        assertKitError("found character that cannot start any token", line: 1, column: 4) { _ = try yaml("a: @x") }
        assertKitError("mapping values are not allowed in this context", line: 1, column: 5) { _ = try yaml("a: b: c") }
    }

    func testTabIndentationIsAnError() {
        assertKitError("found character that cannot start any token", line: 2, column: 1) { _ = try yaml("a:\n\tb: 1\n") }
    }

    func testInvalidUTF8IsAnError() {
        let bytes: [UInt8] = Array("ok: 1\nbad: x".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        XCTAssertThrowsError(try YAMLReader.read(bytes, file: "bad.yaml")) { error in
            let e = error as! KitError
            XCTAssertTrue(e.message.contains("invalid"), e.message)
            XCTAssertEqual(e.location?.line, 2)
            XCTAssertEqual(e.location?.column, 7)
        }
    }

    func testBillionLaughsFailsFastWithAClearError() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            let p = "*a\(i - 1)"
            text += "a\(i): &a\(i) [\(Array(repeating: p, count: 10).joined(separator: ", "))]\n"
        }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            assertKitError("excessive aliasing", line: 7) { _ = try yaml(text) }
        }
        XCTAssertLessThan(elapsed, .seconds(5), "no expansion happens before the limit trips")
    }

    /// Few aliases of one big string: the limit counts bytes, not nodes.
    func testAliasLimitCountsBytes() throws {
        let big = String(repeating: "x", count: 100_000)
        let aliases = Array(repeating: "*s", count: 990).joined(separator: ", ")
        let text = "a: &s \(big)\nl: &l [\(aliases)]\nb: [\(Array(repeating: "*l", count: 990).joined(separator: ", "))]\n"
        assertKitError("excessive aliasing", line: 2) { _ = try yaml(text) }
        // The same aliases of a small string are fine, and the limit grows with the input.
        XCTAssertNoThrow(try yaml("a: &s xyz\nl: [\(aliases)]\n"))
        let options = YAMLReader.Options(maxAliasExpansion: 1000)
        XCTAssertEqual(options.aliasBudget(forInputOf: 10), 1000)
        XCTAssertEqual(options.aliasBudget(forInputOf: 10_000), 40_000)
        XCTAssertThrowsError(try YAMLReader.read("a: &s \(String(repeating: "y", count: 300))\nb: [*s, *s, *s, *s, *s]\n", options: options))
        XCTAssertNoThrow(try YAMLReader.read("a: &s \(String(repeating: "y", count: 300))\nb: [*s, *s]\n", options: options))
    }

    func testModestAliasUseIsFine() throws {
        var text = "base: &b {image: nginx, ports: [80, 443]}\nitems:\n"
        for _ in 0..<1000 { text += "- *b\n" }
        XCTAssertEqual(try yaml(text)["items"]?.arrayValue?.count, 1000)
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        assertKitError("nesting is deeper than 10000 levels", line: 1, column: 10_001) { _ = try yaml(deep) }
        let block = String(repeating: "- ", count: 10_500) + "x\n"  // block sequences, one per "- "
        assertKitError("nesting is deeper than 10000 levels", line: 1, column: 20_001) { _ = try yaml(block) }
    }

    func testPositionTreeFollowsTheValue() throws {
        let text = """
            apiVersion: v1
            kind: Pod
            spec:
              containers:
              - name: app
                image: nginx
              - name: side
                image: busybox
            """
        let doc = try YAMLReader.read(text, file: "pod.yaml", options: .init(positions: true))[0]
        let tree = try XCTUnwrap(doc.positions)
        let image = tree.location(of: [.key("spec"), .key("containers"), .index(1), .key("image")], in: doc.value)
        XCTAssertEqual(image.description, "pod.yaml:8:12")
        XCTAssertEqual(tree.members[1].location.description, "pod.yaml:2:7")
        XCTAssertEqual(tree.keys[2].description, "pod.yaml:3:1")
        let missing = tree.location(of: [.key("spec"), .key("nope")], in: doc.value)
        XCTAssertEqual(missing.description, "pod.yaml:4:3", "the deepest existing node")
    }

    func testStringInterningSharesRepeatedValues() throws {
        let v = try yaml("- registry.example.com/team/app:1.2.3\n- registry.example.com/team/app:1.2.3\n")
        guard case .string(var a) = v[0]!, case .string(var b) = v[1]! else { return XCTFail() }
        XCTAssertEqual(a.withUTF8 { $0.baseAddress }, b.withUTF8 { $0.baseAddress })
    }
}
