import KitCore
import XCTest

@testable import KitQuery

/// The pieces under the printers: apimachinery's HumanDuration, metav1.Time's parsing, the
/// CRD convertor's cell typing, and the column definitions of every printer.
final class ServerTableUnitTests: XCTestCase {
    static let second: Int64 = 1_000_000_000
    static let millisecond: Int64 = 1_000_000
    static let minute = 60 * second
    static let hour = 60 * minute
    static let day = 24 * hour

    /// apimachinery's duration_test.go (TestHumanDuration and TestHumanDurationBoundaries).
    func testHumanDurationAsApimachineryTestsIt() {
        let s = Self.second, ms = Self.millisecond, m = Self.minute, h = Self.hour, d = Self.day
        let cases: [(Int64, String)] = [
            (s, "1s"), (70 * s, "70s"), (190 * s, "3m10s"), (70 * m, "70m"), (47 * h, "47h"), (49 * h, "2d1h"),
            ((8 * 24 + 2) * h, "8d"), (367 * d, "367d"), ((365 * 2 * 24 + 25) * h, "2y1d"), ((365 * 8 * 24 + 2) * h, "8y"),
            (-2 * s, "<invalid>"), (-2 * s + 1, "0s"), (0, "0s"), (s - ms, "0s"), (2 * m - ms, "119s"), (2 * m, "2m"),
            (2 * m + s, "2m1s"), (10 * m - ms, "9m59s"), (10 * m, "10m"), (10 * m + s, "10m"), (3 * h - ms, "179m"),
            (3 * h, "3h"), (3 * h + m, "3h1m"), (8 * h - ms, "7h59m"), (8 * h, "8h"), (8 * h + 59 * m, "8h"),
            (2 * d - ms, "47h"), (2 * d, "2d"), (2 * d + h, "2d1h"), (8 * d - ms, "7d23h"), (8 * d, "8d"),
            (8 * d + 23 * h, "8d"), (2 * 365 * d - ms, "729d"), (2 * 365 * d, "2y"), (2 * 365 * d + 23 * h, "2y"),
            (2 * 365 * d + 23 * h + 59 * m, "2y"), (2 * 365 * d + d - ms, "2y"), (2 * 365 * d + d, "2y1d"),
            (3 * 365 * d, "3y"), (4 * 365 * d, "4y"), (5 * 365 * d, "5y"), (6 * 365 * d, "6y"), (7 * 365 * d, "7y"),
            (8 * 365 * d - ms, "7y364d"), (8 * 365 * d, "8y"), (8 * 365 * d + 364 * d, "8y"), (9 * 365 * d, "9y"),
        ]
        for (nanoseconds, want) in cases {
            XCTAssertEqual(HumanDuration.format(nanoseconds: nanoseconds), want, "\(nanoseconds)ns")
        }
        // Beyond the range of time.Duration Go saturates; so does kit.
        XCTAssertEqual(HumanDuration.format(nanoseconds: .max), "292y")
        XCTAssertEqual(HumanDuration.format(nanoseconds: .min), "<invalid>")
    }

    func testMetaTimeParsesRFC3339AsGoDoes() throws {
        let t = try XCTUnwrap(MetaTime(rfc3339: "2025-06-01T12:00:00Z"))
        XCTAssertEqual(t.seconds, 1_748_779_200)
        XCTAssertEqual(MetaTime(rfc3339: "2025-06-01T14:30:00+02:30"), t)
        XCTAssertEqual(MetaTime(rfc3339: "1970-01-01T00:00:00.5Z"), MetaTime(seconds: 0, nanoseconds: 500_000_000))
        XCTAssertEqual(MetaTime(rfc3339: "1969-12-31T23:59:59.123456789123Z"), MetaTime(seconds: -1, nanoseconds: 123_456_789))
        XCTAssertEqual(MetaTime(rfc3339: "0001-01-01T00:00:00Z"), .zero)
        XCTAssertTrue(MetaTime.zero.isZero)
        for bad in [
            "", "2025-06-01", "2025-06-01T12:00:00", "2025-06-01 12:00:00Z", "2025-06-01T12:00:00z", "2025-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z", "2025-06-01T12:60:00Z", "2025-06-01T12:00:00+2:00", "2025-06-01T12:00:00+24:00",
            "2025-06-01T12:00:00.Z", "+2025-06-01T12:00:00Z",
        ] {
            XCTAssertNil(MetaTime(rfc3339: bad), bad)
        }
        XCTAssertNotNil(MetaTime(rfc3339: "2024-02-29T00:00:00Z"))
        XCTAssertEqual(MetaTime(seconds: 1_748_779_200).rfc3339, "2025-06-01T12:00:00Z")
        XCTAssertEqual(MetaTime.zero.rfc3339, "0001-01-01T00:00:00Z")
        XCTAssertEqual(MetaTime(rfc3339: "2025-06-01T00:00:00-00:01")?.rfc3339, "2025-06-01T00:01:00Z")
        XCTAssertEqual(MetaTime(seconds: 0).nanoseconds(since: .zero), .max, "Go's Sub saturates")
        XCTAssertEqual(MetaTime.zero.nanoseconds(since: MetaTime(seconds: 0)), .min)
    }

