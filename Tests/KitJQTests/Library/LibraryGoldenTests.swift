#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KitCore
import XCTest

@testable import KitJQ

/// The library functions against jq 1.8's own answers, recorded by `Goldens/generate.py` from
/// a jq 1.8.2 build (Oniguruma 6.9.8, glibc). Results are compared as jq's compact JSON, so
/// key order and number spelling count; errors by their exact message.
final class LibraryGoldenTests: XCTestCase {
    func testRegexMatchesJQ() throws {
        let cases = try libraryGoldenCases("regex")
        XCTAssertGreaterThan(cases.count, 150)
        for c in cases {
            let input = c["input"] ?? .null, regex = c["regex"] ?? .null, flags = c["flags"] ?? .null
            let test = c["test"]?.boolValue ?? false
            assertLibraryGolden(c, "\(JQText.dump(input)) | _match_impl(\(JQText.dump(regex)); \(JQText.dump(flags)); \(test))") {
                () throws(JQLibraryError) -> Value in
                try JQRegex.match(input, regex: regex, flags: flags, testMode: test)
            }
        }
    }

    func testFormatsMatchJQ() throws {
        let cases = try libraryGoldenCases("formats")
        XCTAssertGreaterThan(cases.count, 300)
        for c in cases {
            let name = c["format"]?.stringValue ?? ""
            let input = c["input"] ?? .null
            if let source = c["source"] {
                assertLibraryGolden(c, "\(JQText.dump(source)) | @base64 | @base64d") { () throws(JQLibraryError) -> Value in
                    .string(try JQFormats.apply("base64d", to: .string(try JQFormats.apply("base64", to: source))))
                }
                continue
            }
            assertLibraryGolden(c, "\(JQText.dump(input)) | @\(name)") { () throws(JQLibraryError) -> Value in
                .string(try JQFormats.apply(name, to: input))
            }
        }
    }

    func testDatesMatchJQ() throws {
        let cases = try libraryGoldenCases("dates")
        XCTAssertGreaterThan(cases.count, 500)
        let savedTZ = getenv("TZ").map { String(cString: $0) }
        defer {
            if let savedTZ { setenv("TZ", savedTZ, 1) } else { unsetenv("TZ") }
            tzset()
        }
        for c in cases {
            let fn = c["fn"]?.stringValue ?? ""
            let input = c["input"] ?? .null, arg = c["arg"] ?? .null
            setenv("TZ", c["tz"]?.stringValue ?? "UTC", 1)
            tzset()
            let label = "TZ=\(c["tz"]?.stringValue ?? "") \(JQText.dump(input)) | \(fn)(\(JQText.dump(arg)))"
            assertLibraryGolden(c, label) { () throws(JQLibraryError) -> Value in
                switch fn {
                case "strftime": return try JQDates.strftime(input, format: arg, local: false)
                case "strflocaltime": return try JQDates.strftime(input, format: arg, local: true)
                case "strptime": return try JQDates.strptime(input, format: arg)
                case "mktime": return try JQDates.mktime(input)
                case "gmtime": return try JQDates.gmtime(input)
                case "localtime": return try JQDates.localtime(input)
                default: throw JQLibraryError("no such date function \(fn)")
                }
            }
        }
    }

    func testMathMatchesJQ() throws {
        let golden = try libraryGolden("math")
        let functions = (golden["functions"]?.arrayValue ?? []).map {
            ($0[0]?.stringValue ?? "", $0[1]?.intValue ?? -1)
        }
        XCTAssertEqual(functions.map(\.0), JQMath.functions.map(\.name), "names, in jq's order")
        XCTAssertEqual(functions.map(\.1), JQMath.functions.map(\.arity), "arities")
        let cases = golden["cases"]?.arrayValue ?? []
        XCTAssertGreaterThan(cases.count, 1500)
        for c in cases {
            let fn = c["fn"]?.stringValue ?? ""
            let input = c["input"].map(libraryDecodeMarkers) ?? .null
            let args = (c["args"]?.arrayValue ?? []).map(libraryDecodeMarkers)
            let label = "\(JQText.dump(input)) | \(fn)(\(args.map(JQText.dump).joined(separator: "; ")))"
            assertLibraryGolden(c, label) { () throws(JQLibraryError) -> Value in
                guard let v = try JQMath.apply(fn, input: input, arguments: args) else {
                    throw JQLibraryError("\(fn) is not a math function")
                }
                return v
            }
            // The plain entry point agrees wherever the operands are numbers.
            let operands = args.isEmpty ? [input] : args
            let numbers = operands.compactMap(\.doubleValue)
            if numbers.count == operands.count, let expected = c["ok"]?.stringValue {
                XCTAssertEqual(JQMath.call(fn, numbers).map(JQText.dump), expected, label)
            }
        }
    }

