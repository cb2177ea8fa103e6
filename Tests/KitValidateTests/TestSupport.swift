import Foundation
import KitCore

@testable import KitValidate

let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Validates `files` (name → text) written to a scratch directory; returns the report.
func validate(_ files: [String: String], options: ValidateOptions = ValidateOptions(), inputs: [String]? = nil) throws -> ValidationReport {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("kit-validate-\(UUID().uuidString)")
    try fm.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: dir) }
    for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    let cwd = fm.currentDirectoryPath
    fm.changeCurrentDirectoryPath(dir.path)
    defer { fm.changeCurrentDirectoryPath(cwd) }
    let names = inputs ?? files.keys.sorted()
    return try Validator(options: options).validate(names.map(ValidationInput.path))
}

/// `rule@line:column path` for each finding, for compact assertions.
func summary(_ report: ValidationReport) -> [String] {
    report.findings.map { f in
        "\(f.rule)@\(f.location.map { "\($0.line):\($0.column)" } ?? "-") \(f.pathText)"
    }
}

/// A walk of `value` against a compiled JSON schema (JSON Schema dialect).
func check(_ value: Value, against schema: String, strict: Bool = false, values: Bool = false) throws -> [String] {
    let compiled = JSONSchemaCompiler(dialect: .jsonSchema).compile(try JSONReader.read(schema))
    var walker = SchemaWalker(strict: strict, checkValues: values)
    walker.walk(value, compiled)
    return walker.findings.map { "\($0.rule) \($0.pathText): \($0.message)" }
}
