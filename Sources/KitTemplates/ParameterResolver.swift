import KitCore

/// The values given for a template's parameters: a values file and `--set NAME=VALUE`
/// assignments (which win over the file, the later over the earlier).
public struct ParameterInput: Sendable {
    /// `NAME=VALUE` texts, in command-line order.
    public var assignments: [String]
    /// A YAML (or JSON) mapping from parameter names to values, and the name to report it by.
    public var valuesFile: (path: String, bytes: [UInt8])?

    public init(assignments: [String] = [], valuesFile: (path: String, bytes: [UInt8])? = nil) {
        self.assignments = assignments
        self.valuesFile = valuesFile
    }
}

/// Every parameter of a template with its value, in declaration order.
public struct ResolvedParameters: Sendable {
    public var values: [(parameter: TemplateParameter, value: ParameterValue)]
    /// Names of the secret parameters whose values kit generated.
    public var generated: Set<String>

    /// The value of parameter `name`.
    public func value(of name: String) -> ParameterValue? {
        values.first { $0.parameter.name == name }?.value
    }
}

/// Checks the values given for a template and completes them with defaults and generated
/// secrets. Every problem is reported at once; a value shown in a message is never a secret's.
public enum ParameterResolver {
    /// Length of a generated secret: 32 letters and digits (about 190 bits).
    public static let generatedSecretLength = 32
    static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)

    /// The template's parameters with values: given ones (checked), defaults, and generated
    /// secrets drawn from `random` (use `SystemRandomNumberGenerator`, the system's secure
    /// source, except in tests).
    public static func resolve<R: RandomNumberGenerator>(
        _ template: Template, input: ParameterInput, random: inout R
    ) throws(ParameterProblems) -> ResolvedParameters {
        var problems: [ParameterProblem] = []
        // The value given for each parameter, and where it was given.
        var given: [String: (value: ParameterValue, location: SourceLocation?, origin: String?)] = [:]

        if let file = input.valuesFile {
            readValuesFile(file.path, file.bytes, template: template, into: &given, problems: &problems)
        }
        for assignment in input.assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                problems.append(ParameterProblem(parameter: nil, message: "--set \(assignment.prefix(64)): expected NAME=VALUE"))
                continue
            }
            let name = String(assignment[..<equals])
            let text = String(assignment[assignment.index(after: equals)...])
            guard let parameter = template.parameter(name) else {
                problems.append(unknownParameter(name, in: template, location: nil, origin: "--set"))
                continue
            }
            switch parameter.value(fromText: text) {
            case .success(let value): given[name] = (value, nil, "--set")
            case .failure(var problem):
                problem.origin = "--set"
                problems.append(problem)
            }
        }

        var values: [(parameter: TemplateParameter, value: ParameterValue)] = []
        var generated: Set<String> = []
        for parameter in template.parameters {
            if let (value, location, origin) = given[parameter.name] {
                for var problem in parameter.problems(with: value) {
                    problem.location = location
                    problem.origin = origin
                    problems.append(problem)
                }
                values.append((parameter, value))
            } else if let value = parameter.defaultValue {
                values.append((parameter, value))
            } else if parameter.secret {
                guard let value = generateSecret(for: parameter, random: &random) else {
                    problems.append(parameter.problem("cannot generate a value that matches the pattern \(parameter.pattern ?? ""); give one"))
                    continue
                }
                values.append((parameter, .string(value)))
                generated.insert(parameter.name)
            } else {
                let how = parameter.type == .list ? "--set \(parameter.name)=A,B" : "--set \(parameter.name)=VALUE"
                let help = parameter.help.isEmpty ? "" : " — \(firstSentence(parameter.help))"
                problems.append(parameter.problem("a value is required: give it with \(how) or in a values file\(help)"))
            }
        }
        if !problems.isEmpty { throw ParameterProblems(template: template.name, problems: problems) }
        return ResolvedParameters(values: values, generated: generated)
    }

    /// A random secret for `parameter` that passes its checks, or nil when 100 tries fail.
    static func generateSecret<R: RandomNumberGenerator>(for parameter: TemplateParameter, random: inout R) -> String? {
        for _ in 0..<100 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<generatedSecretLength {
                scalars.append(secretAlphabet[Int(random.next(upperBound: UInt64(secretAlphabet.count)))])
            }
            let candidate = String(scalars)
            if parameter.problems(with: .string(candidate)).isEmpty { return candidate }
        }
        return nil
    }

    static func readValuesFile(
        _ path: String, _ bytes: [UInt8], template: Template,
        into given: inout [String: (value: ParameterValue, location: SourceLocation?, origin: String?)],
        problems: inout [ParameterProblem]
    ) {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader.read(bytes, file: path, options: YAMLReader.Options(positions: true))
        } catch let error as KitError {
            problems.append(ParameterProblem(parameter: nil, message: error.message, location: error.location))
            return
        } catch {
            problems.append(ParameterProblem(parameter: nil, message: "\(path): \(error)"))
            return
        }
        let nonEmpty = documents.filter { !$0.isEmpty && !$0.value.isNull }
        guard nonEmpty.count <= 1 else {
            problems.append(ParameterProblem(parameter: nil, message: "a values file holds one mapping, not several documents", location: nonEmpty[1].location))
            return
        }
        guard let document = nonEmpty.first else { return }
        guard case .object(let object) = document.value else {
            problems.append(ParameterProblem(parameter: nil, message: "a values file holds a mapping of parameter names to values, not \(article(document.value.typeName))", location: document.location))
            return
        }
        for (name, value) in object {
            let location = document.positions?.location(of: [.key(name)], in: document.value)
            guard let parameter = template.parameter(name) else {
                let keyLocation = document.positions.flatMap { tree in object.position(of: name).flatMap { $0 < tree.keys.count ? tree.keys[$0] : nil } }
                problems.append(unknownParameter(name, in: template, location: keyLocation ?? location, origin: nil))
                continue
            }
            switch parameter.value(from: value) {
            case .success(let typed): given[name] = (typed, location, nil)
            case .failure(var problem):
                problem.location = location
                problems.append(problem)
            }
        }
    }

    static func unknownParameter(_ name: String, in template: Template, location: SourceLocation?, origin: String?) -> ParameterProblem {
        let names = template.parameters.map(\.name)
        let shown = name.count > 64 ? String(name.prefix(64)) + "…" : name
        var message = "not a parameter of template \(template.name)"
        if let close = closestName(to: name, in: names) {
            message += "; did you mean \(close)?"
        } else if !names.isEmpty {
            message += " (its parameters: \(names.joined(separator: ", ")))"
        } else {
            message += " (it has none)"
        }
        return ParameterProblem(parameter: shown, message: message, location: location, origin: origin)
    }

    /// The name closest to `name` when it is a likely misspelling: same letters in another
    /// case, or at most two edits away (one for short names).
    static func closestName(to name: String, in names: [String]) -> String? {
        if let same = names.first(where: { $0.lowercased() == name.lowercased() }) { return same }
        let limit = name.count <= 4 ? 1 : 2
        var best: (name: String, distance: Int)? = nil
        for candidate in names {
            let d = editDistance(Array(name.lowercased().unicodeScalars), Array(candidate.lowercased().unicodeScalars), limit: limit)
            if d <= limit && d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// Edits (insertions, deletions, substitutions, swaps of neighbours) between `a` and `b`
    /// (optimal string alignment), or `limit + 1` once it is certainly above `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            var rowMinimum = Int.max
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, d[i][j])
            }
            if rowMinimum > limit { return limit + 1 }
        }
        return d[a.count][b.count]
    }

    static func firstSentence(_ text: String) -> String {
        guard let end = text.range(of: ". ") else { return text.hasSuffix(".") ? String(text.dropLast()) : text }
        return String(text[..<end.lowerBound])
    }
}
