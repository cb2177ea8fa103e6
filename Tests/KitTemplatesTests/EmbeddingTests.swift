import Foundation
import KitCore
import XCTest

@testable import KitTemplates

final class EmbeddingTests: XCTestCase {
    /// CI proof that the templates compiled into kit are exactly templates/.
    func testGeneratedSourceMatchesTemplatesDirectory() throws {
        let expected = try TemplateEmbedding.source(templatesDirectory: Paths.templates)
        let committed = try FileIO.read(Paths.packageRoot.appendingPathComponent(TemplateEmbedding.generatedPath).path)
        if committed != Array(expected.utf8) {
            XCTFail("\(TemplateEmbedding.generatedPath) differs from templates/; run swift run kit-templategen")
        }
    }

    func testBuiltInCatalogue() throws {
        let templates = try TemplateCatalogue.builtIn().all()
        XCTAssertEqual(templates.map(\.name), ["compose-app", "cronjob", "ecs-fargate", "web-service", "wordpress", "worker"])
        for t in templates {
            XCTAssertFalse(t.description.isEmpty)
            XCTAssertEqual(t.origin, Template.builtInOrigin)
            XCTAssertFalse(t.files.isEmpty)
            for p in t.parameters { XCTAssertFalse(p.help.isEmpty, "\(t.name).\(p.name) has help") }
        }
        // The embedded text is the file's text, byte for byte (a raw string in the source).
        let kustomization = try TemplateCatalogue.builtIn().template(named: "wordpress").files.first { $0.path == "kustomization.yaml" }
        XCTAssertEqual(kustomization?.text, String(decoding: try FileIO.read(Paths.templates + "/wordpress/kustomization.yaml"), as: UTF8.self))
    }

    func testRawStringDelimiters() throws {
        XCTAssertEqual(TemplateEmbedding.rawStringDelimiter(for: "plain"), "#")
        XCTAssertEqual(TemplateEmbedding.rawStringDelimiter(for: "a \"# b"), "##")
        XCTAssertEqual(TemplateEmbedding.rawStringDelimiter(for: "a \\#( b \"## c"), "###")
        XCTAssertEqual(TemplateEmbedding.swiftStringLiteral("a\"b\\c\u{1}"), "\"a\\\"b\\\\c\\u{1}\"")
    }

    func testUnknownTemplateSuggestsAndLists() {
        XCTAssertThrowsError(try TemplateCatalogue.builtIn().template(named: "wordpres")) { error in
            XCTAssertEqual("\(error)", "no template \"wordpres\"; did you mean wordpress? (templates: compose-app, cronjob, ecs-fargate, web-service, wordpress, worker; kit templates lists them)")
        }
    }

    func testTemplateDirectoryComesFirstAndHidesBuiltIns() throws {
        let root = try temporaryDirectory(self)
        try FileManager.default.createDirectory(atPath: root + "/wordpress/sub", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/ours", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/not-a-template", withIntermediateDirectories: true)
        try "name: wordpress\ndescription: Our WordPress\n".write(toFile: root + "/wordpress/template.yaml", atomically: true, encoding: .utf8)
        try "x\n".write(toFile: root + "/wordpress/sub/run.sh", atomically: true, encoding: .utf8)
        chmod(root + "/wordpress/sub/run.sh", 0o755)
        try "name: ours\ndescription: Ours\n".write(toFile: root + "/ours/template.yaml", atomically: true, encoding: .utf8)
        let catalogue = try TemplateCatalogue.with(directory: root)
        XCTAssertEqual(catalogue.names, ["ours", "wordpress", "compose-app", "cronjob", "ecs-fargate", "web-service", "worker"])
        let ours = try catalogue.template(named: "wordpress")
        XCTAssertEqual(ours.description, "Our WordPress")
        XCTAssertEqual(ours.origin, root + "/wordpress")
        XCTAssertEqual(ours.files.map(\.path), ["sub/run.sh"])
        XCTAssertEqual(ours.files.first?.executable, true)
        let header = TemplateListing.catalogue(try catalogue.all()).split(separator: "\n").first ?? ""
        XCTAssertTrue(header.hasPrefix("NAME         DESCRIPTION  ") && header.hasSuffix("  SOURCE"), String(header))

        // A single template directory is a catalogue of one.
        XCTAssertEqual(try TemplateCatalogue.with(directory: root + "/ours").names.first, "ours")
        // Name and directory must agree.
        try "name: other\ndescription: d\n".write(toFile: root + "/ours/template.yaml", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TemplateCatalogue.with(directory: root).template(named: "ours")) { error in
            XCTAssertEqual("\(error)", "\(root)/ours/template.yaml: the template's name is \"other\" but its directory is ours; they must be the same")
        }
        XCTAssertThrowsError(try TemplateCatalogue.with(directory: root + "/missing"))
        XCTAssertThrowsError(try TemplateCatalogue.with(directory: root + "/not-a-template"))
        // Links are refused.
        symlink("/etc/passwd", root + "/wordpress/link")
        XCTAssertThrowsError(try TemplateCatalogue.with(directory: root)) { error in
            XCTAssertTrue("\(error)".hasSuffix("a template holds only regular files and directories (this is a link or a special file)"))
        }
    }

    func testParameterListing() throws {
        let text = TemplateListing.parameters(of: try TemplateCatalogue.builtIn().template(named: "ecs-fargate"), width: 80)
        XCTAssertTrue(text.hasPrefix("ecs-fargate: A web container on AWS Fargate"))
        XCTAssertTrue(text.contains("  subnets         list      required\n"), text)
        XCTAssertTrue(text.contains("  cpu             integer   default: 256\n"), text)
        XCTAssertTrue(text.contains("      Allowed: 256, 512, 1024, 2048, 4096, 8192, 16384.\n"), text)
        // Help text is wrapped (patterns and defaults are printed whole).
        for line in text.split(separator: "\n") where line.hasPrefix("      ") && !line.contains("Pattern:") {
            XCTAssertLessThanOrEqual(line.count, 80, String(line))
        }
    }
}
