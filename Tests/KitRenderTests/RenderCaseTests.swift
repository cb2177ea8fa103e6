import Foundation
import KitCore
import XCTest

@testable import KitRender

/// The golden cases under Cases/: each directory is a kustomization tree and what
/// `kubectl kustomize` (kustomize v5.5.0) printed for it (see Cases/README.md).
/// kit must print the same bytes, fail exactly when kustomize failed, and print the same
/// deprecation warnings.
final class RenderCaseTests: XCTestCase {
    static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")

    func testEveryCaseMatchesKubectlKustomize() throws {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: Self.casesDirectory.path).filter {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: Self.casesDirectory.appendingPathComponent($0).path, isDirectory: &isDir) && isDir.boolValue
        }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 150, "the corpus holds at least 150 cases")
        var failures: [String] = []
        for name in names {
            if let problem = try check(name) { failures.append("\(name): \(problem)") }
        }
        XCTAssertEqual(failures, [], "\(failures.count) of \(names.count) cases differ")
    }

    /// The repository's example (the WordPress + MySQL tutorial) renders as kubectl kustomize
    /// rendered its copy in case 334.
    func testExamplesWordpressMatchesItsGolden() throws {
        let root = Self.casesDirectory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let example = root.appendingPathComponent("examples/wordpress")
        let golden = try String(
            contentsOf: Self.casesDirectory.appendingPathComponent("334-wordpress-example/stdout"), encoding: .utf8)
        let result = try KustomizeBuild.render(directory: example.path)
        XCTAssertEqual(String(decoding: try RenderOutput.stream(result.objects, format: .yaml), as: UTF8.self), golden)
        XCTAssertEqual(result.warnings, [])
    }

    func check(_ name: String) throws -> String? {
        let dir = Self.casesDirectory.appendingPathComponent(name)
        func read(_ file: String) -> String? {
            try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
        }
        let build = read("build")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "."
        let args = (read("args") ?? "").split(separator: "\n").map(String.init)
        // The flags the CLI passes on (`--load-restrictor X` or `--load-restrictor=X`).
        var options = RenderOptions()
        var restrictor: String? = nil
        for (i, arg) in args.enumerated() {
            if arg == "--load-restrictor", i + 1 < args.count { restrictor = args[i + 1] }
            if arg.hasPrefix("--load-restrictor=") { restrictor = String(arg.dropFirst("--load-restrictor=".count)) }
        }
        let expectedStatus = Int(read("status")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "0") ?? 0
        switch restrictor {
        case nil, "LoadRestrictionsRootOnly": break
        case "LoadRestrictionsNone": options.loadRestriction = .none
        default: return expectedStatus != 0 ? nil : "unknown --load-restrictor value"  // the CLI refuses it
        }
        let expectedOut = read("stdout") ?? ""
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        do {
            let result = try KustomizeBuild.render(directory: build, options: options)
            if expectedStatus != 0 { return "kustomize failed but kit succeeded" }
            let out = String(decoding: try RenderOutput.stream(result.objects, format: .yaml), as: UTF8.self)
            if out != expectedOut { if ProcessInfo.processInfo.environment["KIT_SHOW_DIFF"] != nil { try? out.write(toFile: "/tmp/case-\(name).out", atomically: true, encoding: .utf8) }; return "output differs" }
            let expectedWarnings = (read("stderr") ?? "").split(separator: "\n").map(String.init).filter { $0.hasPrefix("# Warning") }
            if result.warnings != expectedWarnings { return "warnings differ: \(result.warnings)" }
            return nil
        } catch {
            return expectedStatus == 0 ? "kit failed: \(error)" : nil
        }
    }
}
