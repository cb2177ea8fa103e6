import Foundation
import KitCore
import KitRender
import KitValidate
import XCTest

@testable import KitTemplates

/// The evidence for the built-in templates: every case (Cases/TEMPLATE.VARIANT/values.yaml)
/// is rendered by kit new's library, written to disk and built by KitRender; the result must
/// be byte-identical to what kubectl kustomize printed for the same project
/// (render.DIR.yaml, recorded by scripts/template-goldens.py, which re-checks them live).
final class TemplateCaseTests: XCTestCase {
    static let catalogue = TemplateCatalogue.builtIn()

    struct Case {
        let name: String
        let template: Template
        let directory: String
        var variant: String { String(name.split(separator: ".").last ?? "") }
    }

    func cases() throws -> [Case] {
        try FileManager.default.contentsOfDirectory(atPath: Paths.cases).sorted().map { name in
            let template = try Self.catalogue.template(named: String(name.split(separator: ".")[0]))
            return Case(name: name, template: template, directory: Paths.cases + "/" + name)
        }
    }

    /// Renders a case's project into a new directory and returns its path.
    func writeProject(_ c: Case) throws -> (path: String, project: RenderedProject) {
        let values = try FileIO.read(c.directory + "/values.yaml")
        let parameters = try resolve(c.template, ParameterInput(valuesFile: ("\(c.name)/values.yaml", values)))
        let project = try TemplateRenderer.render(c.template, parameters: parameters)
        let path = try temporaryDirectory(self) + "/project"
        try FileIO.writeTree(project.files.map(\.treeFile), to: path, existing: .refuse)
        return (path, project)
    }

    func testEveryTemplateHasADefaultsAndACustomCase() throws {
        let all = try cases()
        for template in try Self.catalogue.all() {
            let variants = all.filter { $0.template.name == template.name }.map(\.variant)
            XCTAssertEqual(variants.sorted(), ["custom", "defaults"], template.name)
        }
    }

    /// The defaults case gives only what has no default (required values, and secrets, which
    /// are fixed so that hashed names are stable); the custom case changes every parameter.
    func testCasesReallyUseDefaultsAndNonDefaults() throws {
        for c in try cases() {
            let given = try YAMLReader.read(try FileIO.read(c.directory + "/values.yaml"), file: c.name).first?.value.objectValue?.keys ?? []
            let resolved = try resolve(c.template, ParameterInput(valuesFile: ("v", try FileIO.read(c.directory + "/values.yaml"))))
            for (parameter, value) in resolved.values {
                if c.variant == "defaults" {
                    XCTAssertEqual(given.contains(parameter.name), parameter.defaultValue == nil, "\(c.name): \(parameter.name)")
                } else {
                    XCTAssertTrue(given.contains(parameter.name), "\(c.name) leaves \(parameter.name) at its default")
                    XCTAssertNotEqual(value, parameter.defaultValue, "\(c.name): \(parameter.name) is its default")
                }
            }
        }
    }

    func testKustomizationsRenderExactlyAsKubectlKustomize() throws {
        var compared = 0
        for c in try cases() {
            let (path, project) = try writeProject(c)
            let kustomizations = project.files.filter { $0.path.components.last == "kustomization.yaml" }
                .map { $0.path.components.count == 1 ? "." : $0.path.components.dropLast().joined(separator: "/") }
            let entries = c.template.render.filter { $0.target == nil }.map(\.path)
            XCTAssertEqual(Set(entries), Set(kustomizations), "\(c.name): template.yaml's render entries are its kustomizations")
            for directory in kustomizations {
                let golden = c.directory + "/render.\(directory == "." ? "root" : directory.replacingOccurrences(of: "/", with: "_")).yaml"
                let result = try KustomizeBuild.render(directory: path + "/" + directory)
                XCTAssertEqual(result.warnings, [], "\(c.name) \(directory)")
                let rendered = try RenderOutput.stream(result.objects, format: .yaml)
                XCTAssertEqual(String(decoding: rendered, as: UTF8.self), String(decoding: try FileIO.read(golden), as: UTF8.self), "\(c.name) \(directory): kit render differs from kubectl kustomize")
                compared += 1
            }
        }
        XCTAssertEqual(compared, 12, "kustomizations compared with kubectl's output")
    }

