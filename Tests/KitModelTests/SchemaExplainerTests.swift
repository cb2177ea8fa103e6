import KitCore
import XCTest

@testable import KitModel

/// `kit explain`'s resolution and printing rules; whole outputs are checked end to end against
/// kubectl's (Tests/KitCLITests/Cases/explain-*, recorded and compared with
/// scripts/explain-oracle.py).
final class SchemaExplainerTests: XCTestCase {
    let explainer = SchemaExplainer()

    func target(_ s: String, _ apiVersion: String? = nil) throws -> String {
        let t = try explainer.target(s, apiVersion: apiVersion)
        return ([t.gvk.apiVersion + " " + t.gvk.kind] + t.fieldPath).joined(separator: "|")
    }

    func testResolvesResourcesAsKubectlDoes() throws {
        XCTAssertEqual(try target("pods"), "v1 Pod")
        XCTAssertEqual(try target("po.spec.containers"), "v1 Pod|spec|containers")
        XCTAssertEqual(try target("Deployment.spec"), "apps/v1 Deployment|spec")
        XCTAssertEqual(try target("deployments.apps.spec"), "apps/v1 Deployment|spec", "the group is not a field")
        XCTAssertEqual(try target("deployments.spec."), "apps/v1 Deployment|spec", "a trailing dot is ignored")
        XCTAssertEqual(try target("hpa"), "autoscaling/v2 HorizontalPodAutoscaler", "preferred version")
        XCTAssertEqual(try target("hpa.spec", "autoscaling/v1"), "autoscaling/v1 HorizontalPodAutoscaler|spec")
        XCTAssertEqual(try target("events"), "v1 Event", "the core group first")
        // kubectl's group-prefix match sees "events" (the core resource) as a prefix of
        // "events.events.k8s.io" and takes the rest as fields; kit does the same.
        XCTAssertEqual(try target("events.events.k8s.io"), "v1 Event|events|k8s|io")
        XCTAssertEqual(try target("ev"), "v1 Event")
        XCTAssertThrowsError(try target("nosuch")) { error in
            XCTAssertEqual((error as? KitError)?.message, "no resource type \"nosuch\" in the Kubernetes v1.37.0 schema (kit knows the built-in resources, not custom ones)")
        }
        XCTAssertThrowsError(try target("hpa", "autoscaling/v9")) { error in
            XCTAssertTrue((error as? KitError)?.message.hasPrefix("couldn't find resource for \"autoscaling/v9, Resource=horizontalpodautoscalers\"") == true)
        }
        XCTAssertThrowsError(try target("hpa", "apps/v1"))
    }

    func testFieldErrors() throws {
        let t = try explainer.target("pods.spec.nosuch")
        XCTAssertThrowsError(try explainer.explain(t)) { error in
            XCTAssertEqual((error as? KitError)?.message, "field \"nosuch\" does not exist")
        }
        // A scalar has no fields; a map's keys are not fields either.
        XCTAssertThrowsError(try explainer.explain(try explainer.target("pods.spec.containers.name.foo")))
        XCTAssertThrowsError(try explainer.explain(try explainer.target("pods.metadata.labels.app")))
    }

    func testTypeNames() throws {
        let out = try explainer.explain(try explainer.target("pods.spec.containers"))
        XCTAssertTrue(out.hasPrefix("KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container> -required-\n") == false, "required is not shown on FIELD")
        XCTAssertTrue(out.contains("FIELD: containers <[]Container>\n\n\nDESCRIPTION:\n"))
        XCTAssertTrue(out.contains("  args\t<[]string>\n"))
        XCTAssertTrue(out.contains("  name\t<string> -required-\n"))
        XCTAssertTrue(out.contains("  resources\t<ResourceRequirements>\n"))
        XCTAssertTrue(out.hasSuffix("\n\n\n"), "kubectl ends with the last field's blank line and one more newline")
        let resources = try explainer.explain(try explainer.target("pods.spec.containers.resources"))
        XCTAssertTrue(resources.contains("  limits\t<map[string]Quantity>\n"))
        let ports = try explainer.explain(try explainer.target("services.spec.ports"))
        XCTAssertTrue(ports.contains("  targetPort\t<IntOrString>\n"))
        XCTAssertTrue(ports.contains("  port\t<integer> -required-\n"))
        let meta = try explainer.explain(try explainer.target("pods.metadata"))
        XCTAssertTrue(meta.contains("  creationTimestamp\t<string>\n"), "Time is a string")
        XCTAssertTrue(meta.contains("  labels\t<map[string]string>\n"))
        let crd = try explainer.explain(try explainer.target("crd.spec.versions.schema.openAPIV3Schema"))
        XCTAssertTrue(crd.contains("  default\t<JSON>\n"))
        XCTAssertTrue(crd.contains("  properties\t<map[string]JSONSchemaProps>\n"))
        // A map's value type is explained through the map (kubectl does not consume a key).
        let viaMap = try explainer.explain(try explainer.target("crd.spec.versions.schema.openAPIV3Schema.properties.default"))
        XCTAssertTrue(viaMap.contains("FIELD: default <JSON>\n"))
    }

