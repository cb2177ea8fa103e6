import Foundation
import XCTest

@testable import KitCore

/// Comments sprinkled over every YAML file of the fixture corpora at random (seeded, so
/// reproducible) positions — whole lines at any indentation, with or without blank lines
/// around them, and ends of lines — keeping only the insertions that leave the data as it
/// was (a `#` inside a block scalar is text, not a comment). Each variant, with keys kept
/// and sorted, must format idempotently, keep its data and keep every comment.
final class YAMLCommentPropertyTests: XCTestCase {
    func testSprinkledCommentsAcrossTheCorpora() throws {
        var generator = SplitMix64(seed: 0x6B69_7466_6D74)
        var files: [(name: String, bytes: [UInt8])] = []
        for directory in ["kustomize-corpus", "kustomize-corpus-errors", YAMLCommentTests.directory] {
            for name in try fixtureFiles(directory)
            where name.hasSuffix(".yaml") && !name.hasSuffix(".golden.yaml") && !name.hasSuffix(".formatted.yaml") && !name.hasSuffix(".sorted.yaml") {
                files.append(("\(directory)/\(name)", try fixtureBytes("\(directory)/\(name)")))
            }
        }
        var variants = 0
        var comments = 0
        for (index, file) in files.enumerated() {
            // Only what kit fmt formats: readable YAML with at least one document.
            guard let input = try? DocumentReader.read(file.bytes, file: file.name, yamlOptions: CommentCheck.options),
                input.format == .yaml
            else { continue }
            var sprinkled = Sprinkler(text: file.bytes, values: input.documents.map(\.value), file: file.name)
            sprinkled.sprinkle(using: &generator)
            if index % 3 == 0 { sprinkled.useCRLF() }
            guard !sprinkled.inserted.isEmpty else { continue }
            for sorted in [false, true] {
                try CommentCheck.assertFormatterProperties(sprinkled.text, file: file.name, sorted: sorted, expectedComments: sprinkled.inserted)
            }
            variants += 1
            comments += sprinkled.inserted.count
        }
        print("sprinkled \(comments) comments over \(variants) files")
        XCTAssertGreaterThan(variants, 150)
        XCTAssertGreaterThan(comments, 1000)
    }
}

/// Inserts comments into a YAML text, keeping an insertion only when the text still reads
/// as the same data.
struct Sprinkler {
    var lines: [[UInt8]]
    let values: [Value]
    let file: String
    var inserted: [String] = []
    var crlf = false

    init(text: [UInt8], values: [Value], file: String) {
        lines = text.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        self.values = values
        self.file = file
    }

    var text: [UInt8] {
        var out: [UInt8] = []
        for line in lines {
            out += line
            if crlf { out.append(0x0D) }
            out.append(0x0A)
        }
        return out
    }

    mutating func sprinkle(using generator: inout SplitMix64) {
        let attempts = max(6, lines.count / 3)
        for _ in 0..<attempts {
            let id = "c\(generator.next() % 1_000_000)~"
            let flavours = ["# \(id)", "#\(id)", "# \(id) key: value", "# - \(id)", "# \(id) # a hash", "#\t\(id) tab"]
            let comment = flavours[Int(generator.next() % UInt64(flavours.count))]
            var candidate = lines
            let at = Int(generator.next() % UInt64(lines.count + 1))
            switch generator.next() % 3 {
            case 0, 1:
                // A whole line at the indentation of the line below or above, deeper, or anywhere.
                let below = at < lines.count ? Self.indentation(lines[at]) : 0
                let above = at > 0 ? Self.indentation(lines[at - 1]) : 0
                let indents = [0, below, above, below + 2, Int(generator.next() % 9)]
                let indent = indents[Int(generator.next() % UInt64(indents.count))]
                var block: [[UInt8]] = [Array(repeating: 0x20, count: indent) + Array(comment.utf8)]
                if generator.next() % 4 == 0 { block.insert([], at: 0) }
                if generator.next() % 4 == 0 { block.append([]) }
                candidate.insert(contentsOf: block, at: at)
            default:
                guard at < lines.count, !lines[at].isEmpty else { continue }
                let separators = [" ", "  ", "\t", "    "]
                candidate[at] += Array((separators[Int(generator.next() % 4)] + comment).utf8)
            }
            if reads(candidate) {
                lines = candidate
                inserted.append(comment)
            }
        }
    }

    /// Line ends become CR LF, if the text still reads the same.
    mutating func useCRLF() {
        crlf = true
        if !reads(lines) { crlf = false }
    }

    func reads(_ candidate: [[UInt8]]) -> Bool {
        var copy = self
        copy.lines = candidate
        guard let read = try? DocumentReader.read(copy.text, file: file, yamlOptions: CommentCheck.options),
            read.documents.count == values.count
        else { return false }
        return zip(read.documents, values).allSatisfy { RoundTrip.identical($0.value, $1) }
    }

    static func indentation(_ line: [UInt8]) -> Int {
        line.prefix(while: { $0 == 0x20 }).count
    }
}

/// A small seeded generator (SplitMix64), so that every run tries the same variants.
struct SplitMix64: RandomNumberGenerator {
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
