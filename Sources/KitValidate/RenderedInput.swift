import KitCore
import KitRender

#if canImport(Glibc)
import Glibc
#endif

/// `-k DIR`: the kustomization is built in process (as `kit render` builds it) and its objects
/// are validated; each keeps the file and document it came from, so that findings point at
/// the source (the build's resource files, or the generator entry of a kustomization).
struct RenderedInput {
    var manifests: [Manifest] = []
    var files: [SourceFile] = []
    var warnings: [String] = []
    /// Set when the build fails (a finding: nothing of the kustomization is checked).
    var error: KitError?

    /// How the source files are read again for positions (kustomize reads resources with
    /// go-yaml v3 and kustomizations with go-yaml v2; both parse alike for positions).
    static let sourceOptions = YAMLReader.Options(acceptUnknownTags: true, duplicateKeys: .lastWins)

    /// Names files as the user named the kustomization: the build reads them by absolute
    /// path (symbolic links resolved); findings show `DIR/file` for files inside it, paths
    /// relative to the working directory for others.
    static func displayName(directory: String) -> (String) -> String {
        let root = realPath(directory)
        let cwd = realPath(".")
        return { file in
            if let root, file.hasPrefix(root + "/") { return FileIO.join(directory, String(file.dropFirst(root.count + 1))) }
            if let cwd, file.hasPrefix(cwd + "/") { return String(file.dropFirst(cwd.count + 1)) }
            return file
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func read(directory: String, options: RenderOptions) -> RenderedInput {
        var input = RenderedInput()
        let result: RenderResult
        do {
            result = try KustomizeBuild.render(directory: directory, options: options)
        } catch let e as KitError {
            if var location = e.location {
                // A located build error (a kustomization key) names its file as findings do.
                location.file = displayName(directory: directory)(location.file)
                var located = e
                located.location = location
                input.error = located
            } else {
                input.error = KitError("kustomize build of \(directory) failed: \(e.message)", at: nil)
            }
            return input
        } catch {
            input.error = KitError("kustomize build of \(directory) failed: \(error)")
            return input
        }
        input.warnings = result.warnings
        let name = displayName(directory: directory)
        var byName: [String: SourceFile] = [:]
        let fallback = SourceLocation(file: FileIO.join(directory, "kustomization.yaml"), line: 1, column: 1)
        for (i, object) in result.objects.enumerated() {
            let source = i < result.sources.count ? result.sources[i] : nil
            var file: SourceFile? = nil
            if let source {
                if let known = byName[source.file] {
                    file = known
                } else if let bytes = try? FileIO.read(source.file) {
                    let f = SourceFile(name: name(source.file), bytes: bytes, options: sourceOptions, parse: false)
                    byName[source.file] = f
                    input.files.append(f)
                    file = f
                }
            }
            let start = source.map { SourceLocation(file: name($0.file), line: 1, column: 1) } ?? fallback
            input.manifests.append(Manifest(
                value: object, file: file, documentIndex: source?.document ?? 0, prefix: source?.path ?? [], start: start,
                generated: source?.generated ?? false))
        }
        return input
    }
}
