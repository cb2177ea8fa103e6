import ArgumentParser
import Foundation
import KitCore
import KitCreate
import KitJQ
import KitModel
import KitQuery

/// `kit query KIND[,KIND…] [NAME…]`: kubectl get over snapshots, manifests, a kustomization
/// rendered in-process, or (through kubectl) a live cluster. The CLI reads flags and sources;
/// KitQuery selects, sorts and prints.
struct QueryCommand: KitCommand {
    static let overview = "answers 'kubectl get' questions offline, over snapshots, manifests or a kustomization"

    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "List objects like 'kubectl get', over saved snapshots, manifests or a kustomization.",
        discussion: HelpText.discussion(
            """
            KIND is what kubectl get takes: plural, singular, short name or kind (pods, pod, po, \
            Pod), optionally with a group (deployments.apps), several separated by commas \
            (pods,svc), 'all', or TYPE/NAME arguments; custom resources are found through the \
            CustomResourceDefinitions in the input. Without -n, namespaced objects are listed \
            from the 'default' namespace (objects without one count as there), as kubectl does; \
            -A lists every namespace.

            Sources: -f FILE|DIR|- (repeatable; JSON, JSON sequences, YAML streams, 'kubectl get \
            -o json|yaml' output; directories recursively), -k DIR (a kustomization, rendered as \
            'kit render' renders it), --live (runs 'kubectl get KIND -o json'), or standard input \
            when it is not a terminal.

            Output is kubectl's: the API server's tables laid out as kubectl prints them (-o wide, \
            --show-labels, -L, --show-kind, --no-headers), -o json|yaml|name, -o jsonpath=…, \
            -o jsonpath-file=…, -o custom-columns=…, -o custom-columns-file=…; and kit's -o tsv, \
            -o csv (the table's cells, or -o tsv=COLUMNS with JSONPaths or named columns such as \
            name,node,memory), --count and --group-by. --where EXPR keeps the objects a jq \
            expression holds true for; --jq FILTER runs a jq program on what -o json would print \
            (the List, or the one object of 'kit query KIND NAME'), as 'kubectl get -o json | jq \
            FILTER' would (-r, -c as jq's; -o yaml prints the results as YAML).

            Sort keys (--sort KEY[,KEY]; --reverse flips every key):
            \(SortKey.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))

            Errors in a --where or --jq expression are usage errors (exit 2).
            """,
            examples: [
                "kit query pods -A -f snapshot.json",
                "kit query pods -A --sort restarts --limit 10 -f snapshot.json",
                "kit query pods -A --field-selector status.phase!=Running -f snapshot.json",
                "kit query nodes --sort memory -o tsv=name,memory -f nodes.json",
                "kit query pods -A --group-by spec.nodeName -f snapshot.json",
                "kit query pods -A --where '.status.containerStatuses // [] | any(.restartCount > 3)' -f snapshot.json",
                "kit query nodes -r -f nodes.json --jq '.items[] | .status.addresses[] | select(.type == \"InternalIP\").address'",
                "kit query svc -o wide -n jaeger -f snapshot.json",
                "kit query deploy,svc -k overlays/prod",
                "kit query --recipes",
            ])
    )

    @Argument(help: "KIND[,KIND…] and optional NAMEs (or TYPE/NAME arguments).", completion: .custom(Completions.resourceList))
    var arguments: [String] = []

    @Option(name: [.customShort("f"), .customLong("filename")], help: "Read objects from FILE, DIR (recursively) or - (standard input). Repeatable.",
            completion: .file())
    var files: [String] = []

    @Option(name: [.customShort("k"), .customLong("kustomize")], help: "Render the kustomization in DIR (as 'kit render' does) and query its objects.",
            completion: .directory)
    var kustomization: String?

    @Flag(name: .long, help: "Query a live cluster: runs 'kubectl get KIND -o json' (the only place kit runs kubectl).")
    var live = false

    @Option(name: .long, help: "With --live: the kubeconfig context.")
    var context: String?

    @Option(name: .long, help: "With --live: the kubeconfig file.")
    var kubeconfig: String?

    @Option(name: [.short, .long], help: "The namespace (default: 'default').")
    var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List objects of every namespace.")
    var allNamespaces = false

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector (app=web,tier!=db,env in (prod,qa),!canary).")
    var selector: String?

    @Option(name: .customLong("field-selector"), help: "Field selector (status.phase!=Running,spec.nodeName=n1); the fields a server supports per kind.")
    var fieldSelector: String?

    @Option(name: [.short, .long], help: "Output: wide, json, yaml, name, jsonpath=…, jsonpath-file=…, jsonpath-as-json=…, custom-columns=…, custom-columns-file=…, tsv[=COLUMNS], csv[=COLUMNS].")
    var output: String = ""

    @Option(name: .customLong("where"), help: "Keep only the objects for which this jq expression is true (e.g. '.spec.nodeName == \"n1\"').")
    var whereExpression: String?

    @Option(name: .customLong("jq"), help: "Run this jq filter on the List 'kubectl get -o json' prints and print its results as jq does.")
    var jqFilter: String?

    @Flag(name: [.customShort("r"), .customLong("raw-output")], help: "With --jq: strings without quotes (jq -r).")
    var rawOutput = false

    @Flag(name: [.customShort("c"), .customLong("compact-output")], help: "With --jq: one line per result (jq -c).")
    var compactOutput = false

    @Option(name: .customLong("sort-by"), help: "Sort by a JSONPath, exactly as kubectl sorts (e.g. .status.containerStatuses[0].restartCount).")
    var sortBy: String?

    @Option(name: .long, help: "Sort by KEY[,KEY] (see the keys below).")
    var sort: String?

    @Flag(name: .long, help: "Reverse the order of --sort (and of --group-by's counts).")
    var reverse = false

    @Option(name: .long, help: "Print at most N objects (after sorting).")
    var limit: Int?

    @Flag(name: .long, help: "Print only the number of objects selected.")
    var count = false

    @Option(name: .customLong("group-by"), help: "Print how many objects have each value of FIELD (a JSONPath such as spec.nodeName, or a named column).")
    var groupBy: String?

    @Flag(name: .customLong("no-headers"), help: "Leave out header lines.")
    var noHeaders = false

    @Flag(name: .customLong("show-labels"), help: "Show all labels as the last column.")
    var showLabels = false

    @Option(name: [.customShort("L"), .customLong("label-columns")], help: "Show these labels as columns (comma-separated, repeatable).")
    var labelColumns: [String] = []

    @Flag(name: .customLong("show-kind"), help: "Show the kind with each name.")
    var showKind = false

    @Flag(name: .customLong("show-managed-fields"), help: "Keep metadata.managedFields in -o json and -o yaml output.")
    var showManagedFields = false

    @Flag(name: .customLong("allow-missing-template-keys"), inversion: .prefixedNo, help: "Ignore fields missing from jsonpath templates, as kubectl does.")
    var allowMissingTemplateKeys = true

    @Option(name: .long, help: "Compute ages relative to TIME (RFC 3339) instead of the clock.")
    var now: String?

    @Option(name: .customLong("set-namespace"), help: "Print the objects moved to NS, without the fields a server sets (with -o yaml|json).")
    var setNamespace: String?

    @Option(name: .customLong("missing-daemonset"), help: "With nodes: only the nodes where DaemonSet [NAMESPACE/]NAME has no pod.")
    var missingDaemonSet: String?

    @Flag(name: .long, help: "With top pods: one line per container.")
    var containers = false

    @Flag(name: .long, help: "With top pods: print the sum of the usage.")
    var sum = false

    @Flag(name: .long, help: "List the seed's kubectl/jq recipes and kit's command for each.")
    var recipes = false

    /// kubectl's spellings of query's flags: `-oyaml`/`-o=yaml` → `-o yaml`, `--flag=true|false`
    /// for boolean flags, `--allow-missing-template-keys=false` →
    /// `--no-allow-missing-template-keys`.
    static let spellings = KubectlFlagSpellings(
        booleanFlags: ["--all-namespaces", "--no-headers", "--show-labels", "--show-kind", "--allow-missing-template-keys", "--live", "--reverse",
        "--count", "--show-managed-fields", "--containers", "--sum", "--raw-output", "--compact-output"],
        negated: ["--allow-missing-template-keys": "--no-allow-missing-template-keys"],
        shortOptionsWithValue: ["o", "n", "l", "L", "f", "k"], endsAtDoubleDash: false)

    static func normalize(_ arguments: [String]) throws -> [String] {
        try spellings.normalize(arguments).arguments
    }

    func run() throws {
        if recipes {
            try writeStdout(Array(Recipes.listing.utf8))
            return
        }
        var options = QueryOptions()
        var arguments = self.arguments
        if arguments.first == "top" {
            // kit query top pods|nodes: kubectl top over metrics.k8s.io objects.
            guard arguments.count >= 2, ["pods", "pod", "po", "nodes", "node", "no"].contains(arguments[1]) else {
                throw KitError("top: expected 'top pods' or 'top nodes'")
            }
            arguments[1] = arguments[1].hasPrefix("po") ? "podmetrics" : "nodemetrics"
            arguments.removeFirst()
            options.top = true
            options.topContainers = containers
            options.topSum = sum
        }
        var names: [String] = []
        for (i, argument) in arguments.enumerated() {
            if i == 0 || argument.contains("/") { options.resources.append(argument) } else { names.append(argument) }
        }
        options.names = names
        options.namespace = namespace
        options.allNamespaces = allNamespaces
        do {
            if let selector { options.labelSelector = try LabelSelector(parsing: selector) }
            if let fieldSelector { options.fieldSelector = try FieldSelector(parsing: fieldSelector) }
        } catch {
            throw KitError("\(error)")
        }
        options.sortBy = sortBy
        if let sort { options.sortKeys = try SortKey.parseList(sort) }
        options.reverse = reverse
        if let limit {
            guard limit >= 0 else { throw KitError("--limit must be 0 or more") }
            options.limit = limit
        }
        options.count = count
        options.groupBy = groupBy
        options.output = try OutputFormat.parse(output) { path in
            String(decoding: try FileIO.read(path), as: UTF8.self)
        }
        options.noHeaders = noHeaders
        options.showLabels = showLabels
        options.showKind = showKind
        do {
            options.labelColumns = try FlagSyntax.stringSlice(labelColumns, flag: "label-columns")
        } catch {
            throw KitError(error.message)
        }
        options.allowMissingTemplateKeys = allowMissingTemplateKeys
        options.showManagedFields = showManagedFields
        options.setNamespace = setNamespace
        options.missingDaemonSet = missingDaemonSet
        if sortBy != nil && sort != nil { throw KitError("use either --sort-by or --sort, not both") }
        if let whereExpression { options.whereFilter = try WhereFilter(whereExpression) }
        if let jqFilter {
            var printer = JQPrinter.Options()
            switch (output, options.output) {
            case ("", _), (_, .json): break
            case (_, .yaml): printer.yaml = true
            default: throw KitError("--jq prints its own results: use it without -o (or with -o json or -o yaml)")
            }
            if count || groupBy != nil || options.top { throw KitError("--jq prints its own results: use it without --count, --group-by and top") }
            options.output = .json
            printer.raw = rawOutput
            printer.indent = compactOutput ? 0 : 2
            if Terminal.colorsStdout && !printer.yaml { printer.colors = .jqDefault }
            options.jq = try JQOutput(jqFilter, printer: printer)
        } else if rawOutput || compactOutput {
            throw KitError("\(rawOutput ? "--raw-output" : "--compact-output") goes with --jq")
        }
        if setNamespace != nil {
            switch options.output {
            case .json, .yaml: break
            default: throw KitError("--set-namespace prints objects: use it with -o yaml or -o json")
            }
        }

        let query = Query(
            options: options, tables: { objects, kind in try QueryTables.table(for: objects, kind: kind, now: now) },
            rowsNeedAllObjects: QueryTables.rowsNeedAllObjects)
        let result = try query.run(sources: try sources(projection: query.readProjection ?? .whole))
        var text = result.output
        if options.output.isTable && !options.noHeaders && Terminal.colorsStdout {
            text = Terminal.boldHeaderLines(text)
        }
        try writeStdout(text)
        for message in result.messages { printError(message) }
        if let failure = result.failure { throw failure }
        if result.notFound { throw FindingsExit(status: 1) }
    }

    /// The sources given (or standard input), in order, their JSON Lists' items read through
    /// `projection`.
    func sources(projection: JSONProjection) throws -> [QuerySource] {
        let count = files.count + (kustomization == nil ? 0 : 1) + (live ? 1 : 0)
        if count == 0 {
            guard !Terminal.stdinIsTerminal else {
                throw KitError("no objects to query: give -f FILE|DIR|-, -k DIR or --live, or pipe objects to standard input")
            }
            return try QuerySources.sources(for: "-", projection: projection)
        }
        var sources: [QuerySource] = []
        for file in files {
            sources.append(contentsOf: try QuerySources.sources(for: file, projection: projection))
        }
        if let kustomization {
            sources.append(.sequential { emit in
                let warnings = try QuerySources.forEachRenderedObject(in: kustomization, emit)
                for warning in warnings { printError(warning) }
            })
        }
        if live {
            let bytes = try LiveCluster.get(
                arguments: arguments, namespace: namespace, allNamespaces: allNamespaces, selector: selector,
                fieldSelector: fieldSelector, context: context, kubeconfig: kubeconfig)
            sources.append(try QuerySources.source(bytes, file: "kubectl get", projection: projection))
        }
        return sources
    }
}

