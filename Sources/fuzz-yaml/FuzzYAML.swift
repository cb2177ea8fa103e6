import FuzzSupport
import KitCore

// The YAML reader, with kit's and kustomize's options: never a crash, every error positioned.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    check(Fuzz.bytes(data, size))
    return 0
}

func check(_ input: [UInt8]) {
    var exact = YAMLReader.Options(positions: true)
    exact.keepNumberText = true
    for options in [exact, .kustomizeResources, .goYAMLv2] {
        do {
            for document in try YAMLReader.read(input, file: "in.yaml", options: options) {
                _ = document.positions?.location(of: [.key("a"), .index(0)], in: document.value)
            }
        } catch {
            Fuzz.requireLocation(error, "YAMLReader.read")
        }
    }
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(check) } }
#endif
