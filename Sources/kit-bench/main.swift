// kit-bench: measures KitCore's readers and writers in isolation, for bench/core.py.
//
//   kit-bench parse-json FILE     time to parse (best of --repeat runs)
//   kit-bench parse-yaml FILE
//   kit-bench emit-json FILE      time to write the parsed value as JSON (jq style)
//   kit-bench emit-yaml FILE      time to write the parsed documents as YAML (sorted keys)
//   kit-bench memory FILE         heap bytes held by the parsed value (glibc mallinfo2)
//
// Prints one JSON object: {"op":…,"bytes":input size,"seconds":…,"heap":…}.
import CHeapStats
import KitCore

#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    FileHandleStderr.write("kit-bench: \(message)\n")
    exit(2)
}

enum FileHandleStderr {
    static func write(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

func heapInUse() -> Int {
    Int(kit_heap_in_use())
}

func parse(_ bytes: [UInt8], file: String) throws -> [Value] {
    try DocumentReader.read(bytes, file: file).documents.map(\.value)
}

func best(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    var bestSeconds = Double.infinity
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        let d = try clock.measure(body)
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        bestSeconds = min(bestSeconds, s)
    }
    return bestSeconds
}

var args = Array(CommandLine.arguments.dropFirst())
var repeats = 3
if let i = args.firstIndex(of: "--repeat"), i + 1 < args.count {
    repeats = Int(args[i + 1]) ?? 3
    args.removeSubrange(i...(i + 1))
}
guard args.count == 2 else { fail("usage: kit-bench parse-json|parse-yaml|emit-json|emit-yaml|memory FILE [--repeat N]") }
let (op, file) = (args[0], args[1])

do {
    let bytes = try FileIO.read(file)
    var seconds = 0.0
    var heap = 0
    switch op {
    // Results are kept until after the clock stops: freeing them is not parsing.
    case "parse-json":
        var kept: [Value] = []
        seconds = try best(repeats) { kept.append(try JSONReader.read(bytes, file: file)) }
        withExtendedLifetime(kept) {}
    case "parse-yaml":
        var kept: [[YAMLDocument]] = []
        seconds = try best(repeats) { kept.append(try YAMLReader.read(bytes, file: file)) }
        withExtendedLifetime(kept) {}
    case "emit-json":
        let values = try parse(bytes, file: file)
        let writer = JSONWriter()
        seconds = try best(repeats) {
            var out: [UInt8] = []
            for v in values { try writer.write(v, to: &out) }
        }
    case "emit-yaml":
        let values = try parse(bytes, file: file)
        let writer = YAMLWriter(keyOrder: .sorted)
        seconds = try best(repeats) { _ = try writer.stream(values) }
    case "memory":
        let before = heapInUse()
        let values = try parse(bytes, file: file)
        heap = heapInUse() - before
        withExtendedLifetime(values) {}
    default:
        fail("unknown operation \(op)")
    }
    print(#"{"op":"\#(op)","bytes":\#(bytes.count),"seconds":\#(seconds),"heap":\#(heap)}"#)
} catch {
    fail("\(error)")
}
