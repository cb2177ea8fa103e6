import KitCore
import XCTest

@testable import KitTemplates

final class ParameterTests: XCTestCase {
    static let manifest = """
        name: t
        description: A test template
        parameters:
        - name: name
          type: string
          default: web
          pattern: "[a-z]+"
          help: The name. More text.
        - name: replicas
          type: integer
          default: 2
          minimum: 1
          maximum: 5
        - name: tls
          type: boolean
          default: false
        - name: size
          type: quantity
          default: 1Gi
        - name: tier
          type: string
          default: gold
          allowed: [gold, silver]
        - name: subnets
          type: list
          pattern: "subnet-[0-9]+"
          help: Subnet IDs.
        - name: zones
          type: list
          default: []
          allowed: [a, b]
        - name: password
          type: string
          secret: true
          pattern: "[!-~]{12,}"
        """

    func template() throws -> Template { try makeTemplate(Self.manifest) }

    func testDefaultsRequiredAndGeneratedSecrets() throws {
        let t = try template()
        let resolved = try resolve(t, ParameterInput(assignments: ["subnets=subnet-1,subnet-2"]))
        XCTAssertEqual(resolved.value(of: "name"), .string("web"))
        XCTAssertEqual(resolved.value(of: "replicas"), .integer(2))
        XCTAssertEqual(resolved.value(of: "tls"), .boolean(false))
        XCTAssertEqual(resolved.value(of: "subnets"), .list(["subnet-1", "subnet-2"]))
        XCTAssertEqual(resolved.value(of: "zones"), .list([]))
        XCTAssertEqual(resolved.generated, ["password"])
        guard case .string(let password)? = resolved.value(of: "password") else { return XCTFail("no password") }
        XCTAssertEqual(password.count, ParameterResolver.generatedSecretLength)
        XCTAssertTrue(password.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        // Another draw gives another secret.
        let other = try resolve(t, ParameterInput(assignments: ["subnets=subnet-1"]), seed: 2)
        XCTAssertNotEqual(other.value(of: "password"), resolved.value(of: "password"))
    }

    func testSystemGeneratorGivesDifferentSecrets() throws {
        let t = try template()
        var random = SystemRandomNumberGenerator()
        let a = try ParameterResolver.resolve(t, input: ParameterInput(assignments: ["subnets=subnet-1"]), random: &random)
        let b = try ParameterResolver.resolve(t, input: ParameterInput(assignments: ["subnets=subnet-1"]), random: &random)
        XCTAssertNotEqual(a.value(of: "password"), b.value(of: "password"))
    }

    func testEveryProblemIsReportedAtOnce() throws {
        let t = try template()
        let found = problems {
            _ = try resolve(t, ParameterInput(assignments: [
                "name=Web", "replicas=three", "tls=yes", "size=1GB", "tier=bronze", "nmae=x", "colour=red", "novalue",
                "zones=a,c", "password=short",
            ]))
        }
        XCTAssertEqual(found, [
            "--set replicas: \"three\" is not an integer",
            "--set tls: \"yes\" is not a boolean (true or false)",
            "--set nmae: not a parameter of template t; did you mean name?",
            "--set colour: not a parameter of template t (its parameters: name, replicas, tls, size, tier, subnets, zones, password)",
            "--set novalue: expected NAME=VALUE",
            "--set name: \"Web\" does not match the pattern [a-z]+",
            "--set size: \"1GB\" is not a quantity (such as 250m, 512Mi or 20Gi)",
            "--set tier: \"bronze\" is not one of gold, silver",
            "subnets: a value is required: give it with --set subnets=A,B or in a values file — Subnet IDs",
            "--set zones: \"c\" is not one of a, b",
            "--set password: the value does not match the pattern [!-~]{12,}",
        ])
        XCTAssertFalse(found.joined().contains("short"), "a secret value is never shown")
    }

    func testBoundsEmptyListsAndControlCharacters() throws {
        let t = try template()
        let found = problems {
            _ = try resolve(t, ParameterInput(assignments: ["replicas=0", "subnets=", "name=a\nb", "password=abc\ndefghijklmnop"]))
        }
        XCTAssertEqual(found, [
            "--set name: \"a\nb\" contains a line break",
            "--set name: \"a\nb\" does not match the pattern [a-z]+",
            "--set replicas: 0 is less than the minimum 1",
            "--set subnets: at least one item is required",
            "--set password: the value contains a line break",
            "--set password: the value does not match the pattern [!-~]{12,}",
        ])
        XCTAssertEqual(problems { _ = try resolve(t, ParameterInput(assignments: ["replicas=6", "subnets=x"])) }, [
            "--set replicas: 6 is more than the maximum 5",
            "--set subnets: \"x\" does not match the pattern subnet-[0-9]+",
        ])
    }

    func testSetWinsOverValuesFileAndLaterSetWins() throws {
        let t = try template()
        let file = "name: api\nreplicas: 3\nsubnets: [subnet-7]\ntls: true\n"
        let resolved = try resolve(t, ParameterInput(assignments: ["replicas=4", "replicas=5"], valuesFile: ("v.yaml", Array(file.utf8))))
        XCTAssertEqual(resolved.value(of: "name"), .string("api"))
        XCTAssertEqual(resolved.value(of: "replicas"), .integer(5))
        XCTAssertEqual(resolved.value(of: "tls"), .boolean(true))
        XCTAssertEqual(resolved.value(of: "subnets"), .list(["subnet-7"]))
    }

    func testValuesFileProblemsArePositioned() throws {
        let t = try template()
        let file = """
            name: 12
            replicas: "2"
            tls: 1
            size: 1.5
            subnets: subnet-1
            zones: [a, {x: 1}]
            passwrd: x
            password: tooshort

            """
        XCTAssertEqual(problems { _ = try resolve(t, ParameterInput(valuesFile: ("v.yaml", Array(file.utf8)))) }, [
            "v.yaml:2:11: replicas: expected an integer, not a string",
            "v.yaml:3:6: tls: expected a boolean, not a number",
            "v.yaml:4:7: size: a number with a fraction is not a quantity as written; quote it",
            "v.yaml:5:10: subnets: expected a list, not a string",
            "v.yaml:6:8: zones: a list item is an object, not a string",
            "v.yaml:7:1: passwrd: not a parameter of template t; did you mean password?",
            "v.yaml:1:7: name: \"12\" does not match the pattern [a-z]+",
            "subnets: a value is required: give it with --set subnets=A,B or in a values file — Subnet IDs",
            "v.yaml:8:11: password: the value does not match the pattern [!-~]{12,}",
        ])
        XCTAssertEqual(problems { _ = try resolve(t, ParameterInput(valuesFile: ("v.yaml", Array("- a\n".utf8)))) }, [
            "v.yaml:1:1: a values file holds a mapping of parameter names to values, not an array",
            "subnets: a value is required: give it with --set subnets=A,B or in a values file — Subnet IDs",
        ])
        XCTAssertEqual(problems { _ = try resolve(t, ParameterInput(assignments: ["subnets=subnet-1"], valuesFile: ("v.yaml", Array("a: [".utf8)))) }.count, 1)
        // An empty values file gives nothing.
        XCTAssertNoThrow(try resolve(t, ParameterInput(assignments: ["subnets=subnet-1"], valuesFile: ("v.yaml", []))))
    }

    func testSecretThatCannotBeGenerated() throws {
        let t = try makeTemplate("""
            name: t
            description: d
            parameters:
            - {name: pin, type: string, secret: true, pattern: "[0-9]{4}"}
            """)
        XCTAssertEqual(problems { _ = try resolve(t) }, ["pin: cannot generate a value that matches the pattern [0-9]{4}; give one"])
        XCTAssertEqual(try resolve(t, ParameterInput(assignments: ["pin=1234"])).value(of: "pin"), .string("1234"))
    }

    func testClosestName() {
        XCTAssertEqual(ParameterResolver.closestName(to: "Replicas", in: ["replicas", "name"]), "replicas")
        XCTAssertEqual(ParameterResolver.closestName(to: "replica", in: ["replicas", "name"]), "replicas")
        XCTAssertEqual(ParameterResolver.closestName(to: "nmae", in: ["replicas", "name"]), "name")
        XCTAssertNil(ParameterResolver.closestName(to: "colour", in: ["replicas", "name"]))
        XCTAssertNil(ParameterResolver.closestName(to: "", in: ["ab"]))
        XCTAssertEqual(ParameterResolver.closestName(to: "", in: ["a"]), "a")
    }
}
