import FuzzSupport
import KitCore

// The JSON reader (strict, and jq's lenient mode) and the document reader that tells JSON
// from YAML: never a crash, every error positioned, what reads writes back to the same value.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    check(Fuzz.bytes(data, size))
    return 0
}

func check(_ input: [UInt8]) {
    for options in [JSONReader.Options(), JSONReader.Options(allowNonFinite: true, repairUTF8: true)] {
        do {
            var values: [Value] = []
            try JSONReader.forEachValue(input, file: "in.json", options: options) { values.append($0) }
            let text = try JSONWriter().stream(values)
            var again: [Value] = []
            try JSONReader.forEachValue(text, file: "out.json", options: options) { again.append($0) }
            Fuzz.require(again.count == values.count, "JSON output has \(again.count) values, input had \(values.count)")
            for (a, b) in zip(values, again) where a != b && !(a.doubleValue?.isNaN ?? false) && a.doubleValue?.isFinite != false {
                Fuzz.fail("JSON value changed on the way through the writer")
            }
        } catch {
            Fuzz.requireLocation(error, "JSONReader")
        }
    }
    do {
        _ = try DocumentReader.read(input, file: "-")
    } catch {
        Fuzz.requireLocation(error, "DocumentReader.read")
    }
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(check) } }
#endif
