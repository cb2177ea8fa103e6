import KitCore
import KitModel
import XCTest

@testable import KitCreate

/// Roles, cluster roles and bindings, and the resolution of `--resource` names from the schema
/// (checked against kubectl with a stand-in API server in the create-role* CLI cases).
final class RBACTests: XCTestCase {
    let resolver = ResourceResolver()

    func resolve(_ resource: String, _ group: String = "") -> String? {
        var warnings: [String] = []
        return resolver.resolve(resource: resource, group: group, warnings: &warnings).map { $0.group.isEmpty ? $0.resource : "\($0.resource).\($0.group)" }
    }

    func testResourceNamesResolveAsKubectlsMapperDoes() {
        XCTAssertEqual(resolve("pods"), "pods")
        XCTAssertEqual(resolve("pod"), "pods")
        XCTAssertEqual(resolve("Pods"), "pods", "the mapper lower-cases")
        XCTAssertEqual(resolve("po"), "pods")
        XCTAssertEqual(resolve("deploy"), "deployments.apps")
        XCTAssertEqual(resolve("Deployment"), "deployments.apps")
        XCTAssertEqual(resolve("rs", "apps"), "replicasets.apps")
        XCTAssertEqual(resolve("sts", "app"), "statefulsets.apps", "a group prefix expands a short name")
        XCTAssertEqual(resolve("deployments", "app"), "deployments.apps", "and matches a plural")
        XCTAssertEqual(resolve("hpa"), "horizontalpodautoscalers.autoscaling")
        XCTAssertEqual(resolve("events"), "events", "the core group has priority")
        XCTAssertNil(resolve("widgets"))
        XCTAssertNil(resolve("pods", "apps"))
    }

    func testAmbiguousShortNameWarns() {
        var warnings: [String] = []
        _ = resolver.resolve(resource: "ev", group: "", warnings: &warnings)
        XCTAssertEqual(warnings, [#"Warning: short name "ev" could also match lower priority resource events.events.k8s.io"#])
    }

    func testRoleRulesPerGroup() throws {
        var warnings: [String] = []
        let role = try Create.role(RoleOptions(
            name: "mixed", namespace: "a", verbs: ["get", "list", "get"], resources: ["pods", "deploy", "pods/log", "jobs.batch", "pod"],
            resourceNames: ["x", "x"]), warnings: &warnings)
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(json(role), #"{"kind":"Role","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"mixed","namespace":"a","creationTimestamp":null},"rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["pods","pods/log"],"resourceNames":["x"]},{"verbs":["get","list"],"apiGroups":["apps"],"resources":["deployments"],"resourceNames":["x"]},{"verbs":["get","list"],"apiGroups":["batch"],"resources":["jobs"],"resourceNames":["x"]}]}"#)
    }

    func testWildcards() throws {
        var warnings: [String] = []
        let role = try Create.role(RoleOptions(name: "all", verbs: ["get", "*", "list"], resources: ["pods", "*", "nodes"]), warnings: &warnings)
        XCTAssertEqual(role.rules.map(\.verbs), [["*"]])
        XCTAssertEqual(role.rules.map(\.resources), [["*"]])
        let grouped = try Create.role(RoleOptions(name: "all", verbs: ["get"], resources: ["*.apps", "widgets"]), warnings: &warnings)
        XCTAssertEqual(grouped.rules.map(\.apiGroups), [[""], ["apps"]], "checking stops at a wildcard, as kubectl's does")
    }

    func testSpecialVerbsAndCustomResources() throws {
        var warnings: [String] = []
        XCTAssertEqual(message { try Create.role(RoleOptions(name: "r", verbs: ["bind"], resources: ["pods"]), warnings: &warnings) },
                       "can not perform 'bind' on 'pods' in group ''")
        let impersonate = try Create.role(RoleOptions(name: "r", verbs: ["impersonate"], resources: ["users", "userextras.authentication.k8s.io"]), warnings: &warnings)
        XCTAssertEqual(impersonate.rules.map(\.apiGroups), [[""], ["authentication.k8s.io"]])
        let custom = try Create.role(RoleOptions(name: "r", verbs: ["get"], resources: ["certificates.cert-manager.io"]), warnings: &warnings)
        XCTAssertEqual(custom.rules.first?.resources, ["certificates"])
        XCTAssertEqual(message { try Create.role(RoleOptions(name: "r", verbs: ["get"], resources: ["widgets.apps"]), warnings: &warnings) },
                       #"no resource type "widgets" in group "apps" in the Kubernetes v1.37.0 schema"#)
        XCTAssertEqual(message { try Create.role(RoleOptions(name: "r", verbs: ["get"], resources: ["/status"]), warnings: &warnings) },
                       "resource must be specified if apiGroup/subresource specified")
    }

    func testNonStandardVerbWarns() throws {
        var warnings: [String] = []
        _ = try Create.role(RoleOptions(name: "r", verbs: ["frob"], resources: ["pods"]), warnings: &warnings)
        XCTAssertEqual(warnings, ["Warning: 'frob' is not a standard resource verb"])
    }

    func testClusterRole() throws {
        var warnings: [String] = []
        let urls = try Create.clusterRole(RoleOptions(name: "c", verbs: ["get"], nonResourceURLs: ["/healthz", "/logs/*", "/healthz"]), warnings: &warnings)
        XCTAssertEqual(json(urls), #"{"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"c","creationTimestamp":null},"rules":[{"verbs":["get"],"nonResourceURLs":["/healthz","/logs/*"]}]}"#)
        let aggregated = try Create.clusterRole(RoleOptions(name: "c", aggregationRule: [("b", "2"), ("a", "1")]), warnings: &warnings)
        XCTAssertEqual(json(aggregated), #"{"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"c","creationTimestamp":null},"rules":null,"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"a":"1","b":"2"}}]}}"#)
        XCTAssertEqual(message { try Create.clusterRole(RoleOptions(name: "c", verbs: ["get"], nonResourceURLs: ["/a*/b"]), warnings: &warnings) },
                       "nonResourceURL only supports wildcard matches when '*' is at the end")
        XCTAssertNil(message { try Create.clusterRole(RoleOptions(name: "system:c", verbs: ["get"], nonResourceURLs: ["*"]), warnings: &warnings) })
    }

    func testBindings() throws {
        let binding = try Create.roleBinding(RoleBindingOptions(name: "b", role: "r", users: ["u"], serviceAccounts: ["ns:sa"]))
        XCTAssertEqual(json(binding), #"{"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"b","creationTimestamp":null},"subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"u"},{"kind":"ServiceAccount","name":"sa","namespace":"ns"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r"}}"#)
        let cluster = try Create.clusterRoleBinding(RoleBindingOptions(name: "b", clusterRole: "view", groups: ["g"]))
        XCTAssertEqual(json(cluster), #"{"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"b","creationTimestamp":null},"subjects":[{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"g"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"}}"#)
        XCTAssertEqual(message { try Create.roleBinding(RoleBindingOptions(name: "b", role: "r", serviceAccounts: ["a:b:c"])) }, "serviceaccount must be <namespace>:<name>")
        XCTAssertEqual(message { try Create.roleBinding(RoleBindingOptions(name: "b")) }, "exactly one of clusterrole or role must be specified")
        XCTAssertEqual(message { try Create.roleBinding(RoleBindingOptions(name: "a/b", role: "r")) },
                       #"The RoleBinding.rbac.authorization.k8s.io "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain '/'"#)
    }
}
