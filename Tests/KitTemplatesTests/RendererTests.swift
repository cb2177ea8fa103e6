import KitCore
import XCTest

@testable import KitTemplates

final class RendererTests: XCTestCase {
    func render(_ manifest: String, _ files: [String: String], _ sets: [String] = []) throws -> RenderedProject {
        let t = try makeTemplate(manifest, files: files)
        return try TemplateRenderer.render(t, parameters: try resolve(t, ParameterInput(assignments: sets)))
    }

    static let manifest = """
        name: t
        description: d
        parameters:
        - {name: name, type: string, default: "a&b<c>\\"d'"}
        - {name: note, type: string, default: ""}
        - {name: on, type: boolean, default: false}
        - {name: items, type: list, default: [x, "y: z"]}
        - {name: count, type: integer, default: 3}
        - {name: token, type: string, secret: true}
        """

    func testValuesAreNotHTMLEscapedAndQuotedIsYAML() throws {
        let project = try render(Self.manifest, [
            "a.yaml": "name: {{name}}\nquoted: {{quoted(name)}}\ncount: {{count}}\nitems:\n{{#items}}\n- {{quoted(.)}}\n{{/items}}\n",
        ])
        XCTAssertEqual(project.files.map(\.text), [
            "name: a&b<c>\"d'\nquoted: \"a&b<c>\\\"d'\"\ncount: 3\nitems:\n- \"x\"\n- \"y: z\"\n",
        ])
        // The quoted form reads back as the value.
        let doc = try YAMLReader.read(project.files[0].text).first?.value
        XCTAssertEqual(doc?["quoted"]?.stringValue, "a&b<c>\"d'")
        XCTAssertEqual(doc?["items"], ["x", "y: z"])
    }

    func testEmptyStringsAndFalseLeaveSectionsOutAndPathsCanDependOnParameters() throws {
        let files = [
            "a.yaml": "x: 1\n{{#note}}\nnote: {{note}}\n{{/note}}\n{{^note}}\nnote: none\n{{/note}}\n",
            "{{#on}}extra/on.yaml{{/on}}": "on: true\n",
            "dir/{{count}}.txt": "three\n",
        ]
        let off = try render(Self.manifest, files)
        XCTAssertEqual(off.files.map(\.path.text), ["a.yaml", "dir/3.txt"])
        XCTAssertEqual(off.files[0].text, "x: 1\nnote: none\n")
        let on = try render(Self.manifest, files, ["on=true", "note=hi"])
        XCTAssertEqual(on.files.map(\.path.text), ["a.yaml", "dir/3.txt", "extra/on.yaml"])
        XCTAssertEqual(on.files[0].text, "x: 1\nnote: hi\n")
    }

    func testTemplateMistakesAreErrorsNamingTheFile() throws {
        XCTAssertEqual(problems { _ = try self.render(Self.manifest, ["a.yaml": "a: {{nmae}}\nb: {{lower(name)}}\n"]) }, [
            "test/t/a.yaml: {{nmae}} is not a parameter of template t",
            "test/t/a.yaml: lower(…) is not a transform kit knows (it has quoted)",
        ])
        XCTAssertEqual(problems { _ = try self.render(Self.manifest, ["a.yaml": "a: 1\nb: {{#on}}\n", "b.yaml": "x\n {{/on}}\n"]) }, [
            "test/t/a.yaml:3:1: a section is not closed (expected {{/NAME}})",
            "test/t/b.yaml:2:5: this closing tag does not match the open section",
        ])
        XCTAssertEqual(problems { _ = try self.render(Self.manifest, ["{{name}}/x": "", "../{{count}}": "", "a/{{note}}": "x"]) }, [
            "test/t/../{{count}}: the path renders to \"../3\", which is not a relative path inside the project",
            "test/t/a/{{note}}: the path renders to \"a/\", which is not a relative path inside the project",
        ])
    }

