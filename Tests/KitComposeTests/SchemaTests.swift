import KitCore
import XCTest

@testable import KitCompose

final class SchemaTests: XCTestCase {
    func node(_ yaml: String) throws -> Node {
        let doc = try YAMLReader.read(yaml, file: "t.yaml", options: YAMLReader.Options(positions: true))[0]
        return Node(value: doc.value, positions: doc.positions, fallback: doc.location)
    }

    func testSpecSchemaCompilesAndAccepts() throws {
        let problems = ComposeLoader.specValidator.validate(try node("""
            services:
              web:
                image: nginx
                ports: ["80:80", {target: 443, published: "8443"}]
                environment: {A: 1, B: null}
                deploy: {replicas: 2, resources: {limits: {cpus: "0.5", memory: 512M}}}
                x-custom: anything
            volumes:
              data: {}
            x-top: 1
            """))
        XCTAssertEqual(problems.map(\.message), [])
    }

    func testProblemsArePositioned() throws {
        let problems = ComposeLoader.specValidator.validate(try node("""
            services:
              web:
                image: nginx
                restar: always
                ports: 80
            """))
        XCTAssertEqual(problems.count, 2)
        let unknown = problems.first { $0.message.contains("restar") }
        XCTAssertEqual(unknown?.path.description, "services.web")
        XCTAssertEqual(unknown?.location.line, 4)
        XCTAssertEqual(unknown?.location.column, 5)
        XCTAssertTrue(unknown?.message.contains("did you mean \"restart\"") ?? false)
        let type = problems.first { $0.path.description == "services.web.ports" }
        XCTAssertEqual(type?.message, "must be a list, not an integer")
    }

    func testSmallSchema() throws {
        let schema = try JSONReader.read("""
            {"type": "object", "required": ["a"], "additionalProperties": false,
             "properties": {"a": {"type": "integer", "minimum": 1, "maximum": 3},
                            "b": {"enum": ["x", "y"]}, "c": {"type": "array", "uniqueItems": true},
                            "d": {"$ref": "#/definitions/d"}},
             "definitions": {"d": {"type": "string", "pattern": "^[a-z]+$"}}}
            """)
        let validator = SchemaValidator(schema: schema)
        XCTAssertEqual(validator.validate(try node("a: 2\nb: x\nc: [1, 2]\nd: abc\n")).count, 0)
        let messages = validator.validate(try node("a: 5\nb: z\nc: [1, 1]\nd: ABC\ne: 1\n")).map(\.message)
        XCTAssertEqual(messages.count, 5)
        XCTAssertEqual(validator.validate(try node("b: x\n")).map(\.message), ["missing the required key \"a\""])
    }
}
