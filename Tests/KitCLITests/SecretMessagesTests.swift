import Foundation
import XCTest

/// The rule for every message kit prints: it never contains a value from a Secret (data,
/// stringData, generator literals, env files) — it names key paths and FILE:LINE:COL.
///
/// `SecretCorpus/` holds kustomizations and files that are broken in and around Secrets, with
/// every secret value containing `PLANTED` (and `hunter2`). Each is rendered, converted,
/// formatted and fed to `kit create`, and every message is searched for the planted values.
final class SecretMessagesTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("SecretCorpus")
    static let planted = ["PLANTED", "hunter2"]

    func testNoMessageContainsAPlantedValue() throws {
        let fm = FileManager.default
        let cases = try fm.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        XCTAssertGreaterThan(cases.count, 30)
        var runs = 0
        for name in cases {
            let dir = Self.corpus.appendingPathComponent(name)
            var commands: [[String]] = [["render", dir.path], ["render", dir.path, "--format", "json"]]
            for file in try fm.contentsOfDirectory(atPath: dir.path).sorted() where file != "kustomization.yaml" {
                let path = dir.appendingPathComponent(file).path
                if file.hasSuffix(".env") {
                    commands.append(["create", "secret", "generic", "s", "--from-env-file=\(path)"])
                    commands.append(["create", "configmap", "s", "--from-env-file=\(path)"])
                    continue
                }
                commands += [
                    ["convert", path], ["convert", "--to", "yaml", path], ["convert", "--to", "yaml", "--sort-keys", path],
                    ["convert", "--to", "json", "--sort-keys", path], ["fmt", "--check", path],
                ]
            }
            // Two at a time (the machine has two cores).
            let results = Results(count: commands.count)
            let all = commands
            DispatchQueue.concurrentPerform(iterations: all.count) { i in
                results.store(i, try? runKit(all[i]))
            }
            var failures = 0
            for (args, result) in zip(commands, results.all) {
                guard let result else { XCTFail("\(name): `kit \(args.joined(separator: " "))` did not run"); continue }
                runs += 1
                if result.status != 0 { failures += 1 }
                let message = String(decoding: result.stderr, as: UTF8.self)
                for value in Self.planted where message.contains(value) {
                    XCTFail("\(name): `kit \(args.joined(separator: " "))` printed a planted value:\n\(message)")
                }
            }
            XCTAssertGreaterThan(failures, 0, "\(name): nothing failed, so the case tests nothing")
        }
        XCTAssertGreaterThan(runs, 150)
    }

    func testCreateHidesLiterals() throws {
        for literal in ["PLANTED-hunter2", "=PLANTED-hunter2"] {
            let result = try runKit(["create", "secret", "generic", "s", "--from-literal=\(literal)"])
            XCTAssertEqual(result.status, 2)
            let message = String(decoding: result.stderr, as: UTF8.self)
            XCTAssertFalse(message.contains("PLANTED"), message)
        }
    }
}

/// Results of concurrent runs, stored under a lock.
final class Results: @unchecked Sendable {
    private var items: [KitResult?]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func store(_ i: Int, _ r: KitResult?) { lock.lock(); items[i] = r; lock.unlock() }
    var all: [KitResult?] { lock.lock(); defer { lock.unlock() }; return items }
}