    func testRecursiveStopsAtCycles() throws {
        let out = try explainer.explain(try explainer.target("crd.spec.versions.schema"), recursive: true)
        XCTAssertTrue(out.contains("FIELDS:\n  openAPIV3Schema\t<JSONSchemaProps>\n    $ref\t<string>\n"))
        XCTAssertLessThan(out.count, 20_000, "JSONSchemaProps refers to itself; the tree must stop")
        XCTAssertFalse(out.contains("DESCRIPTION:\n    <empty>"))
    }

    func testGoWordWrap() {
        XCTAssertEqual(GoWordWrap.wrap("aaa bbb ccc", limit: 7), "aaa bbb\nccc")
        XCTAssertEqual(GoWordWrap.wrap("aaa bbb ccc", limit: 6), "aaa\nbbb\nccc")
        // A word longer than the limit stays whole on its own line.
        XCTAssertEqual(GoWordWrap.wrap("a https://example.com/very/long b", limit: 10), "a\nhttps://example.com/very/long\nb")
        // Newlines are kept; blank lines too.
        XCTAssertEqual(GoWordWrap.wrap("one two\n\nthree", limit: 5), "one\ntwo\n\nthree")
        // A no-break space joins words.
        XCTAssertEqual(GoWordWrap.wrap("aa\u{A0}bb cc", limit: 5), "aa\u{A0}bb\ncc")
        // Width counts characters, not bytes.
        XCTAssertEqual(GoWordWrap.wrap("ééé ééé", limit: 7), "ééé ééé")
        // Trailing spaces before a newline are dropped when they would pass the limit.
        XCTAssertEqual(GoWordWrap.wrap("abcd   \nx", limit: 5), "abcd\nx")
    }

    func testUnknownNamesSuggestTheClosest() throws {
        XCTAssertThrowsError(try target("deploymnt")) { error in
            XCTAssertEqual((error as? KitError)?.message,
                           #"no resource type "deploymnt" in the Kubernetes \#(KubernetesSchema.shared.kubernetesVersion) schema; did you mean "deployment"?"#)
        }
        let pods = try explainer.target("pods.spec.contaners")
        XCTAssertThrowsError(try explainer.explain(pods)) { error in
            XCTAssertEqual((error as? KitError)?.message, "field \"contaners\" does not exist\n  did you mean \"containers\"?")
        }
        let deep = try explainer.target("deploy.spec.template.spec.containers.livenesProbe")
        XCTAssertThrowsError(try explainer.explain(deep)) { error in
            XCTAssertEqual((error as? KitError)?.message, "field \"livenesProbe\" does not exist\n  did you mean \"livenessProbe\"?")
        }
    }

    func testFieldNamesFollowThePathAsExplainDoes() throws {
        let spec = try XCTUnwrap(explainer.fieldNames(try explainer.target("deployment.spec")))
        XCTAssertTrue(spec.contains("template") && spec.contains("replicas"))
        XCTAssertEqual(spec, spec.sorted())
        // Through arrays (containers) and maps (labels hold strings: no fields).
        XCTAssertTrue(try XCTUnwrap(explainer.fieldNames(try explainer.target("pods.spec.containers"))).contains("livenessProbe"))
        XCTAssertEqual(explainer.fieldNames(try explainer.target("pods.metadata.labels")), [])
        XCTAssertNil(explainer.fieldNames(try explainer.target("pods.spec.nosuch")))
        XCTAssertTrue(explainer.resourceNames.contains("deploy"))
    }
}
