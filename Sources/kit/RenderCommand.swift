import ArgumentParser
import KitCore
import KitRender

enum LoadRestrictorOption: String, ExpressibleByArgument, CaseIterable {
    case LoadRestrictionsRootOnly, LoadRestrictionsNone
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Build a kustomization, or render a compose project to Kubernetes, ECS or CloudFormation.",
        discussion: """
            Prints the YAML stream that 'kubectl kustomize DIR' (kustomize v5.5) prints, byte for \
            byte: resources, bases, overlays and components; ConfigMap and Secret generators with \
            their hash suffixes; namespace, name prefix/suffix, labels, annotations, images and \
            replicas; strategic-merge and JSON 6902 patches; replacements and vars.

            kit works offline and runs no programs: remote bases, helm charts and plugin \
            generators, transformers and validators are refused with an error naming the field.

            A directory with a compose file (compose.yaml, docker-compose.yml, …) and no \
            kustomization, or any -f FILE, is a compose project: see COMPOSE below.

            Exit status: 0 on success, 1 when the build fails (as kubectl kustomize) or, with --strict, \
            an ECS rule is broken, 2 on usage errors and bad compose input.

            Examples:
              kit render examples/wordpress
              kit render overlays/prod -o rendered.yaml
              kit render overlays/prod -o out/        # one file per object

            \(composeDiscussion)
            """
    )

    @Argument(help: "The kustomization or compose project directory (default: the current directory).")
    var directory: String = "."

    @Option(name: [.short, .long], help: "Write to FILE (atomically; a link is written through), or one file per object into an existing DIRECTORY (all or nothing).")
    var output: String?

    @Option(name: .long, help: "Output format: yaml (default) or json.")
    var format: DocumentFormat = .yaml

    @Option(name: .long, help: "LoadRestrictionsRootOnly (default): files must be inside the kustomization; LoadRestrictionsNone lifts that.")
    var loadRestrictor: LoadRestrictorOption = .LoadRestrictionsRootOnly

    @Option(name: .long, help: ArgumentHelp("Largest file the build reads, in bytes (default: 256 MiB).", valueName: "BYTES"))
    var maxFileSize: Int = FileIO.defaultMaxFileSize

    func validate() throws {
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be a positive number of bytes") }
    }

    @OptionGroup(title: "Compose projects")
    var compose: ComposeRenderFlags

    func run() throws {
        if try compose.applies(to: directory) {
            try renderCompose()
            return
        }
        var options = RenderOptions(loadRestriction: loadRestrictor == .LoadRestrictionsNone ? .none : .rootOnly)
        options.maxFileSize = maxFileSize
        let outputFormat: RenderOutput.Format = format == .json ? .json : .yaml
        // Everything up to the bytes to write is the build: its failures exit 1, as kubectl
        // kustomize's do (also a value kustomize cannot print). Writing the output is not.
        var result: RenderResult? = nil
        let toDirectory = output.map { FileIO.isDirectory($0) } ?? false
        var files: [(name: FileName, bytes: [UInt8])] = []
        var bytes: [UInt8] = []
        do {
            let built = try KustomizeBuild.render(directory: directory, options: options)
            result = built
            if toDirectory {
                files = try RenderOutput.files(built.objects, format: outputFormat)
            } else {
                bytes = try RenderOutput.stream(built.objects, format: outputFormat)
            }
        } catch let error as KitError {
            // A value the writer refused is pointed at in the file it came from.
            printKitError(result?.locating(error) ?? error)
            throw FindingsExit(status: 1)
        }
        guard let result else { return }
        for warning in result.warnings { printError(warning) }
        if let output, toDirectory {
            try FileIO.writeFiles(files, into: output)
        } else {
            try FileIO.write(bytes, to: output ?? "-")
        }
    }
}
