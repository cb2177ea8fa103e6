import KitCore
import XCTest

@testable import KitModel

/// The typed models' semantics: views over an object, lossless assignment, empty containers.
final class TypedModelTests: XCTestCase {
    func testBuildingADeploymentThroughNestedFields() throws {
        var d = Apps.V1.Deployment()
        d.metadata.name = "web"
        d.metadata.labels["app"] = "web"
        d.spec.replicas = 3
        d.spec.selector.matchLabels["app"] = "web"
        var container = Core.V1.Container()
        container.name = "nginx"
        container.image = "nginx:1.27"
        container.ports.append(Core.V1.ContainerPort())
        container.ports[0].containerPort = 80
        container.resources.limits["cpu"] = "500m"
        d.spec.template.spec.containers = [container]
        let yaml = try YAMLWriter(keyOrder: .preserved).stream([d.toValue()])
        XCTAssertEqual(String(decoding: yaml, as: UTF8.self), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: web
              template:
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.27
                    ports:
                    - containerPort: 80
                    resources:
                      limits:
                        cpu: 500m

            """)
    }

    func testReadingDoesNotCreateEntries() {
        var d = Apps.V1.Deployment(raw: ["kind": "Deployment"])
        XCTAssertNil(d.spec.replicas)
        XCTAssertEqual(d.spec.template.spec.containers, [])
        // Writing back what was read (empty) adds nothing.
        d.spec = d.spec
        d.metadata.labels = d.metadata.labels
        XCTAssertEqual(d.raw.keys, ["kind"])
    }

    func testAssigningTheSameValueKeepsTheOriginalForm() {
        var limits = FieldMap<QuantityString>(raw: ["cpu": 1, "memory": "1Gi", "gpu": 0.5])
        XCTAssertEqual(limits["cpu"], "1")
        XCTAssertEqual(limits["gpu"]?.text, "0.5")
        XCTAssertEqual(FieldMap<QuantityString>(raw: ["memory": 1.5e7])["memory"]?.text, "15000000", "as JSON carries it, like Quantity(_:)")
        limits["cpu"] = "1"
        XCTAssertEqual(limits.raw["cpu"], .int(1), "cpu: 1 stays a number")
        limits["cpu"] = "2"
        XCTAssertEqual(limits.raw["cpu"], .string("2"))
        var spec = Apps.V1.DeploymentSpec(raw: ["replicas": 3.0])
        spec.replicas = 3
        if case .double = spec.raw["replicas"]! {} else { XCTFail("3.0 stays as written") }
        spec.replicas = nil
        XCTAssertNil(spec.raw["replicas"])
    }

    func testFieldsOfAnotherShapeAreKept() {
        // A string where the schema wants an integer: unreadable, but never dropped by a round trip.
        var spec = Apps.V1.DeploymentSpec(raw: ["replicas": "3", "extra": ["kept": true]])
        XCTAssertNil(spec.replicas)
        spec.replicas = spec.replicas
        XCTAssertEqual(spec.raw["replicas"], "3")
        XCTAssertEqual(spec.raw["extra"], ["kept": true])
        XCTAssertEqual(spec.raw.keys, ["replicas", "extra"])
    }

    func testIntOrString() {
        var port = Core.V1.ServicePort()
        port.targetPort = 8080
        XCTAssertEqual(port.raw["targetPort"], 8080)
        port.targetPort = "http"
        XCTAssertEqual(port.raw["targetPort"], "http")
        XCTAssertEqual(IntOrString(value: "25%"), .string("25%"))
        XCTAssertEqual(IntOrString(value: 3), .int(3))
        XCTAssertNil(IntOrString(value: true))
        XCTAssertEqual(IntOrString.int(3).description, "3")
    }

    func testArraysSkipElementsOfAnotherShape() {
        let c = Core.V1.Container(raw: ["args": ["a", 1, "b"]])
        XCTAssertEqual(c.args, ["a", "b"])
    }

    func testFieldMapIteratesInOrder() {
        let labels = FieldMap<String>(raw: ["b": "2", "a": "1", "n": 3])
        XCTAssertEqual(labels.map(\.key), ["b", "a"])
        XCTAssertEqual(labels.keys, ["b", "a", "n"])
        var copy = labels
        copy["a"] = nil
        XCTAssertEqual(copy.keys, ["b", "n"])
    }

    func testKindModelsKnowTheirKind() {
        XCTAssertEqual(Apps.V1.Deployment.groupVersionKind, GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))
        XCTAssertEqual(Core.V1.Pod().raw["apiVersion"], "v1")
        XCTAssertEqual(Core.V1.Pod().raw["kind"], "Pod")
        XCTAssertTrue(TypedModels.modelType(for: GroupVersionKind(apiVersion: "batch/v1", kind: "CronJob")) == Batch.V1.CronJob.self)
        XCTAssertNil(TypedModels.modelType(for: GroupVersionKind(apiVersion: "example.com/v1", kind: "Widget")))
        // Every group the models cover has kinds in the registry.
        let groups = Set(TypedModels.all.map { $0.groupVersionKind.apiVersion })
        for apiVersion in ["v1", "apps/v1", "batch/v1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1", "policy/v1", "autoscaling/v2", "storage.k8s.io/v1", "apiextensions.k8s.io/v1"] {
            XCTAssertTrue(groups.contains(apiVersion), apiVersion)
        }
    }

    func testKeywordAndSymbolFieldNames() {
        var props = APIExtensions.V1.JSONSchemaProps()
        props.ref = "#/definitions/x"
        props.`default` = ["a": 1]
        props.xKubernetesPreserveUnknownFields = true
        XCTAssertEqual(props.raw.keys, ["$ref", "default", "x-kubernetes-preserve-unknown-fields"])
    }
}
