import FuzzSupport
import KitCore

// What kit writes reads back as what it read (fmt, convert): a document read with
// `keepNumberText`, written by the lossless YAML writer, reads back identical; written as
// JSON and read again it is equal. Kustomize's writer either writes or refuses with a path.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLRoundTrip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    check(Fuzz.bytes(data, size))
    return 0
}

func check(_ input: [UInt8]) {
    var options = YAMLReader.Options()
    options.keepNumberText = true
    guard let documents = try? YAMLReader.read(input, file: "in.yaml", options: options) else { return }
    let values = documents.map(\.value)
    let writer = YAMLWriter(keyOrder: .preserved, valueRules: .lossless)
    for value in values {
        let text: [UInt8]
        do {
            text = try writer.document(value)
        } catch let error as KitError {
            // Only a number no YAML float holds is refused, and the path is named.
            Fuzz.require(error.message.contains("beyond what a YAML float holds") && error.valuePath != nil, error.message)
            continue
        } catch {
            Fuzz.fail("YAMLWriter threw \(error)")
        }
        let back: [YAMLDocument]
        do {
            back = try YAMLReader.read(text, file: "out.yaml", options: options)
        } catch {
            Fuzz.fail("kit cannot read its own YAML: \(error)\n--- wrote:\n\(String(decoding: text, as: UTF8.self))")
        }
        Fuzz.require(back.count == 1, "one value became \(back.count) documents:\n\(String(decoding: text, as: UTF8.self))")
        Fuzz.require(same(back[0].value, value), "value changed through kit's YAML:\n\(String(decoding: text, as: UTF8.self))")
    }
    for sorted in [YAMLWriter(keyOrder: .sorted), YAMLWriter(keyOrder: .sorted, valueRules: .lossless)] {
        do {
            _ = try sorted.stream(values)
        } catch let error as KitError {
            Fuzz.require(error.valuePath != nil, "a refused value without its path: \(error.message)")
        } catch {
            Fuzz.fail("YAMLWriter threw \(error)")
        }
    }
}

/// Equal values with the same key order and strings; a decimal keeps its text; NaN is NaN.
func same(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.object(let x), .object(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
    case (.array(let x), .array(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.decimal(let x), .decimal(let y)):
        return x.text == y.text
    default:
        if let x = a.doubleValue, let y = b.doubleValue, x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
        return a == b
    }
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(check) } }
#endif
