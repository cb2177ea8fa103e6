import KitCore
import KitModel
import XCTest

@testable import KitCreate

/// pflag's value syntax, apimachinery's string checks, and the printers.
final class SyntaxAndOutputTests: XCTestCase {
    func testGoIntegers() throws {
        XCTAssertEqual(try GoText.parseInt("42", bits: 32), 42)
        XCTAssertEqual(try GoText.parseInt("-2147483648", bits: 32), -2147483648)
        XCTAssertEqual(try GoText.parseInt("0x1F", bits: 32), 31)
        XCTAssertEqual(try GoText.parseInt("017", bits: 32), 15, "a leading 0 is octal")
        XCTAssertEqual(try GoText.parseInt("0b101", bits: 32), 5)
        XCTAssertEqual(try GoText.parseInt("1_000", bits: 32), 1000)
        XCTAssertEqual(try GoText.parseInt("+7", bits: 32), 7)
        XCTAssertThrowsError(try GoText.parseInt("2147483648", bits: 32)) { XCTAssertEqual($0 as? GoText.NumberError, .range) }
        for bad in ["", "x", "08", "0x", "1__0", "_1", "1_", "1.0", " 1"] {
            XCTAssertThrowsError(try GoText.parseInt(bad, bits: 32), bad) { XCTAssertEqual($0 as? GoText.NumberError, .syntax, bad) }
        }
        XCTAssertThrowsError(try GoText.parseDecimalUnsigned("99999x", bits: 16)) { XCTAssertEqual($0 as? GoText.NumberError, .range, "Go stops at the overflow") }
        XCTAssertThrowsError(try GoText.parseDecimalUnsigned("-1", bits: 16)) { XCTAssertEqual($0 as? GoText.NumberError, .syntax) }
    }

    func testFlagMessages() {
        // Plain sentences where kubectl prints Go's strconv errors.
        XCTAssertEqual(message { try FlagSyntax.int32("x", flag: "--port") }, #"--port: "x" is not an integer"#)
        XCTAssertEqual(message { try FlagSyntax.int32("three", flag: "-r, --replicas") }, #"--replicas: "three" is not an integer"#)
        XCTAssertEqual(message { try FlagSyntax.int32("3000000000", flag: "-r, --replicas") },
                       "--replicas: 3000000000 is out of range (-2147483648 to 2147483647)")
        XCTAssertEqual(message { try FlagSyntax.int("99999999999999999999", flag: "--node-port") },
                       "--node-port: 99999999999999999999 is out of range (-9223372036854775808 to 9223372036854775807)")
        XCTAssertEqual(message { try FlagSyntax.bool("maybe", flag: "--global-default") },
                       #"--global-default: "maybe" is not a boolean (true or false)"#)
        XCTAssertEqual(message { try FlagSyntax.stringMap(["a=b,c"], flag: "--aggregation-rule") },
                       #"invalid argument "a=b,c" for "--aggregation-rule" flag: malformed pair, expect string=string"#)
    }

    func testStringSlicesAreCSV() throws {
        XCTAssertEqual(try FlagSyntax.stringSlice(["a,b", "c"], flag: "--image"), ["a", "b", "c"])
        XCTAssertEqual(try FlagSyntax.stringSlice([""], flag: "--image"), [])
        XCTAssertEqual(try FlagSyntax.stringSlice(["a,,b", "x,"], flag: "--image"), ["a", "", "b", "x", ""])
        XCTAssertEqual(try FlagSyntax.stringSlice([#""a,b",c"#, #""say ""hi""""#], flag: "--image"), ["a,b", "c", #"say "hi""#])
        XCTAssertEqual(try FlagSyntax.stringSlice(["a\nb"], flag: "--image"), ["a"], "only the first CSV record counts")
        XCTAssertEqual(message { try FlagSyntax.stringSlice([#"a"b"#], flag: "--image") },
                       #"invalid argument "a\"b" for "--image" flag: parse error on line 1, column 2: bare " in non-quoted-field"#)
    }

    func testStringMapTrimsAndReplaces() throws {
        let pairs = try FlagSyntax.stringMap([" a = 1 ,b=2", "a=3,,"], flag: "--aggregation-rule")
        XCTAssertEqual(pairs.map(\.key), ["a", "b"])
        XCTAssertEqual(pairs.map(\.value), ["3", "2"])
    }

    func testValidationMessages() {
        XCTAssertEqual(Validation.dns1123Subdomain("a.b-c"), [])
        XCTAssertEqual(Validation.dns1123Subdomain("a..b").count, 1)
        XCTAssertEqual(Validation.dns1123Label("a.b").count, 1)
        XCTAssertEqual(Validation.dns1123Label(String(repeating: "a", count: 64)), ["must be no more than 63 characters"])
        XCTAssertEqual(Validation.dns1035Label("1a").count, 1)
        XCTAssertEqual(Validation.pathSegmentName("system:kube"), [])
        XCTAssertEqual(Validation.pathSegmentName(".."), ["may not be '..'"])
        XCTAssertEqual(Validation.pathSegmentName("a/%"), ["may not contain '/'", "may not contain '%'"])
        XCTAssertEqual(Validation.configMapKey(".hidden"), [])
        XCTAssertEqual(Validation.configMapKey("..x"), ["must not start with '..'"])
        XCTAssertEqual(Validation.envVarName("1A").first?.hasPrefix("a valid environment variable name"), true)
        XCTAssertEqual(Validation.portName("http"), [])
        XCTAssertEqual(Validation.portName("-a-"), ["must not begin or end with a hyphen"])
        XCTAssertEqual(Validation.portNumber(0), ["must be between 1 and 65535, inclusive"])
    }

    func testPrinters() throws {
        let service = try Create.service(ServiceOptions(name: "web", namespace: "prod", type: .clusterIP, tcp: ["80"]))
        XCTAssertEqual(CreateOutput.resourceName(service), "service/web")
        let role = try Create.clusterRoleBinding(RoleBindingOptions(name: "b", clusterRole: "view"))
        XCTAssertEqual(String(decoding: try CreateOutput.render(role, as: .name), as: UTF8.self),
                       "clusterrolebinding.rbac.authorization.k8s.io/b\n")
        XCTAssertEqual(yaml(try Create.namespace(name: "n")), "apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: \"n\"\nspec: {}\nstatus: {}\n")
        let json = String(decoding: try CreateOutput.render(try Create.namespace(name: "n"), as: .json), as: UTF8.self)
        XCTAssertEqual(json, "{\n    \"kind\": \"Namespace\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"n\",\n        \"creationTimestamp\": null\n    },\n    \"spec\": {},\n    \"status\": {}\n}\n")
    }

    func testSaveConfigAnnotation() throws {
        let namespace = CreateOutput.withLastAppliedConfiguration(try Create.namespace(name: "foo"))
        // kubectl v1.32: `kubectl create ns foo --save-config --dry-run=client -o json`.
        XCTAssertEqual(namespace.metadata.annotations[CreateOutput.lastAppliedAnnotation],
                       #"{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"foo","creationTimestamp":null},"spec":{},"status":{}}"# + "\n")
        let ingress = CreateOutput.withLastAppliedConfiguration(try Create.ingress(IngressOptions(name: "i", defaultBackend: "s:80", annotations: ["z=1"])))
        XCTAssertEqual(ingress.metadata.annotations.keys, [CreateOutput.lastAppliedAnnotation, "z"], "annotations stay sorted")
        XCTAssertTrue(ingress.metadata.annotations[CreateOutput.lastAppliedAnnotation]!.contains(#""annotations":{"z":"1"}"#))
    }
}
