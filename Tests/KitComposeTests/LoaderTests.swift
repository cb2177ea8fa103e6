import KitCore
import XCTest

import KitCompose

/// The public API, as `kit validate` may use it: load a project, then render it.
final class LoaderTests: XCTestCase {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    func testLoadExampleWithPositions() throws {
        let project = try ComposeLoader.load(ComposeLoadOptions(directory: Self.examples.appendingPathComponent("compose-app").path))
        XCTAssertEqual(project.name, "shop")
        XCTAssertEqual(project.format, .spec)
        XCTAssertEqual(project.services.map(\.name), ["proxy", "web", "worker", "db", "cache"])
        let web = try XCTUnwrap(project.service("web"))
        XCTAssertEqual(web.string("image"), "ghcr.io/example/shop:1.4.2")
        XCTAssertEqual(web.location.line, 23)
        XCTAssertEqual(web.environment.first { $0.name == "LOG_LEVEL" }?.value, "info")
        XCTAssertTrue(web.environment.first { $0.name == "LOG_LEVEL" }?.fromEnvFile ?? false)
        XCTAssertEqual(project.service("db")?.volumes.first?.source, "db-data")
        XCTAssertEqual(project.service("proxy")?.ports.first?.publishedPort, 80)
        XCTAssertTrue(project.warnings.isEmpty)
    }

    func testRenderEachTarget() throws {
        let directory = Self.examples.appendingPathComponent("ecs-fargate").path
        for target in ComposeTarget.allCases {
            let result = try ComposeRender.render(ComposeRenderOptions(
                target: target, load: ComposeLoadOptions(directory: directory), launchType: "FARGATE"))
            XCTAssertFalse(result.documents.isEmpty, "\(target)")
        }
        let ecs = try ComposeRender.render(ComposeRenderOptions(target: .ecs, load: ComposeLoadOptions(directory: directory)))
        XCTAssertEqual(ecs.documents.first?["family"], "ecs-fargate")
        XCTAssertEqual(ecs.documents.first?["memory"], "0.5GB")
    }

    func testErrorsCarryPositionsAndNoSecrets() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kit-compose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "services:\n  web:\n    image: busybox\n    deploy:\n      replicas: ${TOKEN}\n".write(
            to: directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        try "TOKEN=hunter2\n".write(to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ComposeLoader.load(ComposeLoadOptions(directory: directory.path))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasSuffix("compose.yaml:5:17: services.web.deploy.replicas: must be an integer"), text)
            XCTAssertFalse(text.contains("hunter2"))
        }
    }
}
