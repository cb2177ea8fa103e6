import XCTest

@testable import KitCore

final class JSONWriterTests: XCTestCase {
    let sample: Value = ["name": "web", "ports": [80, 443], "empty": [:], "none": [], "ok": true, "n": nil]

    func testJqPrettyStyle() throws {
        XCTAssertEqual(
            try JSONWriter().string(sample),
            """
            {
              "name": "web",
              "ports": [
                80,
                443
              ],
              "empty": {},
              "none": [],
              "ok": true,
              "n": null
            }
            """)
    }

    func testCompactAndSortedKeys() throws {
        XCTAssertEqual(
            try JSONWriter(indent: 0, sortKeys: true).string(sample),
            #"{"empty":{},"n":null,"name":"web","none":[],"ok":true,"ports":[80,443]}"#)
    }

    func testKubectlStyle() throws {
        let v: Value = ["kind": "ConfigMap", "data": ["a": "<&> é\u{7f}\u{2028}\u{1}\u{8}"], "w": [1.0, 1e21, 0.000001, 1e-7, 1.5]]
        XCTAssertEqual(
            try JSONWriter(style: .kubectl).string(v),
            """
            {
                "kind": "ConfigMap",
                "data": {
                    "a": "\\u003c\\u0026\\u003e é\u{7f}\\u2028\\u0001\\b"
                },
                "w": [
                    1,
                    1e+21,
                    0.000001,
                    1e-7,
                    1.5
                ]
            }
            """)
        XCTAssertThrowsError(try JSONWriter(style: .kubectl).string(.double(.nan)))
    }

    func testJqEscaping() throws {
        XCTAssertEqual(try JSONWriter().string("q\"b\\n\nt\tc\u{1}d\u{7f}<>&/é"), #""q\"b\\n\nt\tc\u0001d\u007f<>&/é""#)
        XCTAssertEqual(try JSONWriter(asciiOutput: true).string("é😀"), #""\u00e9\ud83d\ude00""#)
    }

    func testJqNumbers() throws {
        let w = JSONWriter(indent: 0)
        let cases: [(Value, String)] = [
            (1, "1"), (-0.0, "-0"), (1.5, "1.5"), (0.1, "0.1"), (1e17, "1e+17"), (1e16, "1e+16"), (1e15, "1000000000000000"),
            (123456789012, "123456789012"), (0.0001, "0.0001"), (0.00001, "1e-05"), (1e100, "1e+100"),
            (3.141592, "3.141592"), (.double(.infinity), "1.7976931348623157e+308"),
            (.double(-.infinity), "-1.7976931348623157e+308"), (.double(.nan), "null"),
            (.decimal(DecimalNumber("1.000")!), "1.000"), (.decimal(DecimalNumber("1E1000")!), "1E+1000"),
            (.decimal(DecimalNumber("100e-2")!), "1.00"), (.decimal(DecimalNumber("0.00000001")!), "1E-8"),
            (.decimal(DecimalNumber("123456789012345678901234567890")!), "123456789012345678901234567890"),
            (.decimal(DecimalNumber("-0.12345678901234567890123456789")!), "-0.12345678901234567890123456789"),
        ]
        for (value, text) in cases {
            XCTAssertEqual(try w.string(value), text, "\(value)")
        }
    }

    func testRoundTripThroughTheReader() throws {
        let text = #"{"a":[1,2.5,"x\u0000y",{"b":null}],"c":1.000,"d":12345678901234567890123}"#
        let value = try JSONReader.read(text)
        XCTAssertEqual(try JSONWriter(indent: 0).string(value), text.replacingOccurrences(of: "1.000", with: "1.000"))
    }
}