    /// The compose templates' projects rendered by `kit render --target …` are CLI golden
    /// cases (Tests/KitCLITests/Cases/compose-template-CASE.TARGET, recorded by
    /// scripts/template-goldens.py --record, their outputs checked by docker-compose config,
    /// ecs_taskdef_check, botocore, cfn-lint and kubernetes-validate: ComposeOracleTests holds
    /// the verdicts). Each case's project must be what the template writes now, and every
    /// target a template's render entries name must have a case.
    func testComposeRenderCasesHoldTheTemplatesProjects() throws {
        let cliCases = Paths.packageRoot.appendingPathComponent("Tests/KitCLITests/Cases").path
        let names = try FileManager.default.contentsOfDirectory(atPath: cliCases).filter { $0.hasPrefix("compose-template-") }
        var covered: Set<String> = []
        for name in names {
            let parts = name.dropFirst("compose-template-".count).split(separator: ".").map(String.init)
            guard parts.count == 3 else { XCTFail("\(name): not compose-template-TEMPLATE.VARIANT.TARGET"); continue }
            let c = try XCTUnwrap(try cases().first { $0.name == "\(parts[0]).\(parts[1])" }, name)
            let args = String(decoding: try FileIO.read(cliCases + "/" + name + "/args"), as: UTF8.self)
            XCTAssertEqual(args, "render\nproject\n--target\n\(parts[2])\n", name)
            let (path, _) = try writeProject(c)
            XCTAssertEqual(try tree(cliCases + "/" + name + "/project"), try tree(path).filter { $0.key != ".gitignore" }, "\(name): the project differs from what kit new writes; run scripts/template-goldens.py --record")
            covered.insert("\(c.name).\(parts[2])")
        }
        for c in try cases() {
            for entry in c.template.render {
                guard let target = entry.target else { continue }
                XCTAssertTrue(covered.contains("\(c.name).\(target)"), "\(c.name): no CLI case renders it with --target \(target)")
            }
        }
        XCTAssertEqual(covered.count, 16, "compose-template-* CLI cases")
    }

