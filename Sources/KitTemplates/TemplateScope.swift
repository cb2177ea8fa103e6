import KitCore
import Mustache

/// A string parameter as Mustache sees it: rendered as its text, false in a section when
/// empty (so `{{#storageClass}}…{{/storageClass}}` leaves out an empty value), and with the
/// transform `quoted`: `{{quoted(command)}}` renders a YAML double-quoted scalar (JSON
/// escapes), safe for any text in any YAML position.
struct TemplateText: MustacheCustomRenderable, MustacheTransformable, MustacheParent {
    let text: String
    let recorder: LookupRecorder

    var renderText: String { text }
    var isNull: Bool { text.isEmpty }

    func transform(_ name: String) -> Any? {
        switch name {
        case "quoted":
            // JSON's string syntax is a subset of YAML's double-quoted scalars.
            let quoted = (try? JSONWriter().string(.string(text))) ?? "\"\""
            return TemplateText(text: quoted, recorder: recorder)
        default:
            recorder.unknownTransforms.insert(name)
            return nil
        }
    }

    /// A text has no named children: names inside its section are looked up further out.
    func child(named: String) -> Any? { nil }
}

/// Names a template looked up that are not parameters, and transforms it named that do not
/// exist: Mustache renders both as empty text, kit reports them as template errors.
final class LookupRecorder {
    var unknownNames: Set<String> = []
    var unknownTransforms: Set<String> = []
}

/// The outermost Mustache context: the parameters by name.
struct TemplateScope: MustacheParent {
    let values: [String: Any]
    let recorder: LookupRecorder

    init(_ parameters: [(TemplateParameter, ParameterValue)], recorder: LookupRecorder) {
        var values: [String: Any] = [:]
        for (parameter, value) in parameters {
            switch value {
            case .string(let s): values[parameter.name] = TemplateText(text: s, recorder: recorder)
            case .integer(let i): values[parameter.name] = i
            case .boolean(let b): values[parameter.name] = b
            case .list(let items): values[parameter.name] = items.map { TemplateText(text: $0, recorder: recorder) }
            }
        }
        self.values = values
        self.recorder = recorder
    }

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        recorder.unknownNames.insert(name)
        return nil
    }
}
