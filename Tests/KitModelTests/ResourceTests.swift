import KitCore
import XCTest

@testable import KitModel

final class ResourceTests: XCTestCase {
    func resource(_ yaml: String) throws -> Resource {
        try XCTUnwrap(Resource(try YAMLReader.read(yaml)[0].value))
    }

    func testIdentityAndMetadata() throws {
        var r = try resource("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: prod
              labels: {app: web}
              ownerReferences:
              - {apiVersion: v1, kind: ConfigMap, name: owner, uid: "1"}
            spec: {replicas: 2}
            """)
        XCTAssertEqual(r.gvk, GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))
        XCTAssertEqual(r.id.description, "apps_v1_Deployment|prod|web")
        XCTAssertEqual(r.labels["app"], "web")
        XCTAssertEqual(r.ownerReferences.first?.name, "owner")
        XCTAssertEqual(r.isNamespaced, true)
        r.labels["tier"] = "front"
        r.annotations["note"] = "x"
        r.name = "web2"
        XCTAssertEqual(r.object["metadata"]?["labels"], ["app": "web", "tier": "front"])
        XCTAssertEqual(r.object["metadata"].map { $0.objectValue!.keys }, ["name", "namespace", "labels", "ownerReferences", "annotations"])
        let d = try XCTUnwrap(r.typed(as: Apps.V1.Deployment.self))
        XCTAssertEqual(d.spec.replicas, 2)
        XCTAssertNil(r.typed(as: Core.V1.Pod.self))
        XCTAssertTrue(r.typed() is Apps.V1.Deployment)
    }

    func testObjectsWithoutMetadata() throws {
        var r = try resource("kind: Namespace\napiVersion: v1\n")
        XCTAssertNil(r.name)
        XCTAssertEqual(r.id.description, "~G_v1_Namespace|~X|~N")
        XCTAssertEqual(r.isNamespaced, false)
        XCTAssertEqual(r.object.keys, ["kind", "apiVersion"], "reading metadata adds nothing")
        r.name = "team"
        XCTAssertEqual(r.object["metadata"], ["name": "team"])
        r.gvk = GroupVersionKind(group: "example.com", version: "v1", kind: "Widget")
        XCTAssertEqual(r.apiVersion, "example.com/v1")
        XCTAssertNil(r.isNamespaced, "custom resources are unknown")
        XCTAssertNil(r.typed())
        XCTAssertNil(Resource(.string("not an object")))
    }
}
