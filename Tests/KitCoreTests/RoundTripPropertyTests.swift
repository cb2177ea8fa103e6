import XCTest

@testable import KitCore

/// Property tests: kit's own output (fmt, convert) reads back as the value that was written,
/// and a YAML → JSON → YAML trip changes nothing. Values and strings are generated from a
/// seeded generator (the same cases every run; set KIT_PROPERTY_SEED to explore others),
/// with the alphabet of every rule of `YAMLScalarResolver` and `YAMLOutputRules`.
final class RoundTripPropertyTests: XCTestCase {
    var random = SeededRandom(seed: UInt64(ProcessInfo.processInfo.environment["KIT_PROPERTY_SEED"] ?? "") ?? 0x6b69_7420_796d_6c21)

    var exactRead: YAMLReader.Options {
        var options = YAMLReader.Options()
        options.keepNumberText = true
        return options
    }

    func readBack(_ yaml: [UInt8]) throws -> Value {
        let documents = try YAMLReader.read(yaml, file: "out.yaml", options: exactRead)
        XCTAssertEqual(documents.count, 1)
        return documents[0].value
    }

    /// Every string made of the resolver's tokens is written so that it reads back as itself,
    /// as a value and as a key (the `0o-7` family: go-yaml v2 leaves it plain, kit reads -7).
    func testStringsReadBackAsThemselves() throws {
        let writer = YAMLWriter(keyOrder: .preserved, valueRules: .lossless)
        for _ in 0..<10_000 {
            let s = ScalarTokens.string(using: &random)
            let value: Value = .object(Object(uniqueKeysWithValues: [(s, .string(s))]))
            let text = try writer.document(value)
            let back = try readBack(text)
            XCTAssertTrue(RoundTrip.identical(back, value), "\(s.debugDescription) was written as \(String(decoding: text, as: UTF8.self).debugDescription)")
        }
    }

    func testTheZeroOFamilyIsQuoted() throws {
        let writer = YAMLWriter(keyOrder: .preserved, valueRules: .lossless)
        for s in ["0o-7", "0o+7", "0o-0", "0b-1", "0b+1", "-0o7", "-0b1", "0o", "0o-", "1_0", "0x_1"] {
            let text = String(decoding: try writer.document(["v": .string(s)]), as: UTF8.self)
            XCTAssertEqual(try readBack(Array(text.utf8))["v"], .string(s), text)
        }
        XCTAssertEqual(String(decoding: try writer.document(["v": "0o-7"]), as: UTF8.self), "v: \"0o-7\"\n")
        // kustomize's own output keeps go-yaml v2's quoting (kubectl kustomize prints 0o-7 plain).
        XCTAssertEqual(try sortedYAML(["v": "0o-7"]), "v: 0o-7\n")
    }

    func testNumberLiteralsKeepTheirText() throws {
        let writer = YAMLWriter(keyOrder: .preserved, valueRules: .lossless)
        // Each literal, and what it is after a trip through JSON (jq's spelling of the literal).
        let literals = [
            ("123456789012345678901234567890", nil), ("-0", nil), ("1.0", nil), ("1e3", "1E+3"), ("0.10000000000000000001", nil),
            ("-0.0", nil), ("18446744073709551616", nil), ("1E+308", nil), ("4469319.4469319", nil), ("1e-7", "1E-7"),
        ]
        for (literal, afterJSON) in literals {
            let value = try readBack(Array("v: \(literal)\n".utf8))
            XCTAssertEqual(String(decoding: try writer.document(value), as: UTF8.self), "v: \(literal)\n")
            let json = try JSONWriter().stream([value])
            let fromJSON = try JSONReader.read(json)
            XCTAssertEqual(fromJSON, value)
            XCTAssertEqual(
                String(decoding: try writer.document(fromJSON), as: UTF8.self), "v: \(afterJSON ?? literal)\n",
                "through \(String(decoding: json, as: UTF8.self))")
        }
        // A literal no YAML float holds would read back as a string: refused, with its path.
        XCTAssertThrowsError(try writer.document(["a": [.decimal(DecimalNumber("1e400")!)]])) { error in
            XCTAssertEqual((error as? KitError)?.message, "cannot write a[0] as YAML: the number is beyond what a YAML float holds, so it would read back as a string")
            XCTAssertEqual((error as? KitError)?.valuePath?.components, [.key("a"), .index(0)])
        }
    }

