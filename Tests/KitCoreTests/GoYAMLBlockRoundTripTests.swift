import KitCore
import XCTest

/// Block scalars as kustomize's go-yaml v3 write-and-read-back leaves them (expected values
/// from `kubectl kustomize`, render golden case 368).
final class GoYAMLBlockRoundTripTests: XCTestCase {
    func folded(_ value: String) throws -> String { try GoYAMLBlockRoundTrip.value(value, folded: true) }

    func testMoreIndentedLineGetsAnExtraLineBreakBeforeIt() throws {
        XCTAssertEqual(try folded("first line\n  more indented\nback\n"), "first line\n\n  more indented\nback\n")
    }

    func testKeptTrailingLineBreaksGrowByOne() throws {
        XCTAssertEqual(try folded("kept\n\n"), "kept\n\n\n")
    }

    func testValuesFoldingRestoresStayTheSame() throws {
        XCTAssertEqual(try folded("one two\nthree"), "one two\nthree")
        XCTAssertEqual(try folded("\nafter an empty line"), "\nafter an empty line")
        XCTAssertEqual(try folded("single line"), "single line")
    }

    func testValueStartingWithABlankHasNoExtraBreaks() throws {
        // The writer's test reads the start of the value: a blank there turns the extra breaks off.
        XCTAssertEqual(try folded(" starts with a space\nthen normal\n"), " starts with a space\nthen normal\n")
    }

    func testValuesGoYAMLWouldNotWriteAsABlockAreUnchanged() throws {
        XCTAssertEqual(try folded("trailing space\nx "), "trailing space\nx ")
        XCTAssertEqual(try folded("space before break \nx\n"), "space before break \nx\n")
        XCTAssertEqual(try folded("emoji 😀\n  x\n"), "emoji 😀\n  x\n", "beyond U+FFFF is not printable to go-yaml")
        XCTAssertEqual(try folded("tab before break\t\n  x"), "tab before break\t\n\n  x", "a tab is not a space to go-yaml")
    }

    func testBlockStartingWithATabCannotBeReadBack() {
        XCTAssertThrowsError(try GoYAMLBlockRoundTrip.value("\techo hi\n", folded: false))
        XCTAssertThrowsError(try folded("\tx\ny"))
        XCTAssertNoThrow(try GoYAMLBlockRoundTrip.value("\ttrailing space ", folded: false), "written double-quoted instead")
    }

    func testReaderAppliesItOnlyWhenAsked() throws {
        let text = "v: >\n  a\n    b\n"
        XCTAssertEqual(try YAMLReader.read(text)[0].value["v"], .string("a\n  b\n"))
        var options = YAMLReader.Options()
        options.goYAMLv3BlockRoundTrip = true
        XCTAssertEqual(try YAMLReader.read(text, options: options)[0].value["v"], .string("a\n\n  b\n"))
    }
}
