import Foundation
import KitCore
import XCTest

@testable import KitModel

/// Every manifest of the repo's golden corpora goes through its typed model and comes back
/// identical: same values, same key order, same number forms. The generated walker reads every
/// field and assigns it back, so every accessor on the way is exercised too.
final class TypedModelRoundTripTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The corpora: kustomize-corpus inputs and golden outputs, and examples/.
    static func manifestFiles() throws -> [String] {
        var files: [String] = []
        let corpus = root.appendingPathComponent("Tests/KitCoreTests/Fixtures/kustomize-corpus").path
        for name in try FileIO.list(corpus) where name.hasSuffix(".yaml") {
            files.append(corpus + "/" + name)
        }
        func collect(_ directory: String) throws {
            for name in try FileIO.list(directory) {
                let path = directory + "/" + name
                if FileIO.isDirectory(path) { try collect(path) } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { files.append(path) }
            }
        }
        try collect(root.appendingPathComponent("examples").path)
        return files
    }

    /// JSON with keys in their order: equal texts mean equal values in the same order and form.
    func orderedText(_ value: Value) throws -> String {
        try JSONWriter(style: .jq, indent: 0).string(value)
    }

    func testCorporaRoundTripThroughTypedModels() throws {
        let files = try Self.manifestFiles()
        XCTAssertGreaterThan(files.count, 100)
        var typed = 0
        var fieldsRead = 0
        var untypedKinds = Set<String>()
        var offSchemaFields = 0
        for file in files {
            // Unknown tags are read as kustomize reads them (the corpus has `!custom` on purpose).
            let documents = try YAMLReader.read(try FileIO.read(file), file: file, options: .init(acceptUnknownTags: true))
            for (i, document) in documents.enumerated() where !document.isEmpty {
                let where_ = "\(file.split(separator: "/").last!)#\(i + 1)"
                guard let resource = Resource(document.value) else { continue }
                let original = try orderedText(document.value)
                XCTAssertEqual(try orderedText(resource.value), original, where_)
                guard var model = resource.typed() else {
                    untypedKinds.insert(resource.gvk.description)
                    continue
                }
                var walk = ModelWalk()
                XCTAssertTrue(walkAnyModel(&model, &walk), "\(where_): no walker for \(type(of: model))")
                // Fields the models cannot read are exactly the off-schema ones (the corpus has
                // some on purpose: it tests how kustomize passes unusual YAML through).
                var shape = SchemaShapeCheck()
                shape.check(document.value, try XCTUnwrap(resource.schema), path: [])
                let unreadable = walk.mismatches.map { String($0.prefix { $0 != ":" }) }
                XCTAssertEqual(unreadable.sorted(), shape.violations.sorted(), "\(where_): \(walk.mismatches)")
                offSchemaFields += shape.violations.count
                XCTAssertEqual(model.toValue(), document.value, where_)
                XCTAssertEqual(try orderedText(model.toValue()), original, "\(where_): typed round trip changed the document")
                typed += 1
                fieldsRead += walk.fieldsRead
            }
        }
        XCTAssertGreaterThan(typed, 150)
        XCTAssertGreaterThan(fieldsRead, 3000)
        print("typed round trip: \(typed) objects, \(fieldsRead) fields read, \(offSchemaFields) off-schema fields kept; kinds without models: \(untypedKinds.sorted())")
    }
}
