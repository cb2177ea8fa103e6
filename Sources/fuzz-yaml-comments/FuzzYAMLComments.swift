import FuzzSupport
import KitCore

// kit fmt keeps comments: for any YAML kit reads, formatting it with its comments (keys kept
// or sorted) succeeds whenever formatting without them does, gives the same data as without
// them (fuzz-yaml-roundtrip checks that this is the input's), keeps every comment, and
// formatting the result again changes nothing.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLComments(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    check(Fuzz.bytes(data, size))
    return 0
}

func check(_ input: [UInt8]) {
    var options = YAMLReader.Options()
    options.keepNumberText = true
    guard let read = try? DocumentReader.read(input, file: "in.yaml", yamlOptions: options), read.format == .yaml else { return }
    let values = read.documents.map(\.value)
    let comments: [YAMLCommentMap]
    do {
        comments = try YAMLCommentReader.read(input, file: "in.yaml")
    } catch {
        Fuzz.fail("kit reads the YAML but not its comments: \(error)")
    }
    Fuzz.require(comments.isEmpty || comments.count == values.count, "\(comments.count) comment maps for \(values.count) documents")
    for order in [YAMLWriter.KeyOrder.preserved, .sorted] {
        let writer = YAMLWriter(keyOrder: order, valueRules: .lossless)
        // Without comments (a value no YAML holds is refused: not about comments).
        guard let plain = try? writer.stream(values),
            let expected = try? DocumentReader.read(plain, file: "plain.yaml", yamlOptions: options)
        else { continue }
        let once: [UInt8]
        do {
            once = try writer.stream(values, comments: comments)
        } catch {
            Fuzz.fail("formatting with comments failed: \(error)")
        }
        let text = String(decoding: once, as: UTF8.self)
        guard let back = try? DocumentReader.read(once, file: "out.yaml", yamlOptions: options) else {
            Fuzz.fail("kit cannot read what it formatted:\n\(text)")
        }
        Fuzz.require(
            back.documents.count == expected.documents.count
                && zip(back.documents, expected.documents).allSatisfy { Fuzz.same($0.value, $1.value) },
            "formatting with comments changed the data:\n\(text)")
        for comment in comments.flatMap(\.allComments) {
            Fuzz.require(text.contains(comment), "comment \(comment) lost:\n\(text)")
        }
        let again: [UInt8]
        do {
            again = try writer.stream(back.documents.map(\.value), comments: try YAMLCommentReader.read(once, file: "out.yaml"))
        } catch {
            Fuzz.fail("formatting the output again failed: \(error)\n\(text)")
        }
        Fuzz.require(again == once, "not idempotent:\n\(text)\n--- then:\n\(String(decoding: again, as: UTF8.self))")
    }
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(check) } }
#endif