    /// Random documents: written by kit, read back, identical. Through JSON the values stay
    /// equal (jq may respell a literal: `742E+8` is `7.42E+10` to it), and from then on the
    /// YAML text is a fixed point: YAML → JSON → YAML gives the same text.
    func testDocumentsSurviveYAMLAndJSON() throws {
        let yamlWriter = YAMLWriter(keyOrder: .preserved, valueRules: .lossless)
        func yaml(_ v: Value) throws -> [UInt8] { try yamlWriter.document(v) }
        func viaJSON(_ v: Value) throws -> Value { try JSONReader.read(try JSONWriter().stream([v])) }
        var checked = 0
        for _ in 0..<3_000 {
            let value = RandomValue.document(using: &random)
            let text: [UInt8]
            do {
                text = try yaml(value)
            } catch let error as KitError {
                // Only numbers a YAML float cannot hold are refused.
                XCTAssertTrue(error.message.contains("beyond what a YAML float holds"), error.message)
                continue
            }
            let back = try readBack(text)
            XCTAssertTrue(RoundTrip.identical(back, value), "wrote \(String(decoding: text, as: UTF8.self))")
            checked += 1
            // JSON has no NaN or infinity (jq writes null and ±max double).
            guard !RoundTrip.hasNonFinite(back) else { continue }
            let fromJSON = try viaJSON(back)
            XCTAssertEqual(fromJSON, back)
            let text2 = try yaml(fromJSON)
            XCTAssertTrue(RoundTrip.identical(try readBack(text2), fromJSON))
            XCTAssertEqual(String(decoding: try yaml(try viaJSON(try readBack(text2))), as: UTF8.self), String(decoding: text2, as: UTF8.self))
        }
        XCTAssertGreaterThan(checked, 2_500)
    }
}

/// SplitMix64: small, fast and seedable, so property tests are reproducible.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Pieces of scalars that the resolvers treat specially: signs, base prefixes, digits,
/// exponents, underscores, colons, words, timestamps, indicators and odd characters.
enum ScalarTokens {
    static let tokens: [String] = [
        "0", "1", "7", "9", "00", "12", "+", "-", ".", "_", "e", "E", "e+", "e-", "x", "X", "o", "O", "b", "B",
        "0x", "0o", "0b", "0X", "0O", "0B", "a", "f", "F", ":", ":30", "inf", "Inf", "INF", "nan", "NaN", "true",
        "True", "false", "null", "Null", "NULL", "~", "y", "Y", "n", "N", "yes", "no", "on", "off", "<<", " ", "T",
        "t", "Z", "z", "2001-12-14", "2001-12-14T21:59:43", "21:59:43.10", "-05:00", "#", "&", "*", "!", "|", ">",
        "'", "\"", "%", "@", "`", ",", "[", "]", "{", "}", "?", "\t", "\n", "\u{85}", "\u{2028}", "\u{FEFF}",
        "\u{7F}", "\u{80}", "é", "\u{1F600}", "\\", "---", "...",
    ]

    static func string(using random: inout SeededRandom) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 1...5, using: &random) { s += tokens.randomElement(using: &random)! }
        return s
    }
}

enum RandomValue {
    static func document(using random: inout SeededRandom) -> Value {
        node(depth: 0, using: &random)
    }

    static func node(depth: Int, using random: inout SeededRandom) -> Value {
        let pick = Int.random(in: 0..<(depth >= 4 ? 7 : 10), using: &random)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(integer(using: &random))
        case 3: return .double(double(using: &random))
        case 4: return .decimal(decimal(using: &random))
        case 5, 6: return .string(ScalarTokens.string(using: &random))
        case 7:
            return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in node(depth: depth + 1, using: &random) })
        default:
            var object = Object()
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let key = ScalarTokens.string(using: &random)
                if !object.contains(key) { object.appendNew(key: key, value: node(depth: depth + 1, using: &random)) }
            }
            return .object(object)
        }
    }

    static func integer(using random: inout SeededRandom) -> Int {
        [0, 1, -1, Int.max, Int.min, Int(Int32.max), Int.random(in: -1000...1000, using: &random),
         Int(truncatingIfNeeded: random.next())].randomElement(using: &random)!
    }

    static func double(using random: inout SeededRandom) -> Double {
        [0.0, -0.0, 1.5, -2.25, 1e21, 1e-7, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity, .nan,
         Double(bitPattern: random.next()), Double.random(in: -1e6...1e6, using: &random)].randomElement(using: &random)!
    }

    static func decimal(using random: inout SeededRandom) -> DecimalNumber {
        let digits = (0..<Int.random(in: 1...40, using: &random)).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
        let trimmed = digits.drop(while: { $0 == "0" })
        let integer = trimmed.isEmpty ? "0" : String(trimmed)
        let forms = [
            integer, "-" + integer, integer + "." + digits, "-0", "0." + digits, integer + "e" + String(Int.random(in: -400...400, using: &random)),
            integer + "E+" + String(Int.random(in: 0...30, using: &random)),
        ]
        return DecimalNumber(jsonLiteral: forms.randomElement(using: &random)!)!
    }
}

enum RoundTrip {
    /// Same structure, same strings and key order, equal numbers (a decimal literal must come
    /// back with its text, unless it is what kit prints for the number anyway; NaN equals NaN).
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (p, q) in zip(x, y) where p.key != q.key || !identical(p.value, q.value) { return false }
            return true
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
        case (.decimal(let x), .decimal(let y)):
            return x.text == y.text
        default:
            if let x = a.doubleValue, let y = b.doubleValue, x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
            if case .decimal(let x) = b, a.isNumber { return a == b && x.text == YAMLOutputRules.losslessNumberText(a) }
            return a == b
        }
    }

    static func hasNonFinite(_ v: Value) -> Bool {
        switch v {
        case .double(let d): return !d.isFinite
        case .array(let a): return a.contains(where: hasNonFinite)
        case .object(let o): return o.contains { hasNonFinite($0.value) }
        default: return false
        }
    }
}
