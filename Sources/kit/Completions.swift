import ArgumentParser
import KitTemplates
import KitCore
import KitModel
import KitValidate

/// Completions that kit computes when the shell asks, for values no static list can hold.
///
/// The hook: a command names one of these for an argument, `@Argument(completion:
/// .custom(Completions.resourceNames))`; the script `kit completion SHELL` prints calls
/// `kit ---completion …` back on TAB and ArgumentParser runs the function with the words of
/// the command line, the index of the word being completed and its text up to the cursor.
/// A new command with values of its own (template names, say) adds its function here.
enum Completions {
    /// Resource names (`pods`, `deployments`, …) starting with the word; singular and short
    /// names only when no plural name matches.
    @Sendable static func resourceNames(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        names(startingWith: prefix)
    }

    /// `kit new`'s template: the built-in template names starting with the word.
    @Sendable static func templateNames(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        TemplateCatalogue.builtIn().names.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// A comma-separated list of resource names (`--resource=pods,deploy…`): the last one is
    /// completed.
    @Sendable static func resourceList(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        guard let comma = prefix.lastIndex(of: ",") else { return names(startingWith: prefix) }
        let head = prefix[...comma]
        return names(startingWith: String(prefix[prefix.index(after: comma)...])).map { String(head) + $0 }
    }

    /// `kit explain`'s argument: a resource name, or after a dot the fields below what the
    /// word names so far (`deployment.spec.te` → `deployment.spec.template`).
    @Sendable static func explainTarget(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        guard let dot = prefix.lastIndex(of: ".") else { return names(startingWith: prefix) }
        let explainer = SchemaExplainer()
        let head = String(prefix[..<dot])
        let partial = prefix[prefix.index(after: dot)...]
        guard let target = try? explainer.target(head), let fields = explainer.fieldNames(target) else { return [] }
        return fields.filter { $0.hasPrefix(partial) }.map { head + "." + $0 }
    }

    /// `kit validate --rules`: a comma-separated list of rule families; the last is completed.
    @Sendable static func ruleFamilies(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        commaList(prefix, RuleFamily.allCases.map(\.rawValue))
    }

    /// `kit validate --disable` and `--explain`: rule ids, comma-separated; the last is
    /// completed.
    @Sendable static func ruleIDs(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        commaList(prefix, RuleCatalog.all.map(\.id))
    }

    /// The `candidates` that complete the last item of a comma-separated `prefix`, each with
    /// the items before it.
    static func commaList(_ prefix: String, _ candidates: [String]) -> [String] {
        guard let comma = prefix.lastIndex(of: ",") else { return candidates.filter { $0.hasPrefix(prefix) } }
        let head = prefix[...comma]
        let last = prefix[prefix.index(after: comma)...]
        return candidates.filter { $0.hasPrefix(last) }.map { String(head) + $0 }
    }

    static func names(startingWith prefix: String) -> [String] {
        let schema = KubernetesSchema.shared
        var seen: Set<String> = []
        let plurals = schema.resources.map(\.plural).filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
        if !plurals.isEmpty { return plurals }
        return SchemaExplainer(schema: schema).resourceNames.filter { $0.hasPrefix(prefix) }
    }
}