    func testTruncatedDumpMatchesJQ() throws {
        let cases = try libraryGoldenCases("dump")
        XCTAssertGreaterThan(cases.count, 30)
        for c in cases {
            let value = libraryDecodeMarkers(c["value"] ?? .null)
            let message = c["message"]?.stringValue ?? ""
            XCTAssertEqual(
                JQLibraryError.typeError(value, message).message, c["error"]?.stringValue,
                "truncated dump of \(JQText.dump(value))")
        }
    }
}

// MARK: - golden files

let libraryGoldensDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Goldens")

func libraryGolden(_ name: String) throws -> Value {
    let path = libraryGoldensDirectory.appendingPathComponent("\(name).json").path
    return try JSONReader.read(try FileIO.read(path), file: path)
}

/// A golden file's cases, with their number markers decoded (see `libraryDecodeMarkers`).
func libraryGoldenCases(_ name: String) throws -> [Value] {
    (try libraryGolden(name).arrayValue ?? []).map { c in
        guard case .object(var o) = c else { return c }
        for key in ["input", "regex", "flags", "arg", "value", "source"] {
            if let v = o[key] { o[key] = libraryDecodeMarkers(v) }
        }
        return .object(o)
    }
}

/// generate.py spells numbers JSON cannot hold as strings: `#nan`, `#inf`, `#-inf`, `#-0`, or
/// `#` and a literal kept as written (`#1e1000`), read here as kit's reader reads the literal.
func libraryDecodeMarkers(_ v: Value) -> Value {
    switch v {
    case .string(let s) where s.hasPrefix("#"):
        switch s {
        case "#nan": return .double(.nan)
        case "#inf": return .double(.infinity)
        case "#-inf": return .double(-.infinity)
        case "#-0": return .double(-0.0)
        default: return (try? JSONReader.read(String(s.dropFirst()))) ?? v
        }
    case .array(let items):
        return .array(items.map(libraryDecodeMarkers))
    case .object(let o):
        return .object(o.mapValues(libraryDecodeMarkers))
    default:
        return v
    }
}

/// Checks one golden case: `ok` is jq's compact JSON of the result, `error` its message.
func assertLibraryGolden(
    _ c: Value, _ label: String, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws(JQLibraryError) -> Value
) {
    do {
        let result = try body()
        if let expected = c["ok"]?.stringValue {
            XCTAssertEqual(JQText.dump(result), expected, label, file: file, line: line)
        } else {
            XCTFail("\(label): expected error \(c["error"].map(JQText.dump) ?? "?"), got \(JQText.dump(result))", file: file, line: line)
        }
    } catch {
        if let expected = c["error"]?.stringValue {
            XCTAssertEqual(error.message, expected, label, file: file, line: line)
        } else {
            XCTFail("\(label): expected \(c["ok"]?.stringValue ?? "?"), got error \(error.message)", file: file, line: line)
        }
    }
}

/// Asserts that `body` throws a `JQLibraryError` with exactly `message`.
func assertLibraryError<T>(
    _ message: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T
) {
    do {
        let v = try body()
        XCTFail("expected \(message), got \(v)", file: file, line: line)
    } catch {
        XCTAssertEqual((error as? JQLibraryError)?.message, message, file: file, line: line)
    }
}
