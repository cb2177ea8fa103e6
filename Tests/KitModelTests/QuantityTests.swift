import KitCore
import XCTest

@testable import KitModel

/// Expected values are apimachinery's (`k8s.io/apimachinery/pkg/api/resource`): the cases
/// of its quantity_test.go, plus the consequences of its parser's code paths that those
/// tests do not spell out (worked through by hand from quantity.go and noted where subtle).
final class QuantityTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Quantity? {
        do {
            return try Quantity(parsing: text)
        } catch {
            XCTFail("\(text): unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    // MARK: Parsing and canonical form

    private struct Canonical {
        let input: String
        let canonical: String
        let format: Quantity.Format
        let line: UInt
        init(_ input: String, _ canonical: String, _ format: Quantity.Format, line: UInt = #line) {
            self.input = input
            self.canonical = canonical
            self.format = format
            self.line = line
        }
    }

    private let canonicalCases: [Canonical] = [
        // Zeros keep their suffix's format but always print "0".
        Canonical("0", "0", .decimalSI),
        Canonical("0n", "0", .decimalSI),
        Canonical("0u", "0", .decimalSI),
        Canonical("0m", "0", .decimalSI),
        Canonical("0Ki", "0", .binarySI),
        Canonical("0k", "0", .decimalSI),
        Canonical("0Mi", "0", .binarySI),
        Canonical("0M", "0", .decimalSI),
        Canonical("0Gi", "0", .binarySI),
        Canonical("0G", "0", .decimalSI),
        Canonical("0Ti", "0", .binarySI),
        Canonical("0T", "0", .decimalSI),
        Canonical("00", "0", .decimalSI),
        Canonical("0.000", "0", .decimalSI),
        // Binary suffixes.
        Canonical("1", "1", .decimalSI),
        Canonical("1Ki", "1Ki", .binarySI),
        Canonical("8Ki", "8Ki", .binarySI),
        Canonical("7Mi", "7Mi", .binarySI),
        Canonical("6Gi", "6Gi", .binarySI),
        Canonical("5Ti", "5Ti", .binarySI),
        Canonical("4Pi", "4Pi", .binarySI),
        Canonical("3Ei", "3Ei", .binarySI),
        Canonical("10Ti", "10Ti", .binarySI),
        Canonical("100Ti", "100Ti", .binarySI),
        Canonical("1024Mi", "1Gi", .binarySI),
        Canonical("1.5Gi", "1536Mi", .binarySI),
        Canonical("2048Ki", "2Mi", .binarySI),
        Canonical("1025Ki", "1025Ki", .binarySI),
        Canonical("0.5Mi", "512Ki", .binarySI),
        // Binary values that are not whole numbers, or below 1024, print as DecimalSI.
        Canonical("100.035Ki", "102435840m", .binarySI),
        Canonical("0.05Gi", "53687091200m", .binarySI),
        Canonical("0.025Ti", "27487790694400m", .binarySI),
        Canonical(".001Ki", "1024m", .binarySI),
        // Below one they also switch format for good (apimachinery's parser does that).
        Canonical(".000001Ki", "1024u", .decimalSI),
        Canonical(".000000001Ki", "1024n", .decimalSI),
        Canonical("1.5Ki", "1536", .binarySI),
        Canonical("0.5Ki", "512", .binarySI),
        // Decimal suffixes.
        Canonical("5n", "5n", .decimalSI),
        Canonical("4u", "4u", .decimalSI),
        Canonical("3m", "3m", .decimalSI),
        Canonical("9", "9", .decimalSI),
        Canonical("8k", "8k", .decimalSI),
        Canonical("50k", "50k", .decimalSI),
        Canonical("7M", "7M", .decimalSI),
        Canonical("6G", "6G", .decimalSI),
        Canonical("5T", "5T", .decimalSI),
        Canonical("40T", "40T", .decimalSI),
        Canonical("300T", "300T", .decimalSI),
        Canonical("2P", "2P", .decimalSI),
        Canonical("1E", "1E", .decimalSI),
        Canonical("12E", "12E", .decimalSI),
        Canonical("100m", "100m", .decimalSI),
        Canonical("1000m", "1", .decimalSI),
        Canonical("1000M", "1G", .decimalSI),
        Canonical("1000", "1k", .decimalSI),
        Canonical("1100", "1100", .decimalSI),
        Canonical("1.1", "1100m", .decimalSI),
        Canonical("1.5", "1500m", .decimalSI),
        Canonical("100.035k", "100035", .decimalSI),
        Canonical("10.035M", "10035k", .decimalSI),
        Canonical("9.01", "9010m", .decimalSI),
        Canonical("8.1k", "8100", .decimalSI),
        Canonical("7.123456M", "7123456", .decimalSI),
        Canonical("6.987654321G", "6987654321", .decimalSI),
        Canonical("5.444T", "5444G", .decimalSI),
        Canonical("40.1T", "40100G", .decimalSI),
        Canonical("300.2T", "300200G", .decimalSI),
        Canonical("2.5P", "2500T", .decimalSI),
        Canonical("1.01E", "1010P", .decimalSI),
        // Things that look like floating point.
        Canonical("0.001", "1m", .decimalSI),
        Canonical("0.0005k", "500m", .decimalSI),
        Canonical("0.005", "5m", .decimalSI),
        Canonical("0.05", "50m", .decimalSI),
        Canonical("0.5", "500m", .decimalSI),
        Canonical("0.00050k", "500m", .decimalSI),
        Canonical("0.00500", "5m", .decimalSI),
        Canonical("0.05000", "50m", .decimalSI),
        Canonical("0.50000", "500m", .decimalSI),
        Canonical(".001", "1m", .decimalSI),
        Canonical(".0001k", "100m", .decimalSI),
        Canonical("1.", "1", .decimalSI),
        Canonical("1.G", "1G", .decimalSI),
        Canonical("007", "7", .decimalSI),
        // Decimal exponents keep the e form, lowered to a multiple of three.
        Canonical("1E-3", "1e-3", .decimalExponent),
        Canonical("1e3", "1e3", .decimalExponent),
        Canonical("1E6", "1e6", .decimalExponent),
        Canonical("1e9", "1e9", .decimalExponent),
        Canonical("1E12", "1e12", .decimalExponent),
        Canonical("1e15", "1e15", .decimalExponent),
        Canonical("1E18", "1e18", .decimalExponent),
        Canonical("1e14", "100e12", .decimalExponent),
        Canonical("1e13", "10e12", .decimalExponent),
        Canonical("12e6", "12e6", .decimalExponent),
        Canonical("0.5e0", "500e-3", .decimalExponent),
        Canonical("0.5e-1", "50e-3", .decimalExponent),
        Canonical("0.5e-2", "5e-3", .decimalExponent),
        Canonical("1.2e3", "1200", .decimalExponent),
        Canonical("1.3E+6", "1300e3", .decimalExponent),
        Canonical("1.40e9", "1400e6", .decimalExponent),
        Canonical("1.53E12", "1530e9", .decimalExponent),
        Canonical("1.6e15", "1600e12", .decimalExponent),
        Canonical("1.7E18", "1700e15", .decimalExponent),
        Canonical("1000e-12", "1e-9", .decimalExponent),
        Canonical(".001e12", "1e9", .decimalExponent),
        // Values finer than a nano-unit round away from zero to the next nano-unit.
        Canonical("3.001n", "4n", .decimalSI),
        Canonical("1.1E-9", "2e-9", .decimalExponent),
        Canonical("0.0000000001", "1n", .decimalSI),
        Canonical("0.0000000005", "1n", .decimalSI),
        Canonical("0.00000000050", "1n", .decimalSI),
        Canonical("0.5e-9", "1e-9", .decimalExponent),
        Canonical("0.9n", "1n", .decimalSI),
        Canonical("0.00000012345", "124n", .decimalSI),
        Canonical("0.00000012354", "124n", .decimalSI),
        Canonical("1e-2000000000", "1e-9", .decimalExponent),
        // A binary value below one rounds up and switches to DecimalSI.
        Canonical("0.000000000001Ki", "2n", .decimalSI),
        // Binary values are capped at 2^63-1; decimal ones are not.
        Canonical("9Ei", "9223372036854775807", .binarySI),
        Canonical("8Ei", "9223372036854775807", .binarySI),
        Canonical("9223372036854775807Ki", "9223372036854775807", .binarySI),
        Canonical("9223372036854775808", "9223372036854775808", .decimalSI),
        Canonical("18446744073709551616", "18446744073709551616", .decimalSI),
        Canonical("123456789012345678901234567890", "123456789012345678901234567890", .decimalSI),
        // DecimalSI has no suffix past E or below n: the exponent is written instead of lost.
        Canonical("1000E", "1e21", .decimalSI),
        Canonical("5000E", "5e21", .decimalSI),
        Canonical("1000000E", "1e24", .decimalSI),
        Canonical("1000000000000000000000", "1e21", .decimalSI),
        // The scanner's corners: a lone sign, point or suffix reads as zero.
        Canonical("-", "0", .decimalSI),
        Canonical("+", "0", .decimalSI),
        Canonical(".", "0", .decimalSI),
        Canonical("-.", "0", .decimalSI),
        Canonical("k", "0", .decimalSI),
        Canonical("Ki", "0", .binarySI),
        Canonical("Ti", "0", .binarySI),
        Canonical("e5", "0", .decimalExponent),
        // apimachinery keeps the exponent in 32 bits and wraps larger ones.
        Canonical("1e4294967296", "1", .decimalExponent),
        Canonical("1e4294967297", "10", .decimalExponent),
        Canonical("1e2147483648", "1e-9", .decimalExponent),
    ]

    func testParseAndCanonicalForm() {
        for c in canonicalCases {
            guard let q = parse(c.input, line: c.line) else { continue }
            XCTAssertEqual(q.description, c.canonical, "\(c.input)", line: c.line)
            XCTAssertEqual(q.format, c.format, "\(c.input)", line: c.line)
        }
    }

    func testSignedInputs() {
        for c in canonicalCases where !c.input.hasPrefix("-") && !c.input.hasPrefix("+") {
            guard let negative = parse("-" + c.input, line: c.line), let positive = parse("+" + c.input, line: c.line)
            else { continue }
            let expected = c.canonical == "0" ? "0" : "-" + c.canonical
            XCTAssertEqual(negative.description, expected, "-\(c.input)", line: c.line)
            XCTAssertEqual(negative.format, c.format, "-\(c.input)", line: c.line)
            XCTAssertEqual(positive.description, c.canonical, "+\(c.input)", line: c.line)
        }
    }

    // MARK: Errors

    func testParseErrors() {
        let cases: [(String, QuantityError, UInt)] = [
            ("", .formatWrong, #line),
            ("1.1.M", .formatWrong, #line),
            ("1+1.0M", .formatWrong, #line),
            ("0.1am", .formatWrong, #line),
            ("aoeu", .formatWrong, #line),
            (" 1", .formatWrong, #line),
            ("1 ", .formatWrong, #line),
            ("1Mi ", .formatWrong, #line),
            ("1e3.5", .formatWrong, #line),
            ("1,000", .formatWrong, #line),
            ("0.1mi", .suffix, #line),
            (".5i", .suffix, #line),
            ("1i", .suffix, #line),
            ("-3.01i", .suffix, #line),
            ("-3.01e-", .suffix, #line),
            ("1e", .suffix, #line),
            ("1ee", .suffix, #line),
            ("1KiB", .formatWrong, #line),
            ("1kk", .suffix, #line),
            ("1ki", .suffix, #line),
            ("1e9223372036854775808", .suffix, #line),
            // The exact path needs a digit; the fast path does not, hence `e5` is zero.
            ("e-10", .numeric, #line),
            (".e-10", .numeric, #line),
            ("-e-10", .numeric, #line),
            ("Pi", .numeric, #line),
            ("Ei", .numeric, #line),
            ("1e100001", .outOfRange, #line),
        ]
        for (input, expected, line) in cases {
            XCTAssertThrowsError(try Quantity(parsing: input), "\(input)", line: line) { error in
                XCTAssertEqual(error as? QuantityError, expected, "\(input)", line: line)
            }
        }
    }

    func testErrorMessagesAreApimachinerys() {
        XCTAssertEqual(
            QuantityError.formatWrong.description,
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        XCTAssertEqual(QuantityError.numeric.description, "unable to parse numeric part of quantity")
        XCTAssertEqual(QuantityError.suffix.description, "unable to parse quantity's suffix")
    }

    // MARK: What an API server writes back

    func testSerializedFormKeepsTextTheParserJudgedCanonical() {
        let cases: [(String, String, UInt)] = [
            ("0", "0", #line),
            ("1e21", "1e21", #line),
            ("1Ki", "1Ki", #line),
            ("100m", "100m", #line),
            ("1.5Gi", "1536Mi", #line),
            ("1024Mi", "1Gi", #line),
            ("1000", "1k", #line),
            ("1.5", "1500m", #line),
            ("0.5", "500m", #line),
            ("00", "0", #line),
            // apimachinery's check is looser than canonical form; these keep their text.
            ("+1", "+1", #line),
            ("05", "05", #line),
            ("1E3", "1E3", #line),
            ("1.500", "1.500", #line),
            ("1.001", "1.001", #line),
            ("+5Mi", "+5Mi", #line),
            // 19 digits take the exact path, which never keeps the text.
            ("1234567890123456789", "1234567890123456789", #line),
        ]
        for (input, expected, line) in cases {
            guard let q = parse(input, line: line) else { continue }
            XCTAssertEqual(q.serializedForm, expected, "\(input)", line: line)
        }
        // Arithmetic always produces the canonical form.
        let sum = (parse("1.500") ?? Quantity(0, format: .decimalSI)) + Quantity(0, format: .decimalSI)
        XCTAssertEqual(sum.serializedForm, "1500m")
    }

    // MARK: Formats of constructed values

    func testCanonicalFormOfEachFormat() {
        // (significand, exponent, format, canonical, another spelling of the same value)
        let cases: [(Int64, Int, Quantity.Format, String, String?, UInt)] = [
            (1024 * 1024 * 1024, 0, .binarySI, "1Gi", "1024Mi", #line),
            (300 * 1024 * 1024, 0, .binarySI, "300Mi", "307200Ki", #line),
            (6 * 1024, 0, .binarySI, "6Ki", nil, #line),
            (1001 * 1024 * 1024 * 1024, 0, .binarySI, "1001Gi", "1025024Mi", #line),
            (1024 * 1024 * 1024 * 1024, 0, .binarySI, "1Ti", "1024Gi", #line),
            (5, 0, .binarySI, "5", "5000m", #line),
            (500, -3, .binarySI, "500m", "0.5", #line),
            (1, 9, .decimalSI, "1G", "1000M", #line),
            (1000, 6, .decimalSI, "1G", "0.001T", #line),
            (1_000_000, 3, .decimalSI, "1G", nil, #line),
            (1_000_000_000, 0, .decimalSI, "1G", nil, #line),
            (1, -3, .decimalSI, "1m", "1000u", #line),
            (80, -3, .decimalSI, "80m", nil, #line),
            (1080, -3, .decimalSI, "1080m", "1.08", #line),
            (108, -2, .decimalSI, "1080m", "1080000000n", #line),
            (10800, -4, .decimalSI, "1080m", nil, #line),
            (300, 6, .decimalSI, "300M", nil, #line),
            (1, 12, .decimalSI, "1T", nil, #line),
            (1, 18, .decimalSI, "1E", nil, #line),
            (1, 21, .decimalSI, "1e21", "1000E", #line),
            (5, 21, .decimalSI, "5e21", "5000E", #line),
            (1, 24, .decimalSI, "1e24", "1000000E", #line),
            (1_234_567, 6, .decimalSI, "1234567M", nil, #line),
            (1_234_567, -3, .binarySI, "1234567m", nil, #line),
            (3, 3, .decimalSI, "3k", nil, #line),
            (1025, 0, .binarySI, "1025", nil, #line),
            (0, 0, .decimalSI, "0", nil, #line),
            (0, 0, .binarySI, "0", nil, #line),
            (1, 9, .decimalExponent, "1e9", ".001e12", #line),
            (1, -3, .decimalExponent, "1e-3", "0.001e0", #line),
            (1, -9, .decimalExponent, "1e-9", "1000e-12", #line),
            (80, -3, .decimalExponent, "80e-3", nil, #line),
            (300, 6, .decimalExponent, "300e6", nil, #line),
            (1, 12, .decimalExponent, "1e12", nil, #line),
            (1, 3, .decimalExponent, "1e3", nil, #line),
            (3, 3, .decimalExponent, "3e3", nil, #line),
            (0, 0, .decimalExponent, "0", "00", #line),
            (1, -9, .decimalSI, "1n", nil, #line),
            (80, -9, .decimalSI, "80n", nil, #line),
            (1080, -9, .decimalSI, "1080n", nil, #line),
            (108, -8, .decimalSI, "1080n", nil, #line),
            (10800, -10, .decimalSI, "1080n", nil, #line),
            (1, -6, .decimalSI, "1u", nil, #line),
            (80, -6, .decimalSI, "80u", nil, #line),
            (1080, -6, .decimalSI, "1080u", nil, #line),
        ]
        for (significand, exponent, format, expected, alternate, line) in cases {
            let q = Quantity(significand, scale: exponent).withFormat(format)
            XCTAssertEqual(q.description, expected, line: line)
            XCTAssertEqual((-q).description, significand == 0 ? "0" : "-" + expected, line: line)
            // The canonical text parses back to the same value and is kept as written.
            if let back = parse(expected, line: line) {
                XCTAssertEqual(back, q, line: line)
                XCTAssertEqual(back.serializedForm, expected, line: line)
            }
            if let alternate, let other = parse(alternate, line: line) {
                XCTAssertEqual(other.description, expected, "\(alternate)", line: line)
                XCTAssertEqual(other.serializedForm, expected, "\(alternate)", line: line)
            }
        }
    }

    func testConstructors() {
        XCTAssertEqual(Quantity(milliValue: 1, format: .decimalSI).description, "1m")
        XCTAssertEqual(Quantity(milliValue: 1000, format: .decimalSI).description, "1")
        XCTAssertEqual(Quantity(milliValue: 1_234_000, format: .decimalSI).description, "1234")
        XCTAssertEqual(Quantity(milliValue: 1024, format: .binarySI).description, "1024m")
        XCTAssertEqual(Quantity(milliValue: 1_000_000, format: .decimalExponent).description, "1e3")
        XCTAssertEqual(Quantity(milliValue: 1024 * 1024, format: .binarySI).description, "1048576m")
        XCTAssertEqual(Quantity(1, format: .decimalSI).description, "1")
        XCTAssertEqual(Quantity(1000, format: .decimalSI).description, "1k")
        XCTAssertEqual(Quantity(1_234_000, format: .decimalSI).description, "1234k")
        XCTAssertEqual(Quantity(1024, format: .binarySI).description, "1Ki")
        XCTAssertEqual(Quantity(1_000_000, format: .decimalExponent).description, "1e6")
        XCTAssertEqual(Quantity(1024 * 1024, format: .binarySI).description, "1Mi")
        XCTAssertEqual(Quantity(1, scale: -9).description, "1n")
        XCTAssertEqual(Quantity(1000, scale: -9).description, "1u")
        XCTAssertEqual(Quantity(1000, scale: -6).description, "1m")
        XCTAssertEqual(Quantity(1000, scale: -3).description, "1")
        XCTAssertEqual(Quantity(0, scale: -9).description, "0")
        // Finer than n only arises from construction (parsing rounds to n): the exponent is kept.
        XCTAssertEqual(Quantity(1, scale: -12).description, "1e-12")
    }

    // MARK: Comparison

    func testCompare() {
        let cases: [(String, String, Int, UInt)] = [
            ("0", "0", 0, #line),
            ("100m", "50m", 1, #line),
            ("50m", "100m", -1, #line),
            ("10000T", "100Gi", 1, #line),
            ("1Gi", "1024Mi", 0, #line),
            ("1", "1000m", 0, #line),
            ("1Ki", "1k", 1, #line),
            ("-1", "1m", -1, #line),
            ("-2Gi", "-3Gi", 1, #line),
            ("1E", "1Ei", -1, #line),
            ("1e-3", "1m", 0, #line),
            ("1.5Gi", "1536Mi", 0, #line),
            ("0.5n", "1n", 0, #line),
            ("-0.5n", "-1n", 0, #line),
            ("9Ei", "8Ei", 0, #line),
            ("18446744073709551616", "18446744073709551615", 1, #line),
            ("1e21", "999999999999999999999", 1, #line),
            ("-1e21", "-999999999999999999999", -1, #line),
            ("0Ki", "0m", 0, #line),
            ("1e-9", "0", 1, #line),
            ("9.01", "9.010", 0, #line),
            ("900m", "9010m", -1, #line),
        ]
        for (a, b, expected, line) in cases {
            guard let x = parse(a, line: line), let y = parse(b, line: line) else { continue }
            XCTAssertEqual(x.compare(y), expected, "\(a) vs \(b)", line: line)
            XCTAssertEqual(y.compare(x), -expected, "\(b) vs \(a)", line: line)
            XCTAssertEqual(x == y, expected == 0, "\(a) == \(b)", line: line)
            XCTAssertEqual(x < y, expected < 0, "\(a) < \(b)", line: line)
        }
        XCTAssertEqual(Quantity(1024, format: .binarySI).compare(to: 1024), 0)
        XCTAssertEqual(Quantity(milliValue: 1023_999, format: .binarySI).compare(to: 1024), -1)
        XCTAssertEqual(Quantity(-1, format: .decimalSI).compare(to: -2), 1)
    }

    func testEqualQuantitiesHashEqual() {
        let spellings = ["1Gi", "1024Mi", "1048576Ki", "1073741824", "1.073741824G", "1073741824000m", "1073741824e0"]
        let quantities = spellings.compactMap { parse($0) }
        XCTAssertEqual(Set(quantities).count, 1)
        XCTAssertEqual(Set(quantities.map(\.hashValue)).count, 1)
        XCTAssertEqual(Set(["0", "0Ki", "0e9", "-0"].compactMap { parse($0) }).count, 1)
        XCTAssertEqual(Set(["1", "2", "1000m"].compactMap { parse($0) }).count, 2)
    }

    // MARK: Arithmetic

    func testAddAndSubtract() {
        let cases: [(String, Character, String, String, UInt)] = [
            ("10", "+", "1e1", "20", #line),
            ("1Gi", "-", "512Mi", "512Mi", #line),
            ("1", "-", "1m", "999m", #line),
            ("1.5", "+", "1.5", "3", #line),
            ("1Gi", "+", "1", "1073741825", #line),
            ("1Gi", "+", "500m", "1073741824500m", #line),
            ("12E", "+", "12E", "24E", #line),
            ("999E", "+", "1E", "1e21", #line),
            ("9223372036854775807", "+", "1", "9223372036854775808", #line),
            ("-9223372036854775808", "-", "1", "-9223372036854775809", #line),
            ("4Ei", "+", "4Ei", "8Ei", #line),
            ("100m", "-", "100m", "0", #line),
            ("1n", "-", "2n", "-1n", #line),
            ("1e3", "+", "1k", "2e3", #line),
            ("1k", "+", "1e3", "2k", #line),
            ("1", "+", "1Ki", "1025", #line),
            ("1Ki", "+", "1", "1025", #line),
            ("18446744073709551616", "-", "18446744073709551615", "1", #line),
            // A zero left operand takes the right one's format (apimachinery's Add and Sub).
            ("0", "+", "1Gi", "1Gi", #line),
            ("0", "-", "1Gi", "-1Gi", #line),
            ("1Gi", "+", "0", "1Gi", #line),
            ("100m", "+", "0", "100m", #line),
            ("0", "+", "100m", "100m", #line),
            ("0", "+", "1e6", "1e6", #line),
            ("0Ki", "+", "2000", "2k", #line),
            ("1Mi", "-", "0", "1Mi", #line),
        ]
        for (a, op, b, expected, line) in cases {
            guard let x = parse(a, line: line), let y = parse(b, line: line) else { continue }
            let result = op == "+" ? x + y : x - y
            XCTAssertEqual(result.description, expected, "\(a) \(op) \(b)", line: line)
        }
        var total = Quantity(0, format: .decimalSI)
        for text in ["100m", "250m", "1", "0.65"] { total += parse(text)! }
        XCTAssertEqual(total.description, "2")
        total -= parse("2")!
        XCTAssertTrue(total.isZero)
    }

    func testBinaryValuesPastExbiKeepTheEiSuffix() {
        // 2^70: apimachinery finds no suffix for 1024^7 and prints the bare "1"; kit keeps Ei.
        var q = parse("4Ei")!
        for _ in 0..<8 { q += q }
        XCTAssertEqual(q.description, "1024Ei")
        XCTAssertEqual(q.format, .binarySI)
    }

    func testNegation() {
        XCTAssertEqual((-Quantity(901, scale: -2)).description, "-9010m")
        XCTAssertEqual((-Quantity(0, format: .decimalSI)).description, "0")
        XCTAssertEqual((-Quantity(-10, format: .binarySI)).description, "10")
        XCTAssertEqual((-parse("1Gi")!).description, "-1Gi")
        XCTAssertEqual((-(-parse("123456789012345678901234567890m")!)).description, "123456789012345678901234567890m")
        XCTAssertEqual((-parse("-9223372036854775808")!).description, "9223372036854775808")
    }

    func testRoundUp() {
        let cases: [(String, Int, String, Bool, UInt)] = [
            ("9.01", -3, "9010m", true, #line),
            ("9.01", -2, "9010m", true, #line),
            ("9.01", -1, "9100m", false, #line),
            ("9.01", 0, "10", false, #line),
            ("9.01", 1, "10", false, #line),
            ("9.01", 2, "100", false, #line),
            ("-9.01", -1, "-9100m", false, #line),
            ("-9.01", 0, "-10", false, #line),
            ("-9.01", 2, "-100", false, #line),
        ]
        for (input, scale, expected, exact, line) in cases {
            guard let q = parse(input, line: line) else { continue }
            let (rounded, wasExact) = q.roundedUp(toScale: scale)
            XCTAssertEqual(rounded.description, expected, "\(input) at \(scale)", line: line)
            XCTAssertEqual(wasExact, exact, "\(input) at \(scale)", line: line)
        }
    }

    // MARK: Numeric views

    func testValueAndMilliValue() {
        let cases: [(String, Int64, Int64, UInt)] = [
            ("1", 1, 1000, #line),
            ("1.5", 2, 1500, #line),
            ("-1.5", -2, -1500, #line),
            ("1m", 1, 1, #line),
            ("0.1n", 1, 1, #line),
            ("1500m", 2, 1500, #line),
            ("1Gi", 1_073_741_824, 1_073_741_824_000, #line),
            ("1Mi", 1_048_576, 1_048_576_000, #line),
            ("9223372036854775807", .max, .max, #line),
            ("-9223372036854775808", .min, .min, #line),
            ("1e19", .max, .max, #line),
            ("-1e19", .min, .min, #line),
            ("9223372036854775", 9_223_372_036_854_775, 9_223_372_036_854_775_000, #line),
            ("0", 0, 0, #line),
        ]
        for (input, value, milli, line) in cases {
            guard let q = parse(input, line: line) else { continue }
            XCTAssertEqual(q.value, value, "\(input).value", line: line)
            XCTAssertEqual(q.milliValue, milli, "\(input).milliValue", line: line)
        }
    }

    func testScaledValue() {
        let nano = -9, micro = -6, milli = -3
        let cases: [(Int, Int, Int64, UInt)] = [
            (nano, nano, 1, #line), (nano, micro, 1, #line), (nano, milli, 1, #line), (nano, 0, 1, #line),
            (micro, nano, 1000, #line), (micro, micro, 1, #line), (micro, milli, 1, #line), (micro, 0, 1, #line),
            (milli, nano, 1_000_000, #line), (milli, micro, 1000, #line), (milli, milli, 1, #line), (milli, 0, 1, #line),
            (0, nano, 1_000_000_000, #line), (0, micro, 1_000_000, #line), (0, milli, 1000, #line), (0, 0, 1, #line),
            (2, -2, 10_000, #line),
        ]
        for (from, to, expected, line) in cases {
            XCTAssertEqual(Quantity(1, scale: from).scaledValue(to), expected, "1e\(from) at \(to)", line: line)
        }
    }

    func testApproximateDouble() {
        let cases: [(Quantity, Double, UInt)] = [
            (Quantity(0, format: .decimalSI), 0, #line),
            (Quantity(1, format: .binarySI), 1, #line),
            (Quantity(7 * 1024 * 1024, scale: 1), 73_400_320, #line),
            (Quantity(7 * 1024 * 1024, scale: 8), 734_003_200_000_000, #line),
            // Go multiplies by math.Pow10(-1), which is not the same as dividing by ten.
            (Quantity(7 * 1024 * 1024, scale: -1), 734003.2000000001, #line),
            (Quantity(7 * 1024 * 1024, scale: -8), 0.07340032, #line),
            (Quantity(12, scale: 18), 1.2e19, #line),
            (Quantity(12, scale: 500), .infinity, #line),
            (Quantity(-12, scale: 500), -.infinity, #line),
            (parse("9Ei")!, 9.223372036854776e18, #line),
            (parse("2Ki")!, 2048, #line),
            (parse("1.1Ki")!, 1126.4, #line),
            (parse("1Mi")!, 1_048_576, #line),
            (parse("2Gi")!, 2_147_483_648, #line),
            (parse("18446744073709551616")!, 18_446_744_073_709_551_616, #line),
        ]
        for (q, expected, line) in cases {
            XCTAssertEqual(q.approximateDouble, expected, "\(q)", line: line)
        }
    }

    // MARK: From manifest values

    func testInitFromValue() {
        let cases: [(Value, String?, UInt)] = [
            (.int(2), "2", #line),
            (.int(-1), "-1", #line),
            (.double(0.5), "500m", #line),
            (.double(1.5), "1500m", #line),
            (.double(1e21), "1e21", #line),
            (.double(1e-7), "100e-9", #line),  // Go's JSON spells it 1e-7
            (.string("1Gi"), "1Gi", #line),
            (.string(" 1Gi\n"), "1Gi", #line),
            (.string("250m"), "250m", #line),
            (.decimal(DecimalNumber("18446744073709551616")!), "18446744073709551616", #line),
            (.string("1 Gi"), nil, #line),
            (.string(""), nil, #line),
            (.bool(true), nil, #line),
            (.null, nil, #line),
            (.array([.int(1)]), nil, #line),
            (.object(Object()), nil, #line),
        ]
        for (value, expected, line) in cases {
            XCTAssertEqual(Quantity(value)?.description, expected, "\(value)", line: line)
        }
    }
}