    /// tableconvertor_test.go's Test_cellForJSONValue: how a CRD column's type takes a value
    /// (its times relative to now).
    func testCustomResourceCellsAsTheConvertorTestsThem() {
        let now = MetaTime(seconds: 1_748_779_200)
        let halfDayAgo = MetaTime(seconds: now.seconds - 12 * 3600 - 30 * 60).rfc3339
        let halfDayAhead = MetaTime(seconds: now.seconds + 12 * 3600 + 30 * 60).rfc3339
        let cases: [(String, Value, Value)] = [
            ("integer", .int(42), .int(42)), ("integer", .double(3.14), .int(3)), ("integer", .bool(true), .null),
            ("integer", "foo", .null),
            ("number", .int(42), .double(42)), ("number", .double(3.14), .double(3.14)), ("number", .bool(true), .null),
            ("number", "foo", .null),
            ("boolean", .int(42), .null), ("boolean", .double(3.14), .null), ("boolean", .bool(true), .bool(true)),
            ("boolean", "foo", .null),
            ("string", .int(42), .null), ("string", .double(3.14), .null), ("string", .bool(true), .null),
            ("string", "foo", "foo"),
            ("date", .int(42), .null), ("date", .double(3.14), .null), ("date", .bool(true), .null),
            ("date", .string(halfDayAgo), "12h"), ("date", .string(halfDayAhead), "<invalid>"), ("date", "", "<unknown>"),
            ("unknown", "foo", .null),
        ]
        for (type, value, want) in cases {
            let got = CustomResourceTable.cell(type: type, value, now: now)
            XCTAssertTrue(ServerTableCaseTests.strictEqual(got, want), "\(type) \(value): \(got)")
        }
    }

    /// Every printer's columns (name, type, format, priority) as printers.go declares them,
    /// kept in Cases/columns.json; and every description that printers.go takes from the
    /// API documentation resolves, except the ones Kubernetes asks of the wrong type.
    func testColumnDefinitionsOfEveryPrinter() throws {
        let url = ServerTableCaseTests.casesDirectory.appendingPathComponent("columns.json")
        let golden = try JSONReader.read(try String(contentsOf: url, encoding: .utf8))
        guard case .object(let expected) = golden else { return XCTFail("columns.json is not an object") }
        var seen: Set<String> = []
        var problems: [String] = []
        let knownEmpty: Set<String> = [
            "/Status Message", "coordination.k8s.io/LeaseCandidate BinaryVersion",
            "coordination.k8s.io/LeaseCandidate EmulationVersion", "node.k8s.io/RuntimeClass Handler",
        ]
        for (key, printer) in ServerTablePrinter.printers {
            seen.insert(key)
            let got: [Value] = printer.columns.map { [.string($0.name), .string($0.type), .string($0.format), .int($0.priority)] }
            guard let want = expected[key] else {
                problems.append("\(key) missing from columns.json")
                continue
            }
            if !ServerTableCaseTests.strictEqual(.array(got), want) { problems.append("\(key): \(ServerTableCaseTests.json(.array(got)))") }
            for column in printer.columns {
                let description = column.column.description
                let id = key + " " + column.name
                if description.isEmpty != knownEmpty.contains(id) { problems.append("\(id) description \"\(description)\"") }
            }
        }
        for key in expected.keys where !seen.contains(key) { problems.append("\(key) has no printer") }
        XCTAssertEqual(problems, [])
    }
}
