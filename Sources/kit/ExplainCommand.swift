import ArgumentParser
import KitCore
import KitModel

/// `kit explain`: kubectl explain's documentation of kinds and fields, from the schema compiled
/// into kit instead of a server.
struct ExplainCommand: KitCommand {
    static let overview = "documents every Kubernetes kind and field"

    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Describe a resource or one of its fields, like kubectl explain, offline.",
        discussion: HelpText.discussion(
            """
            RESOURCE is a resource name as kubectl takes it: plural, singular, short name or \
            kind (pods, pod, po, Pod), optionally with its group (deployments.apps), followed \
            by a field path (pods.spec.containers). The output is kubectl explain's, from the \
            Kubernetes \(KubernetesSchema.compiledVersion) schema compiled into kit.
            """,
            examples: [
                "kit explain pods",
                "kit explain deployment.spec.strategy",
                "kit explain pods.spec.containers --recursive",
                "kit explain hpa --api-version=autoscaling/v1",
            ])
    )

    @Argument(
        help: "RESOURCE[.field.path], e.g. pods, deployment.spec, pods.spec.containers.",
        completion: .custom(Completions.explainTarget))
    var resource: String

    @Flag(name: .long, help: "Print the names of all fields below, recursively, without descriptions.")
    var recursive = false

    @Option(name: .long, help: "Use this GROUP/VERSION of the resource (e.g. autoscaling/v1).")
    var apiVersion: String?

    func run() throws {
        let explainer = SchemaExplainer()
        let target = try explainer.target(resource, apiVersion: apiVersion)
        try writeStdout(Array(try explainer.explain(target, recursive: recursive).utf8))
    }
}
