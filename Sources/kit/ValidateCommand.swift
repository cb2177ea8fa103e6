import ArgumentParser
import KitCore
import KitRender
import KitValidate

#if canImport(Glibc)
import Glibc
#endif

extension ReportFormat: ExpressibleByArgument {}

/// `--fail-on`: the lowest severity that fails the run.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, none
}

struct ValidateCommand: KitCommand {
    static let overview = "checks manifests against the Kubernetes schemas and lint rules, and compose projects against ECS's rules"

    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate manifests: syntax, Kubernetes schemas, values, cross-object references and lint rules.",
        discussion: HelpText.discussion(
            """
            Checks files, directories (every .yaml, .yml and .json below, kustomization files \
            skipped), standard input ('-'), rendered kustomizations (-k DIR) and compose \
            projects with their ecs-params.yml (--compose DIR), offline, \
            against the Kubernetes schema compiled into kit (v1.37.0; --kubernetes-version 1.32 \
            picks the other bundled version). CustomResourceDefinitions in the input validate \
            their custom resources; --schema-location adds JSON schemas (kubeconform's layout). \
            'kubectl get -o json' Lists are checked item by item.

            Rule families (--rules, default all): syntax, schema (types, required and unknown \
            fields, as kubernetes-validate and kubeconform check them), values (formats, \
            ranges, names, enumerations the API server enforces), refs (ConfigMaps, Secrets, \
            claims, service accounts, selectors, Ingress backends, HPA targets, role bindings, \
            duplicates) and lint (images, resources, probes, security settings, deprecated \
            APIs). 'kit validate --list-rules' lists every rule; --explain RULE documents one. \
            Silence a rule with --disable RULE or on one object with the annotation \
            kit.dev/ignore: RULE,RULE (a family name silences the family).

            Findings read FILE:LINE:COL: severity: rule: path: message [Kind/name]. Reports: \
            -o text (default; colour on a terminal unless NO_COLOR is set), json, junit, github \
            (workflow annotations), sarif (code scanning), tap.

            The exit status is 1 when a finding reaches --fail-on (default: error; a file \
            that does not parse is a finding), 2 on usage errors and unreadable paths.
            """,
            examples: [
                "kit validate deploy/  # every manifest below deploy/",
                "kit validate --strict --rules schema app.yaml",
                "kit validate -k overlays/prod --closed-world",
                "kit validate --compose examples/ecs-fargate --launch-type FARGATE",
                "kubectl get deploy -A -o json | kit validate -",
                "kit validate -o sarif . > kit.sarif",
                "kit validate --explain latest-tag",
            ])
    )

    @Argument(help: "Files or directories to validate ('-' for standard input).", completion: .file())
    var paths: [String] = []

    @Option(name: .customShort("k"), help: ArgumentHelp("Render the kustomization in DIR and validate the result (repeatable).", valueName: "DIR"), completion: .directory)
    var kustomizations: [String] = []

    @Option(name: .long, help: ArgumentHelp("Check the docker-compose project in DIR and its ecs-params.yml (repeatable).", valueName: "DIR"),
            completion: .directory)
    var compose: [String] = []

    @Option(name: .long, help: ArgumentHelp("For --compose: check the ECS task definition's rules for this launch type (EC2 or FARGATE).", valueName: "TYPE"),
            completion: .list(["EC2", "FARGATE"]))
    var launchType: String?

    @Option(name: .long, help: ArgumentHelp("Rule families to run, comma-separated: syntax,schema,values,refs,lint (default: all).", valueName: "LIST"),
            completion: .custom(Completions.ruleFamilies))
    var rules: String?

    @Flag(name: .long, help: "Unknown fields are errors (as kubectl --validate=strict and kubernetes-validate --strict), not warnings.")
    var strict = false

    @Flag(name: .long, help: "Objects kit has no schema for are errors, not warnings.")
    var requireSchemas = false

    @Flag(name: .long, help: "Cross-object checks assume the input holds every referenced object.")
    var closedWorld = false

    @Option(name: .long, help: ArgumentHelp("Kubernetes version to validate against: 1.37 (default) or 1.32.", valueName: "VERSION"),
            completion: .list(["1.37", "1.32"]))
    var kubernetesVersion: String?

    @Option(name: .long, help: ArgumentHelp("A directory of JSON schemas in kubeconform's layout, or a path template ending in json (repeatable).", valueName: "DIR"), completion: .directory)
    var schemaLocation: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Report format.")
    var output: ReportFormat = .text

    @Option(name: .long, help: "Lowest severity that makes the exit status 1.")
    var failOn: FailOn = .error

    @Option(name: .long, help: ArgumentHelp("Do not report RULE (repeatable, or comma-separated).", valueName: "RULE"),
            completion: .custom(Completions.ruleIDs))
    var disable: [String] = []

    @Flag(name: .long, help: "List every rule with its family, severity and summary, and exit.")
    var listRules = false

    @Option(name: .long, help: ArgumentHelp("Print the documentation of RULE and exit.", valueName: "RULE"),
            completion: .custom(Completions.ruleIDs))
    var explain: String?

    @Option(name: .long, help: "For -k: whether files outside the kustomization may be read.")
    var loadRestrictor: LoadRestrictorOption = .LoadRestrictionsRootOnly

    func validate() throws {
        if listRules || explain != nil { return }
        guard !paths.isEmpty || !kustomizations.isEmpty || !compose.isEmpty else {
            throw ValidationError("give files, directories, '-' for standard input, -k DIR or --compose DIR")
        }
        if let launchType, launchType != "EC2" && launchType != "FARGATE" {
            throw ValidationError("--launch-type must be EC2 or FARGATE, not \(launchType)")
        }
    }

    func run() throws {
        if listRules {
            try writeStdout(Array(RuleDocs.list().utf8))
            return
        }
        if let explain {
            guard let text = RuleDocs.explain(explain) else {
                throw KitError("unknown rule \"\(explain)\"" + Self.hintThen(explain, among: RuleCatalog.all.map(\.id), "'kit validate --list-rules' lists them"))
            }
            try writeStdout(Array(text.utf8))
            return
        }
        var options = ValidateOptions()
        if let rules {
            var families = Set<RuleFamily>()
            for name in rules.split(separator: ",").map({ $0.trimmingCharacters() }) where !name.isEmpty {
                guard let family = RuleFamily(rawValue: name) else {
                    let families = RuleFamily.allCases.map(\.rawValue)
                    throw KitError("unknown rule family \"\(name)\" in --rules" + Self.hintThen(name, among: families, "families: " + families.joined(separator: ", ")))
                }
                families.insert(family)
            }
            options.families = families
        }
        for entry in disable {
            for id in entry.split(separator: ",").map({ $0.trimmingCharacters() }) where !id.isEmpty {
                guard RuleCatalog.rule(id) != nil else {
                    throw KitError("unknown rule \"\(id)\" in --disable" + Self.hintThen(id, among: RuleCatalog.all.map(\.id), "'kit validate --list-rules' lists them"))
                }
                options.disabled.insert(id)
            }
        }
        options.strict = strict
        options.requireSchemas = requireSchemas
        options.closedWorld = closedWorld
        options.kubernetesVersion = kubernetesVersion
        options.schemaLocations = try schemaLocation.map(SchemaLocation.init)
        options.renderOptions = RenderOptions(loadRestriction: loadRestrictor == .LoadRestrictionsNone ? .none : .rootOnly)

        options.composeEnvironment = processEnvironment()
        options.composeLaunchType = launchType
        let validator = try Validator(options: options)
        let inputs = paths.map(ValidationInput.path) + kustomizations.map(ValidationInput.kustomization)
            + compose.map(ValidationInput.compose)
        let report = try validator.validate(inputs)
        for warning in report.renderWarnings { printError(warning) }

        var writer = ReportWriter(format: output)
        writer.colour = output == .text && isatty(1) == 1 && (getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true)
        writer.toolVersion = KitVersion.string
        try writeStdout(Array(try writer.render(report).utf8))

        let threshold: Severity?
        switch failOn {
        case .error: threshold = .error
        case .warning: threshold = .warning
        case .info: threshold = .info
        case .none: threshold = nil
        }
        if let threshold, report.fails(at: threshold) { throw FindingsExit(status: 1) }
    }
}

extension ValidateCommand {
    /// `; did you mean "NAME"? then` (the sentence after the question starting in capitals),
    /// or `; then` when no known name is close.
    static func hintThen(_ word: String, among names: [String], _ then: String) -> String {
        let hint = NameSuggestion.hint(for: word, among: names, quote: "\"")
        guard !hint.isEmpty else { return "; " + then }
        return hint + " " + then.prefix(1).uppercased() + then.dropFirst()
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self
        while let f = s.first, f == " " { s = s.dropFirst() }
        while let l = s.last, l == " " { s = s.dropLast() }
        return String(s)
    }
}
