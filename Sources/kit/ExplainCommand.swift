import ArgumentParser
import KitCore
import KitModel

/// `kit explain`: kubectl explain's documentation of kinds and fields, from the schema compiled
/// into kit instead of a server.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Describe a resource or one of its fields, like kubectl explain, offline.",
        discussion: """
            RESOURCE is a resource name as kubectl takes it: plural, singular, short name or \
            kind (pods, pod, po, Pod), optionally with its group (deployments.apps), followed \
            by a field path (pods.spec.containers). The output is kubectl explain's, from the \
            Kubernetes \(KubernetesSchema.compiledVersion) schema compiled into kit.
            """
    )

    @Argument(help: "RESOURCE[.field.path], e.g. pods, deployment.spec, pods.spec.containers.")
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
