#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KitCore
import XCTest

@testable import KitJQ

/// The date cases of jq 1.8's suites (man.test, jq.test, optional.test) and edge cases;
/// the golden file covers many more, in several time zones.
final class JQDatesTests: XCTestCase {
    private var savedTZ: String?

    override func setUp() {
        savedTZ = getenv("TZ").map { String(cString: $0) }
        setTZ("UTC")
    }

    override func tearDown() {
        if let savedTZ { setenv("TZ", savedTZ, 1) } else { unsetenv("TZ") }
        tzset()
    }

    private func setTZ(_ zone: String) {
        setenv("TZ", zone, 1)
        tzset()
    }

    private let iso: Value = "%Y-%m-%dT%H:%M:%SZ"

    /// jq's `fromdate`: `strptime("%Y-%m-%dT%H:%M:%SZ") | mktime`.
    private func fromdate(_ s: String) throws(JQLibraryError) -> Value {
        try JQDates.mktime(try JQDates.strptime(.string(s), format: iso))
    }

    func testManualExamples() throws {
        XCTAssertEqual(try fromdate("2015-03-05T23:51:47Z"), 1425599507)
        XCTAssertEqual(try JQDates.strptime("2015-03-05T23:51:47Z", format: iso), [2015, 2, 5, 23, 51, 47, 4, 63])
    }

    func testJQSuiteCases() throws {
        XCTAssertEqual(try JQDates.strftime([2015, 2, 5, 23, 51, 47, 4, 63], format: iso, local: false), "2015-03-05T23:51:47Z")
        XCTAssertEqual(
            try JQDates.strftime(.double(1435677542.822351), format: "%A, %B %d, %Y", local: false), "Tuesday, June 30, 2015")
        XCTAssertEqual(try JQDates.strftime([2024, 2, 15], format: iso, local: false), "2024-03-15T00:00:00Z")
        XCTAssertEqual(try JQDates.mktime([2024, 8, 21]), 1726876800)
        XCTAssertEqual(try JQDates.gmtime(1425599507), [2015, 2, 5, 23, 51, 47, 4, 63])
        XCTAssertEqual(try JQDates.gmtime(.double(1425599507.25))[5], .double(47.25))
        XCTAssertEqual(try JQDates.strftime(0, format: "", local: true), "")
        assertLibraryError("strftime/1 requires parsed datetime inputs") {
            try JQDates.strftime(["a", 1, 2, 3, 4, 5, 6, 7], format: iso, local: false)
        }
        assertLibraryError("strflocaltime/1 requires parsed datetime inputs") {
            try JQDates.strftime(["a", 1, 2, 3, 4, 5, 6, 7], format: iso, local: true)
        }
        assertLibraryError("mktime requires parsed datetime inputs") { try JQDates.mktime(["a", 1, 2, 3, 4, 5, 6, 7]) }
        assertLibraryError("strftime/1 requires a string format") { try JQDates.strftime(0, format: [], local: false) }
        assertLibraryError("strflocaltime/1 requires a string format") { try JQDates.strftime(0, format: [:], local: true) }
        // [strptime(…)|(.,mktime)]
        let parsed = try JQDates.strptime("2015-03-05T23:51:47Z", format: iso)
        XCTAssertEqual(parsed, [2015, 2, 5, 23, 51, 47, 4, 63])
        XCTAssertEqual(try JQDates.mktime(parsed), 1425599507)
    }

    func testSixtySevenYearsOfDays() throws {
        // jq.test: last(range(365 * 67) | (start | strptime | mktime) + 86400 * . | strftime | strptime)
        let start = try fromdate("1970-03-01T01:02:03Z").doubleValue ?? 0
        var last: Value = .null
        for day in 0..<(365 * 67) {
            let text = try JQDates.strftime(.double(start + 86400 * Double(day)), format: iso, local: false)
            last = try JQDates.strptime(text, format: iso)
        }
        XCTAssertEqual(last, [2037, 1, 11, 1, 2, 3, 3, 41])
    }

    func testOptionalSuite() throws {
        XCTAssertEqual(try fromdate("2038-01-19T03:14:08Z"), 2147483648)
        XCTAssertEqual(
            try JQDates.strftime(.double(1435677542.822351), format: "%A, %B %e, %Y", local: false), "Tuesday, June 30, 2015")
    }