/// `--live`: the one place kit runs another program. kubectl handles authentication and
/// talks to the cluster; kit reads its JSON.
enum LiveCluster {
    static func get(
        arguments: [String], namespace: String?, allNamespaces: Bool, selector: String?, fieldSelector: String?,
        context: String?, kubeconfig: String?
    ) throws -> [UInt8] {
        guard let kubectl = findExecutable("kubectl") else {
            throw KitError("--live needs kubectl, which is not on PATH (or query a saved snapshot with -f FILE)")
        }
        var args = ["get"] + arguments + ["-o", "json"]
        if let namespace { args += ["--namespace", namespace] }
        if allNamespaces { args.append("--all-namespaces") }
        if let selector { args += ["--selector", selector] }
        if let fieldSelector { args += ["--field-selector", fieldSelector] }
        if let context { args += ["--context", context] }
        if let kubeconfig { args += ["--kubeconfig", kubeconfig] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kubectl)
        process.arguments = args
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        final class Collected: @unchecked Sendable { var data = Data() }
        let errors = Collected()
        let done = DispatchSemaphore(value: 0)
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errors.data = errHandle.readDataToEndOfFile()
            done.signal()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw KitError("kubectl \(args.joined(separator: " ")) failed: \(message)")
        }
        return [UInt8](data)
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = FileIO.join(String(directory), name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Terminal facts for colour and input.
enum Terminal {
    /// Colour on standard output: a terminal, `NO_COLOR` unset, `TERM` not `dumb`.
    static var colorsStdout: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(1) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    static var stdinIsTerminal: Bool { isatty(0) == 1 }

    /// Table output with its header lines (the first line, and each after a blank line) in bold.
    static func boldHeaderLines(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var atHeader = true
        var lineStart = true
        for byte in text {
            if lineStart && atHeader && byte != 10 { out.append(contentsOf: Array("\u{1B}[1m".utf8)) }
            if byte == 10 {
                if atHeader && !lineStart { out.append(contentsOf: Array("\u{1B}[0m".utf8)) }
                atHeader = lineStart  // a blank line: the next line is a header
                lineStart = true
            } else {
                lineStart = false
            }
            out.append(byte)
        }
        return out
    }
}
