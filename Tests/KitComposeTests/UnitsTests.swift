import KitCore
import XCTest

@testable import KitCompose

final class UnitsTests: XCTestCase {
    func testGoDurations() {
        XCTAssertEqual(GoDuration.parse("1m30s"), 90_000_000_000)
        XCTAssertEqual(GoDuration.parse("1.5h"), 5_400_000_000_000)
        XCTAssertEqual(GoDuration.parse("300ms"), 300_000_000)
        XCTAssertEqual(GoDuration.parse("10us"), 10_000)
        XCTAssertEqual(GoDuration.parse("0"), 0)
        XCTAssertEqual(GoDuration.parse("-2s"), -2_000_000_000)
        XCTAssertNil(GoDuration.parse("30"))
        XCTAssertNil(GoDuration.parse("1d"))
        XCTAssertNil(GoDuration.parse(""))
        XCTAssertNil(GoDuration.parse("1.2.3s"))
        XCTAssertEqual(GoDuration.seconds("1m59.9s"), 119)
    }

    func testComposeDurationStrings() {
        XCTAssertEqual(GoDuration.composeString(nanoseconds: 90_000_000_000), "90s")
        XCTAssertEqual(GoDuration.composeString(nanoseconds: 120_000_000_000), "2m")
        XCTAssertEqual(GoDuration.composeString(nanoseconds: 7_200_000_000_000), "2h")
        XCTAssertEqual(GoDuration.composeString(nanoseconds: 1_500_000_000), "1500ms")
        XCTAssertEqual(GoDuration.composeString(nanoseconds: 7), "7ns")
    }

    func testRAMInBytes() {
        XCTAssertEqual(GoUnits.ramInBytes("512m"), 536_870_912)
        XCTAssertEqual(GoUnits.ramInBytes("0.5g"), 536_870_912)
        XCTAssertEqual(GoUnits.ramInBytes("0.5GB"), 536_870_912)
        XCTAssertEqual(GoUnits.ramInBytes("1 GiB"), 1_073_741_824)
        XCTAssertEqual(GoUnits.ramInBytes("1024"), 1024)
        XCTAssertEqual(GoUnits.ramInBytes("10k"), 10240)
        XCTAssertNil(GoUnits.ramInBytes("lots"))
        XCTAssertNil(GoUnits.ramInBytes("1.2.3m"))
        XCTAssertNil(GoUnits.ramInBytes("5x"))
        XCTAssertNil(GoUnits.ramInBytes(""))
    }

    func testShellWords() throws {
        XCTAssertEqual(try ShellWords.split("echo \"hello world\" 'it''s' a\\ b"), ["echo", "hello world", "its", "a b"])
        XCTAssertEqual(try ShellWords.split("  sh -c \"echo \\\"$HOME\\\"\"  "), ["sh", "-c", "echo \"$HOME\""])
        XCTAssertEqual(try ShellWords.split(""), [])
        XCTAssertEqual(try ShellWords.split("''"), [""])
        XCTAssertThrowsError(try ShellWords.split("echo \"open"))
    }

    func testPaths() {
        XCTAssertEqual(FileIO.clean("/a/./b/../c//d/"), "/a/c/d")
        XCTAssertEqual(FileIO.clean("../x/./y"), "../x/y")
        XCTAssertEqual(Paths.absolute("data", base: "/srv/app"), "/srv/app/data")
        XCTAssertEqual(Paths.absolute("../data", base: "/srv/app"), "/srv/data")
        XCTAssertEqual(Paths.baseName("/a/b/"), "b")
        XCTAssertEqual(Paths.directory(of: "dir/compose.yaml"), "dir")
        XCTAssertEqual(Paths.expandUser("~/x", home: "/home/u"), "/home/u/x")
    }
}

final class ServicePortTests: XCTestCase {
    func parse(_ text: String) throws -> [ServicePort] {
        try ServicePort.parseShort(text, path: KeyPath(), location: SourceLocation(file: "-", line: 1, column: 1))
    }

    func testShortSyntax() throws {
        let simple = try parse("8080:80")
        XCTAssertEqual(simple.map(\.target), [80])
        XCTAssertEqual(simple.map(\.published), ["8080"])
        let range = try parse("8000-8002:9000-9002/udp")
        XCTAssertEqual(range.map(\.target), [9000, 9001, 9002])
        XCTAssertEqual(range.map(\.published), ["8000", "8001", "8002"])
        XCTAssertEqual(range.first?.proto, "udp")
        let hostRange = try parse("8000-8002:80")
        XCTAssertEqual(hostRange.map(\.published), ["8000-8002"])
        let ip = try parse("127.0.0.1:5000:5000")
        XCTAssertEqual(ip.first?.hostIP, "127.0.0.1")
        XCTAssertEqual(ip.first?.legacyString(), "127.0.0.1:5000:5000/tcp")
        let ipNoHost = try parse("127.0.0.1::53/udp")
        XCTAssertEqual(ipNoHost.first?.published, nil)
        let v6 = try parse("[::1]:8080:80")
        XCTAssertEqual(v6.first?.hostIP, "::1")
        XCTAssertEqual(try parse("443").first?.published, nil)
    }

    func testInvalidPorts() {
        XCTAssertThrowsError(try parse("80:http"))
        XCTAssertThrowsError(try parse("70000"))
        XCTAssertThrowsError(try parse("9000-8000"))
        XCTAssertThrowsError(try parse("1-3:1-2"))
        XCTAssertThrowsError(try parse(""))
    }
}