    /// kit validate (schema, values, references and every lint rule) finds nothing in any
    /// kustomization of any case, nor (`--compose`, Fargate's rules) in the compose projects.
    /// The compose templates' Kubernetes conversions (the CLI
    /// goldens) have only the findings listed here: what a compose file cannot say through
    /// kompose's conversion (allowPrivilegeEscalation, topology spread) and what the postgres
    /// image needs (it starts as root and writes outside its volume); README.md lists them.
    func testProjectsPassKitValidate() throws {
        let validator = try Validator(options: ValidateOptions())
        var checked = 0
        for c in try cases() {
            let (path, _) = try writeProject(c)
            for entry in c.template.render where entry.target == nil {
                let report = try validator.validate([.kustomization(path + "/" + entry.path)])
                XCTAssertGreaterThan(report.objects, 0)
                XCTAssertEqual(report.findings.map { "\($0.rule) \($0.object ?? "") \($0.pathText)" }, [], "\(c.name) \(entry.path)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 12, "kustomizations validated")

        // The compose projects themselves (`kit validate --compose`, ECS rules for Fargate).
        var fargate = ValidateOptions()
        fargate.composeLaunchType = "FARGATE"
        for c in try cases() where c.template.render.contains(where: { $0.target != nil }) {
            let (path, _) = try writeProject(c)
            let report = try Validator(options: fargate).validate([.compose(path)])
            XCTAssertGreaterThan(report.objects, 0)
            XCTAssertEqual(report.findings.map { "\($0.rule) \($0.object ?? "") \($0.pathText)" }, [], "\(c.name) --compose")
        }

        let cliCases = Paths.packageRoot.appendingPathComponent("Tests/KitCLITests/Cases").path
        let inexpressible = [
            "no-anti-affinity Deployment/web", "privilege-escalation Deployment/db", "privilege-escalation Deployment/web",
            "privilege-escalation Deployment/worker", "run-as-root Deployment/db", "writable-root-fs Deployment/db",
        ]
        // ecs-fargate is the seed's ECS tutorial: an nginx container that runs as root and writes
        // its cache, sized by ecs-params.yml's task size (which has no Kubernetes counterpart).
        func tutorial(_ service: String) -> [String] {
            ["missing-limits", "missing-readiness-probe", "missing-requests", "privilege-escalation", "run-as-root", "writable-root-fs"]
                .map { "\($0) Deployment/\(service)" }
        }
        let expected: [String: [String]] = [
            "compose-app.defaults": inexpressible, "compose-app.custom": inexpressible,
            "ecs-fargate.defaults": tutorial("web"), "ecs-fargate.custom": tutorial("shop"),
        ]
        for (name, findings) in expected.sorted(by: { $0.key < $1.key }) {
            let file = try temporaryDirectory(self) + "/objects.yaml"
            try FileIO.write(try FileIO.read(cliCases + "/compose-template-\(name).kubernetes/stdout"), to: file)
            let report = try validator.validate([.path(file)])
            XCTAssertGreaterThan(report.objects, 0)
            XCTAssertEqual(Set(report.findings.map { "\($0.rule) \($0.object ?? "")" }).sorted(), findings.sorted(), name)
        }
    }

    /// Relative path -> text of every file below `root`.
    func tree(_ root: String) throws -> [String: String] {
        var out: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let rel = enumerator?.nextObject() as? String {
            if FileIO.isDirectory(root + "/" + rel) { continue }
            out[rel] = String(decoding: try FileIO.read(root + "/" + rel), as: UTF8.self)
        }
        return out
    }

    /// The ECS and compose templates: their compose file (accepted by docker-compose config,
    /// whose normalised output is compose-config.yaml) and ecs-params.yml have the structure
    /// ecs-cli and kompose read (their renderings: testComposeRenderCasesHoldTheTemplatesProjects).
    func testComposeTemplatesHaveTheExpectedStructure() throws {
        for c in try cases() where c.template.render.contains(where: { $0.target != nil }) {
            let (path, project) = try writeProject(c)
            let composeName = project.files.map(\.path.text).first { $0.hasSuffix("compose.yml") || $0.hasSuffix("compose.yaml") }
            let compose = try XCTUnwrap(composeName.map { try YAMLReader.read(try FileIO.read(path + "/" + $0), file: $0).first?.value }, c.name)
            let config = try YAMLReader.read(try FileIO.read(c.directory + "/compose-config.yaml"), file: "compose-config.yaml").first?.value
            guard case .object(let services)? = compose?["services"] else { return XCTFail("\(c.name): no services") }
            XCTAssertEqual(services.keys.sorted(), config?["services"]?.objectValue?.keys.sorted(), "\(c.name): services as docker-compose config reads them")
            for (name, service) in services {
                let image = service["image"]?.stringValue ?? ""
                XCTAssertTrue(image.contains("@") || image.split(separator: "/").last?.contains(":") == true, "\(c.name) \(name): image \(image) has a tag")
                XCTAssertFalse(image.hasSuffix(":latest"), "\(c.name) \(name)")
            }
            // Every service that serves something has a healthcheck (a worker serves nothing).
            for (name, service) in services where name != "worker" {
                XCTAssertNotNil(service["healthcheck"], "\(c.name) \(name) has a healthcheck")
            }
            if c.template.name == "ecs-fargate" {
                let params = try XCTUnwrap(try YAMLReader.read(try FileIO.read(path + "/ecs-params.yml"), file: "ecs-params.yml").first?.value)
                XCTAssertEqual(params["version"], .int(1))
                XCTAssertEqual(params["task_definition"]?["ecs_network_mode"], "awsvpc")
                XCTAssertNotNil(params["task_definition"]?["task_size"]?["cpu_limit"]?.intValue)
                let awsvpc = params["run_params"]?["network_configuration"]?["awsvpc_configuration"]
                let resolved = try resolve(c.template, ParameterInput(valuesFile: ("v", try FileIO.read(c.directory + "/values.yaml"))))
                XCTAssertEqual(awsvpc?["subnets"]?.arrayValue?.compactMap(\.stringValue), resolved.value(of: "subnets").map { if case .list(let l) = $0 { return l } else { return [] } })
                XCTAssertEqual(awsvpc?["security_groups"]?.arrayValue?.count, c.variant == "custom" ? 2 : 1)
                XCTAssertEqual(awsvpc?["assign_public_ip"]?.stringValue, c.variant == "custom" ? "DISABLED" : "ENABLED")
            }
        }
    }

    /// Secrets end up only in files a .gitignore of the project lists, written private.
    func testSecretsAreOnlyInGitIgnoredFiles() throws {
        for template in try Self.catalogue.all() {
            let required = template.parameters.filter(\.isRequired).map { p -> String in
                p.type == .list ? "\(p.name)=\(p.pattern?.hasPrefix("sg-") == true ? "sg-0a1b2c3d" : "subnet-0a1b2c3d")" : "\(p.name)=x"
            }
            let parameters = try resolve(template, ParameterInput(assignments: required))
            let project = try TemplateRenderer.render(template, parameters: parameters)
            for secret in project.secrets {
                XCTAssertFalse(secret.files.isEmpty, "\(template.name): \(secret.parameter) is used")
                XCTAssertEqual(secret.notIgnored, [], "\(template.name): \(secret.parameter)")
                XCTAssertTrue(secret.generated)
            }
            XCTAssertEqual(project.secrets.map(\.parameter), template.parameters.filter(\.secret).map(\.name))
        }
    }

    /// Every YAML file a template writes parses, with every parameter at its default and at
    /// its custom value.
    func testRenderedYAMLFilesParse() throws {
        for c in try cases() {
            let (_, project) = try writeProject(c)
            for file in project.files where file.path.text.hasSuffix(".yaml") || file.path.text.hasSuffix(".yml") {
                XCTAssertNoThrow(try YAMLReader.read(file.text, file: file.path.text), "\(c.name) \(file.path)")
            }
        }
    }
}
