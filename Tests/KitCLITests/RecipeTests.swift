import Foundation
import KitCore
import XCTest

/// The seed article's kubectl/jq recipes, each answered by one kit command on the example
/// snapshot and compared with what the recipe's own pipeline printed there (recorded by
/// `scripts/recipes-oracle.py`: jq 1.6 and kubectl 1.32 against the stand-in API server).
///
/// `compare` says how the outputs must agree:
/// - `exact`: byte for byte;
/// - `cells`: the same lines of whitespace-separated cells (kit aligns the columns for the
///   rows it prints; a `grep` after kubectl keeps the widths of the rows it removed);
/// - `lines`: the same lines (the seed's last one may lack its line break);
/// - `top N`: `kubectl top … | sort --reverse --key N --numeric`, which moves the header to
///   the end and orders ties by their text: kit prints the header first, then the same rows,
///   column N never increasing;
/// - `nodeports`: jq prints `null` for a port without a nodePort; kit leaves it out;
/// - `moved-secrets`: the seed's JSON with the new namespace, kit's YAML ready to apply —
///   the same objects once the server-set fields are left out of the seed's.
final class RecipeTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let recipes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Recipes")

    func testEveryRecipe() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.recipes.path).sorted()
        XCTAssertGreaterThanOrEqual(names.count, 16)
        for name in names {
            let dir = Self.recipes.appendingPathComponent(name)
            let args = try String(contentsOf: dir.appendingPathComponent("args"), encoding: .utf8).split(separator: "\n").map(String.init)
            let compare = try String(contentsOf: dir.appendingPathComponent("compare"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let seed = String(decoding: try Data(contentsOf: dir.appendingPathComponent("seed-stdout")), as: UTF8.self)
            let result = try runKit(args, in: Self.root)
            XCTAssertEqual(result.status, 0, "\(name): \(String(decoding: result.stderr, as: UTF8.self))")
            let kit = String(decoding: result.stdout, as: UTF8.self)
            XCTAssertFalse(kit.isEmpty, "\(name): kit printed nothing")
            try check(name, compare, kit: kit, seed: seed)
        }
    }

    func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    func cells(_ line: String) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    func check(_ name: String, _ compare: String, kit: String, seed: String) throws {
        switch compare {
        case "exact":
            XCTAssertEqual(kit, seed, name)
        case "cells":
            XCTAssertEqual(lines(kit).map(cells), lines(seed).map(cells), name)
        case "lines":
            XCTAssertEqual(lines(kit), lines(seed), name)
        case "nodeports":
            let normalized = lines(seed).map { line -> String in
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 2 else { return line }
                return fields[0] + "\t" + fields[1].split(separator: "|").filter { $0 != "null" }.joined(separator: "|")
            }
            XCTAssertEqual(lines(kit), normalized, name)
        case let mode where mode.hasPrefix("top "):
            let column = Int(mode.dropFirst(4))! - 1
            let kitLines = lines(kit)
            let seedLines = lines(seed)
            XCTAssertEqual(kitLines.first, seedLines.last, "\(name): header")
            XCTAssertEqual(kitLines.dropFirst().sorted(), seedLines.dropLast().sorted(), "\(name): rows")
            let values = kitLines.dropFirst().map { Int(cells($0)[column].filter(\.isNumber)) ?? -1 }
            XCTAssertEqual(values, values.sorted(by: >), "\(name): column \(column + 1) most first")
        case "moved-secrets":
            let seedList = try JSONReader.read(seed)
            let kitList = try YAMLReader.read(kit).first!.value
            var expected: [Value] = []
            for item in seedList["items"]?.arrayValue ?? [] {
                guard case .object(var object) = item, case .object(var metadata)? = object["metadata"] else { continue }
                for field in ["uid", "resourceVersion", "creationTimestamp", "managedFields", "ownerReferences"] { metadata[field] = nil }
                if case .object(var notes)? = metadata["annotations"] {
                    notes["kubectl.kubernetes.io/last-applied-configuration"] = nil
                    metadata["annotations"] = notes.isEmpty ? nil : .object(notes)
                }
                object["metadata"] = .object(metadata)
                expected.append(.object(object))
            }
            XCTAssertFalse(expected.isEmpty, name)
            XCTAssertEqual(kitList["items"]?.arrayValue ?? [], expected, name)
        default:
            XCTFail("\(name): unknown comparison \(compare)")
        }
    }
}
