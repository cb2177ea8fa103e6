import Foundation
import KitCore
import XCTest

@testable import KitTemplates

/// A deterministic generator for tests (SplitMix64); kit itself uses the system's secure one.
struct SeededGenerator: RandomNumberGenerator {
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

enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = packageRoot.appendingPathComponent("templates").path
    static let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases").path
}

/// A fresh empty directory, removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kit-templates-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url.path
}

/// Resolves `template`'s parameters from `input` with a seeded generator.
func resolve(_ template: Template, _ input: ParameterInput = ParameterInput(), seed: UInt64 = 1) throws -> ResolvedParameters {
    var random = SeededGenerator(seed: seed)
    do {
        return try ParameterResolver.resolve(template, input: input, random: &random)
    } catch {
        throw error
    }
}

/// A template made in the test, from a manifest and files.
func makeTemplate(_ manifest: String, files: [String: String] = [:], name: String = "t") throws -> Template {
    var entry = TemplateCatalogue.Entry(name: name, origin: "test/\(name)", files: [TemplateFile(path: Template.manifestName, text: manifest)])
    for (path, text) in files.sorted(by: { $0.key < $1.key }) { entry.files.append(TemplateFile(path: path, text: text)) }
    return try TemplateCatalogue(entries: [entry]).template(named: name)
}

/// The messages of the problems `body` throws.
func problems(_ body: () throws -> Void) -> [String] {
    do {
        try body()
        return []
    } catch let error as ParameterProblems {
        return error.problems.map(\.description)
    } catch let error as TemplateErrors {
        return error.errors.map(\.description)
    } catch {
        return ["\(error)"]
    }
}
