// kit-modelgen: regenerates KitModel's schema bundle and typed models from the Kubernetes API
// definitions. Run from the package root:
//
//     swift run kit-modelgen                 # write Sources/KitModel/Generated
//     swift run kit-modelgen --check         # exit 1 if the committed files differ
//     swift run kit-modelgen --resources     # print the served-resource table as JSON lines
//
// Options: --definitions PATH (default ../shared/reference/kubernetes/v1.37.0/_definitions.json),
// --kubernetes-version VERSION (default: the version directory in that path), --root DIR,
// --validation-definitions PATH (repeatable; default ../shared/reference/kubernetes/v1.32.0/
// _definitions.json): other versions compiled in for `kit validate --kubernetes-version`.
import KitCore
import KitModelGen

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String, status: Int32 = 2) -> Never {
    try? FileIO.writeAll(fd: 2, Array("kit-modelgen: \(message)\n".utf8), name: "standard error")
    exit(status)
}

/// Creates every missing directory on the way to `path`'s file.
func makeDirectories(containing path: String) {
    for (i, c) in path.enumerated() where c == "/" && i > 0 {
        mkdir(String(path.prefix(i)), 0o755)
    }
}

var definitionsPath = "../shared/reference/kubernetes/v1.37.0/_definitions.json"
var validationPaths: [String] = []
var version: String?
var root = "."
var check = false
var resources = false
var arguments = CommandLine.arguments.dropFirst()
@MainActor func operand(of option: String) -> String {
    guard let value = arguments.popFirst() else { fail("\(option) needs a value") }
    return value
}
while let argument = arguments.popFirst() {
    switch argument {
    case "--definitions": definitionsPath = operand(of: argument)
    case "--kubernetes-version": version = operand(of: argument)
    case "--validation-definitions": validationPaths.append(operand(of: argument))
    case "--root": root = operand(of: argument)
    case "--check": check = true
    case "--resources": resources = true
    case "-h", "--help":
        print("usage: kit-modelgen [--definitions PATH] [--kubernetes-version VERSION] [--validation-definitions PATH…] [--root DIR] [--check | --resources]")
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}
// The version is the directory the definitions sit in (…/v1.37.0/_definitions.json).
func versionDirectory(of path: String) -> String {
    path.split(separator: "/").dropLast().last.map(String.init) ?? "unknown"
}
let kubernetesVersion = version ?? versionDirectory(of: definitionsPath)
if validationPaths.isEmpty { validationPaths = ["../shared/reference/kubernetes/v1.32.0/_definitions.json"] }
let generator = ModelGenerator(
    kubernetesVersion: kubernetesVersion,
    sourceName: "../shared/reference/kubernetes/\(kubernetesVersion)/_definitions.json",
    validationVersions: validationPaths.map {
        let v = versionDirectory(of: $0)
        return ModelGenerator.ValidationVersion(kubernetesVersion: v, sourceName: "../shared/reference/kubernetes/\(v)/_definitions.json")
    }
)

do {
    let json = try FileIO.read(definitionsPath)
    if resources {
        try FileIO.writeAll(fd: 1, Array(try generator.resourcesJSON(definitionsJSON: json).utf8), name: "standard output")
        exit(0)
    }
    let files = try generator.generate(definitionsJSON: json, validationJSON: try validationPaths.map { try FileIO.read($0) })
    let wanted = Set(files.map(\.path))
    var changed: [String] = []
    for file in files {
        let path = "\(root)/\(file.path)"
        let bytes = Array(file.contents.utf8)
        if FileIO.exists(path), try FileIO.read(path) == bytes { continue }
        changed.append(file.path)
        if !check {
            makeDirectories(containing: path)
            try FileIO.write(bytes, to: path)
        }
    }
    // Files in the generated directories that the generator no longer writes are stale.
    for directory in generator.generatedDirectories where FileIO.isDirectory("\(root)/\(directory)") {
        for name in try FileIO.list("\(root)/\(directory)") where !wanted.contains("\(directory)/\(name)") {
            changed.append("\(directory)/\(name) (stale)")
            if !check { unlink("\(root)/\(directory)/\(name)") }
        }
    }
    for path in changed { print(check ? "differs: \(path)" : "wrote: \(path)") }
    if check && !changed.isEmpty { exit(1) }
} catch {
    fail("\(error)")
}