    func testBefore1970AndAfter2038() throws {
        XCTAssertEqual(try fromdate("1900-01-01T00:00:00Z"), -2208988800)
        XCTAssertEqual(try fromdate("0001-01-01T00:00:00Z"), -62135596800)
        XCTAssertEqual(try fromdate("9999-12-31T23:59:59Z"), 253402300799)
        XCTAssertEqual(try JQDates.gmtime(-62135596800), [1, 0, 1, 0, 0, 0, 1, 0])
        XCTAssertEqual(try JQDates.gmtime(4102444800), [2100, 0, 1, 0, 0, 0, 5, 0])
        // The fraction is added to the truncated second: -1.5 is 23:59:59 plus .5, as in jq.
        XCTAssertEqual(try JQDates.gmtime(.double(-1.5)), [1969, 11, 31, 23, 59, .double(59.5), 3, 364])
        // jq refuses the results -1 and -2, which it takes for errors.
        assertLibraryError("invalid gmtime representation") { try JQDates.mktime([1969, 11, 31, 23, 59, 59]) }
        assertLibraryError("mktime not supported on this platform") { try JQDates.mktime([1969, 11, 31, 23, 59, 58]) }
        XCTAssertEqual(try JQDates.mktime([1969, 11, 31, 23, 59, 57]), -3)
    }

    func testLeapYears() throws {
        XCTAssertEqual(try JQDates.strptime("2024-02-29T12:00:00Z", format: iso), [2024, 1, 29, 12, 0, 0, 4, 59])
        XCTAssertEqual(try JQDates.strptime("2000-12-31T00:00:00Z", format: iso), [2000, 11, 31, 0, 0, 0, 0, 365])
        XCTAssertEqual(try JQDates.strptime("1900-12-31T00:00:00Z", format: iso), [1900, 11, 31, 0, 0, 0, 1, 364])
        // mktime normalises: 29 February of a common year is 1 March.
        XCTAssertEqual(
            try JQDates.strftime([2023, 1, 29], format: iso, local: false), "2023-03-01T00:00:00Z")
    }

    func testStrptimeSentinelsAndTrailingText() throws {
        // Nothing to compute the weekday and day of the year from: jq's sentinels 8 and 367.
        XCTAssertEqual(try JQDates.strptime("10:15", format: "%H:%M"), [1900, 0, 0, 10, 15, 0, 8, 367])
        XCTAssertEqual(
            try JQDates.strptime("2015-03-05T23:51:47Z  ", format: iso), [2015, 2, 5, 23, 51, 47, 4, 63, "  "])
        assertLibraryError(#"date "2015-03-05T23:51:47Zx" does not match format "%Y-%m-%dT%H:%M:%SZ""#) {
            try JQDates.strptime("2015-03-05T23:51:47Zx", format: iso)
        }
        assertLibraryError("strptime/1 requires string inputs and arguments") { try JQDates.strptime(1, format: iso) }
    }

    func testTimeZones() throws {
        setTZ("America/New_York")
        XCTAssertEqual(try JQDates.localtime(1425599507), [2015, 2, 5, 18, 51, 47, 4, 63])
        XCTAssertEqual(
            try JQDates.strftime(1425599507, format: "%Y-%m-%dT%H:%M:%S%z %Z", local: true), "2015-03-05T18:51:47-0500 EST")
        XCTAssertEqual(try JQDates.strftime([2015, 6, 1, 12], format: "%H %z %Z", local: true), "12 -0400 EDT")
        // strftime (not local) ignores TZ.
        XCTAssertEqual(try JQDates.strftime(1425599507, format: "%H %Z", local: false), "23 GMT")
        setTZ("Asia/Kolkata")
        XCTAssertEqual(try JQDates.localtime(0), [1970, 0, 1, 5, 30, 0, 4, 0])
        // The hour that happens twice where daylight saving ends is resolved by glibc's
        // mktime from its earlier calls, in jq as here: either reading is jq's.
        setTZ("America/New_York")
        let ambiguous = try JQDates.strftime([2024, 10, 3, 1, 30], format: "%Z", local: true)
        XCTAssertTrue(ambiguous == "EDT" || ambiguous == "EST", "\(ambiguous)")
    }

    func testOutOfRangeSeconds() {
        for v: Value in [.double(1e300), .double(.infinity), .double(-.infinity), .double(.nan)] {
            assertLibraryError("error converting number of seconds since epoch to datetime") { try JQDates.gmtime(v) }
            assertLibraryError("error converting number of seconds since epoch to datetime") { try JQDates.localtime(v) }
        }
        assertLibraryError("gmtime() requires numeric inputs") { try JQDates.gmtime("x") }
        assertLibraryError("localtime() requires numeric inputs") { try JQDates.localtime(nil) }
        assertLibraryError("mktime requires array inputs") { try JQDates.mktime("x") }
    }

    func testNow() throws {
        let now = try JQDates.now().doubleValue ?? 0
        XCTAssertLessThan(abs(now - Double(time(nil))), 5)
    }
}
