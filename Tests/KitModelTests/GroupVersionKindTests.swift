import XCTest

@testable import KitModel

final class GroupVersionKindTests: XCTestCase {
    func testSplitsAPIVersion() {
        let d = GroupVersionKind(apiVersion: "apps/v1", kind: "Deployment")
        XCTAssertEqual(d.group, "apps")
        XCTAssertEqual(d.version, "v1")
        XCTAssertEqual(d.apiVersion, "apps/v1")
        let p = GroupVersionKind(apiVersion: "v1", kind: "Pod")
        XCTAssertEqual(p.group, "")
        XCTAssertEqual(p.apiVersion, "v1")
        XCTAssertEqual(p.description, "~G_v1_Pod")
        XCTAssertEqual(ResourceID(gvk: d, name: "web", namespace: "prod").description, "apps_v1_Deployment|prod|web")
        XCTAssertEqual(ResourceID(gvk: p, name: "x").description, "~G_v1_Pod|~X|x")
    }
}
