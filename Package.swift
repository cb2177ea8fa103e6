// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Fuzz targets: every `Sources/fuzz-NAME/` directory is one (a single file; see
/// `Sources/FuzzSupport/Fuzz.swift` and `scripts/fuzz`), so adding a target for a new
/// parser is adding one file. They link the libraries, never the shipped `kit` binary.
let fuzzTargets: [Target] = {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sources")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []
    return names.filter { $0.hasPrefix("fuzz-") }.sorted().map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport", "KitCore", "KitModel", "KitRender", "KitJQ", "KitQuery", "KitTemplates"],
            path: "Sources/\(name)")
    }
}()

let package = Package(
    name: "kit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kit", targets: ["kit"]),
        .library(name: "KitCore", targets: ["KitCore"]),
        .library(name: "KitModel", targets: ["KitModel"]),
        .library(name: "KitRender", targets: ["KitRender"]),
        .library(name: "KitCreate", targets: ["KitCreate"]),
        .library(name: "KitJQ", targets: ["KitJQ"]),
        .library(name: "KitQuery", targets: ["KitQuery"]),
        .library(name: "KitTemplates", targets: ["KitTemplates"]),
        .library(name: "KitCompose", targets: ["KitCompose"]),
        .library(name: "KitValidate", targets: ["KitValidate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-256 for kustomize's generator name hashes (never hand-written crypto).
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        // Mustache (logic-less, specified by the mustache spec) renders `kit new`'s templates.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Debian's libyaml (libyaml-dev), reached through pkg-config `yaml-0.1`.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // Debian's Oniguruma (libonig-dev), reached through pkg-config `oniguruma`: the regex
        // engine jq itself uses, so `test`/`match`/`sub` behave exactly as jq's.
        .systemLibrary(
            name: "COnig",
            pkgConfig: "oniguruma",
            providers: [.apt(["libonig-dev"])]
        ),
        .target(
            name: "KitCore",
            dependencies: ["CYAML"]
        ),
        // Kubernetes objects: kinds, ids, quantities, selectors, schema, typed models.
        .target(
            name: "KitModel",
            // Crypto: SHA-256 for the content-hash name suffix of generated objects.
            dependencies: ["KitCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The kustomization engine: loader, generators, transformers, patches, name references.
        .target(
            name: "KitRender",
            dependencies: ["KitCore", "KitModel"]
        ),
        // kubectl create's objects (deployments, services, secrets, roles, …) built through
        // the typed models. Crypto: key-pair checks for secret tls.
        .target(
            name: "KitCreate",
            dependencies: [
                "KitCore",
                "KitModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The jq language: lexer, parser, compiler, evaluator, standard library.
        .target(
            name: "KitJQ",
            dependencies: ["KitCore", "COnig"]
        ),
        // kubectl get, offline: sources, selectors, sorting, JSONPath, custom columns, tables.
        .target(
            name: "KitQuery",
            dependencies: ["KitCore", "KitModel", "KitRender", "KitJQ"]
        ),
        // kit new's starter projects: the template catalogue (templates/, embedded at build
        // time in Generated/), parameter checking, rendering with Mustache, writing the project.
        .target(
            name: "KitTemplates",
            dependencies: ["KitCore", "KitModel", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // docker-compose + ecs-params: read, interpolate, merge, validate and normalise into one
        // model; render ECS task definitions and services, CloudFormation and Kubernetes.
        .target(
            name: "KitCompose",
            dependencies: ["KitCore", "KitModel"],
            exclude: ["Schema/LICENSE", "Schema/NOTICE"]
        ),
        // kit validate: schema validation (the bundled Kubernetes definitions, CRDs, JSON
        // schema files), values, cross-object checks, lint rules and CI report formats.
        .target(
            name: "KitValidate",
            dependencies: ["KitCore", "KitModel", "KitRender", "KitCompose"]
        ),
        .executableTarget(
            name: "kit",
            dependencies: [
                "KitCore",
                "KitModel",
                "KitRender",
                "KitCreate",
                "KitTemplates",
                "KitQuery",
                "KitCompose",
                "KitJQ",
                "KitValidate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Measures the readers and writers in isolation (bench/core.py); not shipped.
        .executableTarget(
            name: "kit-bench",
            dependencies: ["KitCore", "CHeapStats"]
        ),
        .target(name: "CHeapStats"),
        // Generates KitModel's schema bundle and typed models from the Kubernetes API
        // definitions (Sources/KitModel/Generated); kit-modelgen runs it. Not shipped.
        .target(
            name: "KitModelGen",
            dependencies: ["KitCore"]
        ),
        // Writes templates/ into KitTemplates' generated source (Sources/KitTemplates/Generated);
        // not shipped.
        .executableTarget(
            name: "kit-templategen",
            dependencies: ["KitCore", "KitTemplates"]
        ),
        .executableTarget(
            name: "kit-modelgen",
            dependencies: ["KitCore", "KitModelGen"]
        ),
        // Measures loading the schema bundle and resolving kinds (bench/schema.py); not shipped.
        .executableTarget(
            name: "kit-schema-bench",
            dependencies: ["KitCore", "KitModel"]
        ),
        // What the fuzz targets share (replay mode, invariants); not shipped.
        .target(
            name: "FuzzSupport",
            dependencies: ["KitCore"]
        ),
        .testTarget(
            name: "KitCoreTests",
            dependencies: ["KitCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "KitModelTests",
            dependencies: ["KitModel"]
        ),
        .testTarget(
            name: "KitModelGenTests",
            dependencies: ["KitModelGen"]
        ),
        .testTarget(
            name: "KitRenderTests",
            dependencies: ["KitRender"],
            exclude: ["Cases"]
        ),
        .testTarget(
            name: "KitValidateTests",
            dependencies: ["KitValidate"],
            exclude: ["Corpus", "Fixtures"]
        ),
        .testTarget(
            name: "KitCreateTests",
            dependencies: ["KitCreate"]
        ),
        .testTarget(
            name: "KitJQTests",
            dependencies: ["KitJQ"],
            exclude: ["Library/Goldens", "Differential", "conformance-known-failures.txt"]
        ),
        .testTarget(
            name: "KitQueryTests",
            dependencies: ["KitQuery", "KitJQ"],
            exclude: ["ServerTables/Cases"]
        ),
        .testTarget(
            name: "KitTemplatesTests",
            // KitValidate: the generated projects must pass kit validate's rules.
            dependencies: ["KitTemplates", "KitRender", "KitValidate"],
            exclude: ["Cases"]
        ),
        .testTarget(
            name: "KitComposeTests",
            dependencies: ["KitCompose"]
        ),
        .testTarget(
            name: "KitCLITests",
            // KitCore: ComposeOracleTests reads the recorded oracle outputs (YAML) as data.
            dependencies: ["kit", "KitCore"],
            exclude: ["Cases", "SecretCorpus", "QueryOracle", "QueryOracleSnapshots", "Recipes"]
        ),
    ] + fuzzTargets
)
