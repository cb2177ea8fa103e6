import KitCore
import KitModel
import XCTest

@testable import KitValidate

/// kubernetes-validate's file names and lookup, and the two compiled-in versions.
final class BundledSchemaTests: XCTestCase {
    func testFileNames() {
        XCTAssertEqual(BundledSchemas.fileName(ofDefinition: "io.k8s.api.apps.v1.Deployment"), "deployment-apps-v1")
        XCTAssertEqual(BundledSchemas.fileName(ofDefinition: "io.k8s.api.core.v1.Pod"), "pod-v1")
        XCTAssertEqual(BundledSchemas.fileName(ofDefinition: "io.k8s.apimachinery.pkg.api.resource.Quantity"), "quantity-resource")
        XCTAssertEqual(BundledSchemas.fileName(ofDefinition: "io.k8s.apimachinery.pkg.util.intstr.IntOrString"), "intorstring-util-intstr")
        XCTAssertEqual(BundledSchemas.fileName(apiVersion: "networking.k8s.io/v1", kind: "Ingress"), "ingress-networking-v1")
        XCTAssertEqual(BundledSchemas.fileName(apiVersion: "v1", kind: "ConfigMap"), "configmap-v1")
        XCTAssertEqual(BundledSchemas.fileName(apiVersion: "apps.example.com/v1", kind: "Deployment"), "deployment-apps-v1")
    }

    func testLookupFollowsKubernetesValidate() {
        let bundled = BundledSchemas(KubernetesSchema.shared)
        XCTAssertEqual(bundled.definitionName(apiVersion: "apps/v1", kind: "Deployment"), "io.k8s.api.apps.v1.Deployment")
        // The kind is lower-cased for the lookup; the schema's enum then rejects the spelling.
        XCTAssertEqual(bundled.definitionName(apiVersion: "apps/v1", kind: "deployment"), "io.k8s.api.apps.v1.Deployment")
        // Any group whose first label is "apps" finds the apps schema.
        XCTAssertEqual(bundled.definitionName(apiVersion: "apps.example.com/v1", kind: "Deployment"), "io.k8s.api.apps.v1.Deployment")
        XCTAssertNil(bundled.definitionName(apiVersion: "example.com/v1", kind: "Widget"))
        // Non-kind definitions have files too.
        XCTAssertEqual(bundled.definitionName(apiVersion: "v1", kind: "Container"), "io.k8s.api.core.v1.Container")
    }

    func testTopLevelMatchesKubernetesValidatesFiles() throws {
        let bundled = BundledSchemas(KubernetesSchema.shared)
        let top = try XCTUnwrap(bundled.documentSchema(apiVersion: "v1", kind: "Binding"))
        // Required at the definition, yet nullable at the top of the file.
        XCTAssertTrue(top.required.contains("target"))
        XCTAssertEqual(top.types, [.object])
        let intOrString = try XCTUnwrap(bundled.documentSchema(apiVersion: "util/intstr", kind: "IntOrString"))
        XCTAssertEqual(intOrString.types, [.object], "a definition without a type gets object at the top")
        XCTAssertEqual(intOrString.oneOf.map(\.types), [[.string], [.integer]], "oneOf loses null at the top")
        let definition = try XCTUnwrap(bundled.definition("io.k8s.apimachinery.pkg.util.intstr.IntOrString"))
        XCTAssertEqual(definition.oneOf.map(\.types), [[.string, .null], [.integer, .null]])
    }

    func testBundledVersions() throws {
        XCTAssertEqual(KubernetesSchema.bundledVersions, ["v1.32.0", "v1.37.0"])
        XCTAssertEqual(KubernetesSchema.bundled(version: "1.32")?.kubernetesVersion, "v1.32.0")
        XCTAssertEqual(KubernetesSchema.bundled(version: "v1.37.4")?.kubernetesVersion, "v1.37.0")
        XCTAssertNil(KubernetesSchema.bundled(version: "1.33"))
        XCTAssertNil(KubernetesSchema.bundled(version: "latest"))
        let old = BundledSchemas(try XCTUnwrap(KubernetesSchema.bundled(version: "1.32")))
        // networking.k8s.io/v1beta1 ServiceCIDR is served by 1.32, not by 1.37; v1beta3 flow
        // control by neither.
        XCTAssertNotNil(old.definitionName(apiVersion: "networking.k8s.io/v1beta1", kind: "ServiceCIDR"))
        XCTAssertNil(BundledSchemas(KubernetesSchema.shared).definitionName(apiVersion: "networking.k8s.io/v1beta1", kind: "ServiceCIDR"))
        XCTAssertNil(old.definitionName(apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", kind: "FlowSchema"))
    }

    func testUnknownVersionIsAUsageError() {
        var options = ValidateOptions()
        options.kubernetesVersion = "1.20"
        XCTAssertThrowsError(try Validator(options: options))
    }
}
