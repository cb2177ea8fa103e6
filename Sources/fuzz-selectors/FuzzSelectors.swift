import FuzzSupport
import KitModel

// Label and field selectors (kubectl -l / --field-selector): parsing never crashes, and a
// parsed selector prints as text that parses back to the same selector and matches alike.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSelectors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    check(Fuzz.bytes(data, size))
    return 0
}

func check(_ input: [UInt8]) {
    let text = String(decoding: input, as: UTF8.self)
    let labels = ["app": "web", "tier": "front", "x": ""]
    if let selector = try? LabelSelector(parsing: text) {
        guard let again = try? LabelSelector(parsing: selector.description) else {
            Fuzz.fail("label selector \(selector.description.debugDescription) does not parse back")
        }
        Fuzz.require(again.matches(labels) == selector.matches(labels), "label selector printed differently: \(selector)")
    }
    let fields = ["metadata.name": "web", "status.phase": "Running", "spec.nodeName": ""]
    if let selector = try? FieldSelector(parsing: text) {
        guard let again = try? FieldSelector(parsing: selector.description) else {
            Fuzz.fail("field selector \(selector.description.debugDescription) does not parse back")
        }
        Fuzz.require(again.matches(fields) == selector.matches(fields), "field selector printed differently: \(selector)")
    }
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(check) } }
#endif
