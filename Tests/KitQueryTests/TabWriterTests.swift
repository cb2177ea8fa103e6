import XCTest

@testable import KitQuery

/// kubectl's tab writer (liggitt/tabwriter with minwidth 6, tabwidth 4, padding 3, spaces,
/// RememberWidths). Expected layouts follow Go's text/tabwriter rules.
final class TabWriterTests: XCTestCase {
    func layout(_ text: String, writer: TabWriter = TabWriter()) -> String {
        var w = writer
        w.write(text)
        w.flush()
        return String(decoding: w.takeOutput(), as: UTF8.self)
    }

    func testColumnsArePaddedToTheWidestCellPlusThree() {
        XCTAssertEqual(layout("NAME\tAGE\nweb\t5d\nlonger-name\t10d\n"), "NAME          AGE\nweb           5d\nlonger-name   10d\n")
    }

    func testMinimumWidthIsSix() {
        XCTAssertEqual(layout("a\tb\nc\td\n"), "a     b\nc     d\n")
    }

    func testWidthsCountCharactersNotBytes() {
        XCTAssertEqual(layout("日本\tx\nab\ty\n"), "日本    x\nab    y\n")
    }

    func testTrailingTabPadsTheLastColumn() {
        XCTAssertEqual(layout("NAME\tCPU\t\nweb\t5m\t\n"), "NAME   CPU   \nweb    5m    \n")
    }

    func testALineWithoutTabsEndsTheBlock() {
        // The single-cell line flushes: columns before and after it are laid out apart (but
        // RememberWidths keeps the wider width).
        XCTAssertEqual(layout("a-long-cell\tb\n-\nc\td\n"), "a-long-cell   b\n-\nc             d\n")
        let plain = TabWriter(minWidth: 6, tabWidth: 4, padding: 3, rememberWidths: false)
        XCTAssertEqual(layout("a-long-cell\tb\n-\nc\td\n", writer: plain), "a-long-cell   b\n-\nc     d\n")
    }

    func testShorterLinesEndTheColumnBlock() {
        // Column 0 spans all three lines; column 1 only lines 1 and 3, as two blocks (line 2
        // ends before it), each at least 6 wide.
        XCTAssertEqual(
            layout("aaaa\tb\tc\nx\ty\nlong-text-here\tz\tw\n"), "aaaa             b     c\nx                y\nlong-text-here   z     w\n")
    }
}
