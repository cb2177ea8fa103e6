import KitCore
import KitModel

/// The type of a template parameter: what values it takes and how `--set` text is read.
public enum ParameterType: String, Sendable, CaseIterable, CustomStringConvertible {
    /// One line of text (no control characters).
    case string
    /// A whole number (`--set replicas=3`).
    case integer
    /// `true` or `false`.
    case boolean
    /// A Kubernetes resource quantity (`250m`, `512Mi`, `20Gi`), checked as the API server parses it.
    case quantity
    /// A list of strings (`--set subnets=subnet-a,subnet-b`, or a YAML list in a values file).
    case list

    public var description: String { rawValue }
}

/// A parameter's value, typed by its `ParameterType` (quantities are `.string`).
public enum ParameterValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case list([String])

    /// The value as a user writes it after `--set NAME=`.
    public var description: String {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .boolean(let b): return b ? "true" : "false"
        case .list(let items): return items.joined(separator: ",")
        }
    }

    /// The strings a pattern or the control-character rule is checked against.
    var texts: [String] {
        switch self {
        case .string(let s): return [s]
        case .list(let items): return items
        case .integer, .boolean: return []
        }
    }
}

/// One parameter of a template, as `template.yaml` declares it.
public struct TemplateParameter: Sendable {
    /// The name used with `--set NAME=VALUE`, in values files and as `{{NAME}}` in the files.
    public var name: String
    public var type: ParameterType
    /// The value used when none is given; nil makes the parameter required (or, for a secret,
    /// generated).
    public var defaultValue: ParameterValue?
    /// The only values accepted (for a list: the only items), when set.
    public var allowed: [ParameterValue]?
    /// A regular expression every string (every item of a list) must match as a whole.
    public var pattern: String?
    /// Bounds of an integer.
    public var minimum: Int?
    public var maximum: Int?
    /// A secret is never printed; when not given, a random value is generated.
    public var secret: Bool
    /// One or two sentences for `--list-params`.
    public var help: String

    public init(
        name: String, type: ParameterType, defaultValue: ParameterValue? = nil, allowed: [ParameterValue]? = nil,
        pattern: String? = nil, minimum: Int? = nil, maximum: Int? = nil, secret: Bool = false, help: String = ""
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.allowed = allowed
        self.pattern = pattern
        self.minimum = minimum
        self.maximum = maximum
        self.secret = secret
        self.help = help
    }

    /// True when a value must be given: no default, and not a secret kit can generate.
    public var isRequired: Bool { defaultValue == nil && !secret }

    /// The value `text` (what follows `--set NAME=`) stands for, or why it does not fit the type.
    public func value(fromText text: String) -> Result<ParameterValue, ParameterProblem> {
        switch type {
        case .string, .quantity:
            return .success(.string(text))
        case .integer:
            guard let i = Int(text) else { return .failure(problem("\(shown(text)) is not an integer")) }
            return .success(.integer(i))
        case .boolean:
            switch text {
            case "true": return .success(.boolean(true))
            case "false": return .success(.boolean(false))
            default: return .failure(problem("\(shown(text)) is not a boolean (true or false)"))
            }
        case .list:
            return .success(.list(text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    /// The value a YAML/JSON value (from a values file or `template.yaml`) stands for, or why it
    /// does not fit the type. Integers and booleans are accepted as a string's text (`8`, not
    /// `8.0`), but a floating-point number is refused: its text is not what was written.
    public func value(from value: Value) -> Result<ParameterValue, ParameterProblem> {
        switch (type, value) {
        case (.string, .string(let s)), (.quantity, .string(let s)):
            return .success(.string(s))
        case (.string, .int(let i)), (.quantity, .int(let i)):
            return .success(.string(String(i)))
        case (.string, .bool(let b)):
            return .success(.string(b ? "true" : "false"))
        case (.integer, .int(let i)):
            return .success(.integer(i))
        case (.boolean, .bool(let b)):
            return .success(.boolean(b))
        case (.list, .array(let items)):
            var strings: [String] = []
            for item in items {
                switch item {
                case .string(let s): strings.append(s)
                case .int(let i): strings.append(String(i))
                default: return .failure(problem("a list item is \(article(item.typeName)), not a string"))
                }
            }
            return .success(.list(strings))
        case (.string, .double), (.string, .decimal), (.quantity, .double), (.quantity, .decimal):
            return .failure(problem("a number with a fraction is not a \(type) as written; quote it"))
        default:
            return .failure(problem("expected \(article(type.rawValue)), not \(article(value.typeName))"))
        }
    }

    /// Every reason `value` is not acceptable (empty when it is).
    public func problems(with value: ParameterValue) -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        for text in value.texts {
            if let bad = text.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                let what = bad == "\n" || bad == "\r" ? "a line break" : "a control character"
                problems.append(problem(secret ? "the value contains \(what)" : "\(shown(text)) contains \(what)"))
            }
        }
        switch (type, value) {
        case (.integer, .integer(let i)):
            if let minimum, i < minimum { problems.append(problem("\(i) is less than the minimum \(minimum)")) }
            if let maximum, i > maximum { problems.append(problem("\(i) is more than the maximum \(maximum)")) }
        case (.quantity, .string(let s)):
            do {
                _ = try Quantity(parsing: s)
            } catch {
                problems.append(problem("\(shown(s)) is not a quantity (such as 250m, 512Mi or 20Gi)"))
            }
        case (.list, .list(let items)):
            if items.isEmpty && defaultValue == nil { problems.append(problem("at least one item is required")) }
        default:
            break
        }
        if let allowed {
            let candidates: [ParameterValue] = {
                if case .list(let items) = value { return items.map { .string($0) } }
                return [value]
            }()
            for candidate in candidates where !allowed.contains(candidate) {
                let choices = allowed.map(\.description).joined(separator: ", ")
                problems.append(problem("\(secret ? "the value" : shown(candidate.description)) is not one of \(choices)"))
            }
        }
        if let pattern, !value.texts.isEmpty, let regex = try? Regex(pattern) {
            for text in value.texts where (try? regex.wholeMatch(in: text)) == nil {
                let subject = secret ? "the value" : shown(text)
                problems.append(problem("\(subject) does not match the pattern \(pattern)"))
            }
        }
        return problems
    }

    /// A value in a message: quoted, and hidden for a secret.
    func shown(_ text: String) -> String {
        secret ? "the value" : "\"\(text)\""
    }

    func problem(_ message: String) -> ParameterProblem {
        ParameterProblem(parameter: name, message: message)
    }
}

/// One thing wrong with the parameters given to a template.
public struct ParameterProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter the problem is about (nil when it is about the input as a whole).
    public var parameter: String?
    public var message: String
    /// Where the value was written (a values file), when known.
    public var location: SourceLocation?
    /// Where the value came from when it was not a file (`--set`).
    public var origin: String?

    public init(parameter: String?, message: String, location: SourceLocation? = nil, origin: String? = nil) {
        self.parameter = parameter
        self.message = message
        self.location = location
        self.origin = origin
    }

    /// `FILE:LINE:COL: NAME: message`, or `--set NAME: message`.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        if let origin { text += "\(origin) " }
        if let parameter { text += "\(parameter): " }
        return text + message
    }
}

/// Everything wrong with the parameters given to a template, reported together.
public struct ParameterProblems: Error, Sendable, CustomStringConvertible {
    public var template: String
    public var problems: [ParameterProblem]

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// `a string`, `an integer`, `an object`…
func article(_ noun: String) -> String {
    guard let first = noun.unicodeScalars.first else { return noun }
    return ("aeiou".unicodeScalars.contains(first) ? "an " : "a ") + noun
}
