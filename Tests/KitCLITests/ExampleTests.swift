import Foundation
import XCTest

/// The examples render to the goldens their cases hold (the cases carry copies of the
/// examples' files, so that they run in a scratch directory; this keeps the two in step).
final class ExampleTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func golden(_ name: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent("Tests/KitCLITests/Cases/\(name)/stdout"), encoding: .utf8)
    }

    func testECSFargateExample() throws {
        let result = try runKit(["render", "examples/ecs-fargate", "--target", "ecs"], in: Self.root, environment: [:])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(String(decoding: result.stdout, as: UTF8.self), try golden("compose-ecs-seed"))
    }

    func testComposeAppExample() throws {
        let result = try runKit(["render", "examples/compose-app"], in: Self.root, environment: [:])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(String(decoding: result.stdout, as: UTF8.self), try golden("compose-k8s-example-app"))
    }
}