    func testSecretsAreFoundInFilesAndCheckedAgainstGitignore() throws {
        let project = try render(Self.manifest, [
            "secret.env": "TOKEN={{token}}\n",
            "sub/also.env": "T={{token}}\n",
            "sub/.gitignore": "# comment\n\n*.env\n",
            ".gitignore": "/secret.env\n",
            "plain.yaml": "x: 1\n",
        ])
        XCTAssertEqual(project.secrets.count, 1)
        XCTAssertEqual(project.secrets[0].parameter, "token")
        XCTAssertTrue(project.secrets[0].generated)
        XCTAssertEqual(project.secrets[0].files.map(\.text), ["secret.env", "sub/also.env"])
        XCTAssertEqual(project.secrets[0].notIgnored, [])
        XCTAssertEqual(project.files.filter(\.holdsSecrets).map(\.path.text), ["secret.env", "sub/also.env"])
        XCTAssertEqual(project.files.first { $0.path.text == "secret.env" }?.treeFile.mode, 0o600)
        XCTAssertEqual(project.files.first { $0.path.text == "plain.yaml" }?.treeFile.mode, 0o644)

        let leaky = try render(Self.manifest, ["k.yaml": "token: {{token}}\n", ".gitignore": "secret.env\n!k.yaml\n"], ["token=given-token-value"])
        XCTAssertEqual(leaky.secrets, [SecretPlacement(parameter: "token", generated: false, files: [RelativePath("k.yaml")!], notIgnored: [RelativePath("k.yaml")!])])
        XCTAssertEqual(TemplateListing.warnings(for: leaky, directory: "proj/"), [
            "proj/k.yaml holds the secret token and no .gitignore of the project lists it: keep it out of version control",
        ])
    }

    func testGitIgnorePatterns() {
        func ignored(_ path: String, _ gitignore: String, at dir: String = "") -> Bool {
            let file = ProjectFile(path: RelativePath(dir.isEmpty ? ".gitignore" : dir + "/.gitignore")!, text: gitignore, executable: false, holdsSecrets: false)
            return GitIgnore.isIgnored(RelativePath(path)!, in: [file])
        }
        XCTAssertTrue(ignored("a.env", "a.env\n"))
        XCTAssertTrue(ignored("x/a.env", "a.env\n"))
        XCTAssertFalse(ignored("x/a.env", "/a.env\n"))
        XCTAssertTrue(ignored("x/a.env", "x/a.env\n"))
        XCTAssertTrue(ignored("x/a.env", "x/\n"))
        XCTAssertFalse(ignored("x", "x/\n"))
        XCTAssertTrue(ignored("x/y/a.env", "*.env\n"))
        XCTAssertFalse(ignored("x/a.env", "*.env\n", at: "y"))
        XCTAssertTrue(ignored("y/a.env", "*.env\n", at: "y"))
        XCTAssertFalse(ignored("a.env", "*.env\n!a.env\n"))
        XCTAssertFalse(ignored("a.env", "# a.env\n"))
    }

    func testManifestMistakesAreAllReportedWithPositions() throws {
        let manifest = """
            name: Bad_Name
            descripton: typo
            parameters:
            - name: 1x
              type: text
            - name: n
              type: integer
              default: "3"
              pattern: "[0-9]"
            - name: s
              type: string
              secret: true
              default: x
            - name: p
              type: string
              pattern: "[a-"
            - name: q
              type: quantity
              default: 1GB
            - name: r
              type: string
              default: c
              allowed: [a, b]
              colour: red
            - name: r
              type: boolean
            render:
            - path: ../up
              target: swarm

            """
        XCTAssertEqual(problems { _ = try makeTemplate(manifest, name: "Bad_Name") }.map { $0.replacingOccurrences(of: #"regular expression: .*"#, with: "regular expression: …", options: .regularExpression) }, [
            "test/Bad_Name/template.yaml:2:1: unknown key \"descripton\" (a template has name, description, parameters and render)",
            "test/Bad_Name/template.yaml:1:7: name \"Bad_Name\" must be lower-case letters, digits and '-', starting with a letter",
            "test/Bad_Name/template.yaml:1:1: description is required",
            "test/Bad_Name/template.yaml:4:9: parameter name \"1x\" must be a letter followed by letters, digits and '_'",
            "test/Bad_Name/template.yaml:5:9: type \"text\" is not one of string, integer, boolean, quantity, list",
            "test/Bad_Name/template.yaml:9:12: pattern applies to string, quantity and list parameters",
            "test/Bad_Name/template.yaml:8:12: default: expected an integer, not a string",
            "test/Bad_Name/template.yaml:13:12: a secret has no default: kit generates a random value when none is given",
            "test/Bad_Name/template.yaml:16:12: pattern is not a valid regular expression: …",
            "test/Bad_Name/template.yaml:19:12: default: \"1GB\" is not a quantity (such as 250m, 512Mi or 20Gi)",
            "test/Bad_Name/template.yaml:24:3: unknown key \"colour\" (a parameter has allowed, default, help, maximum, minimum, name, pattern, secret, type)",
            "test/Bad_Name/template.yaml:22:12: default: \"c\" is not one of a, b",
            "test/Bad_Name/template.yaml:25:9: parameter \"r\" is declared twice",
            "test/Bad_Name/template.yaml:28:9: render path \"../up\" must be a relative path inside the project",
            "test/Bad_Name/template.yaml:29:11: render target \"swarm\" is not one of ecs, kubernetes, compose, cloudformation",
        ])
    }
}
