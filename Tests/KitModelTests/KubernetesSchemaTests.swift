import Dispatch
import KitCore
import XCTest

@testable import KitModel

final class KubernetesSchemaTests: XCTestCase {
    let schema = KubernetesSchema.shared

    func gvk(_ apiVersion: String, _ kind: String) -> GroupVersionKind { GroupVersionKind(apiVersion: apiVersion, kind: kind) }

    func podSpec(of node: SchemaNode?) -> SchemaNode? {
        node?.property("spec")?.property("template")?.property("spec")
    }

    func testStrategicMergeKeysOfPodSpec() throws {
        XCTAssertEqual(schema.kubernetesVersion, "v1.37.0")
        let spec = try XCTUnwrap(podSpec(of: schema.node(for: gvk("apps/v1", "Deployment"))))
        XCTAssertEqual(spec.definitionName, "io.k8s.api.core.v1.PodSpec")
        let containers = try XCTUnwrap(spec.property("containers"))
        XCTAssertEqual(containers.patchMergeKey, "name")
        XCTAssertEqual(containers.patchStrategies, ["merge"])
        XCTAssertEqual(containers.listType, "map")
        XCTAssertEqual(containers.listMapKeys, ["name"])
        XCTAssertEqual(containers.type, "array")
        let volumes = try XCTUnwrap(spec.property("volumes"))
        XCTAssertEqual(volumes.patchMergeKey, "name")
        XCTAssertEqual(volumes.patchStrategies, ["merge", "retainKeys"])
        let container = try XCTUnwrap(containers.items)
        XCTAssertEqual(container.definitionName, "io.k8s.api.core.v1.Container")
        XCTAssertEqual(container.required, ["name"])
        let ports = try XCTUnwrap(container.property("ports"))
        XCTAssertEqual(ports.patchMergeKey, "containerPort")
        XCTAssertEqual(ports.patchStrategies, ["merge"])
        XCTAssertEqual(ports.listMapKeys, ["containerPort", "protocol"])
        XCTAssertEqual(container.property("volumeMounts")?.patchMergeKey, "mountPath")
        XCTAssertEqual(container.property("env")?.patchMergeKey, "name")
        XCTAssertEqual(container.property("args")?.patchStrategies, [])
        XCTAssertEqual(container.property("args")?.listType, "atomic")
        XCTAssertEqual(container.property("args")?.items?.type, "string")
        XCTAssertEqual(ports.items?.property("containerPort")?.format, "int32")
        XCTAssertEqual(ports.items?.property("containerPort")?.type, "integer")
        XCTAssertNil(container.property("noSuchField"))
        XCTAssertEqual(spec.property("tolerations")?.patchStrategies, [])
        XCTAssertEqual(spec.property("nodeSelector")?.additionalProperties?.type, "string")
        XCTAssertEqual(spec.property("nodeSelector")?.mapType, "atomic")
        let resources = container.property("resources")?.property("limits")?.additionalProperties
        XCTAssertEqual(resources?.definitionName, "io.k8s.apimachinery.pkg.api.resource.Quantity")
        XCTAssertEqual(resources?.oneOfTypes, ["string", "number"])
        XCTAssertNil(resources?.type)
    }

    func testOtherMergeKeys() throws {
        let service = try XCTUnwrap(schema.node(for: gvk("v1", "Service"))?.property("spec"))
        XCTAssertEqual(service.property("ports")?.patchMergeKey, "port")
        XCTAssertEqual(service.property("ports")?.listMapKeys, ["port", "protocol"])
        XCTAssertEqual(service.property("ports")?.items?.property("targetPort")?.definitionName, "io.k8s.apimachinery.pkg.util.intstr.IntOrString")
        let meta = try XCTUnwrap(schema.node(for: gvk("v1", "ConfigMap"))?.property("metadata"))
        XCTAssertEqual(meta.property("ownerReferences")?.patchMergeKey, "uid")
        XCTAssertEqual(meta.property("finalizers")?.patchStrategies, ["merge"])
        XCTAssertEqual(meta.property("labels")?.additionalProperties?.type, "string")
        XCTAssertEqual(meta.property("creationTimestamp")?.format, "date-time")
        let selector = schema.node(for: gvk("apps/v1", "Deployment"))?.property("spec")?.property("selector")
        XCTAssertEqual(selector?.mapType, "atomic")
        XCTAssertEqual(selector?.description, "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.")
        let role = schema.node(for: gvk("rbac.authorization.k8s.io/v1", "Role"))
        XCTAssertEqual(role?.property("rules")?.items?.property("verbs")?.type, "array")
        XCTAssertEqual(role?.property("kind")?.enumValues, ["Role"])
    }

    func testNamespacedAndClusterScopedKinds() {
        let namespaced = [("v1", "Pod"), ("v1", "Service"), ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "ServiceAccount"),
                          ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"), ("batch/v1", "CronJob"),
                          ("networking.k8s.io/v1", "Ingress"), ("rbac.authorization.k8s.io/v1", "Role"),
                          ("rbac.authorization.k8s.io/v1", "RoleBinding"), ("policy/v1", "PodDisruptionBudget"),
                          ("autoscaling/v2", "HorizontalPodAutoscaler"), ("v1", "PersistentVolumeClaim")]
        let clusterScoped = [("v1", "Namespace"), ("v1", "Node"), ("v1", "PersistentVolume"),
                             ("rbac.authorization.k8s.io/v1", "ClusterRole"), ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
                             ("apiextensions.k8s.io/v1", "CustomResourceDefinition"), ("storage.k8s.io/v1", "StorageClass"),
                             ("scheduling.k8s.io/v1", "PriorityClass"), ("networking.k8s.io/v1", "IngressClass"),
                             ("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"), ("apiregistration.k8s.io/v1", "APIService")]
        for (a, k) in namespaced { XCTAssertEqual(schema.isNamespaced(gvk(a, k)), true, k) }
        for (a, k) in clusterScoped { XCTAssertEqual(schema.isNamespaced(gvk(a, k)), false, k) }
        // Scope does not depend on the version, so old versions kit lacks still answer.
        XCTAssertEqual(schema.isNamespaced(gvk("apps/v1beta2", "Deployment")), true)
        XCTAssertEqual(schema.isNamespaced(gvk("rbac.authorization.k8s.io/v1beta1", "ClusterRole")), false)
        XCTAssertNil(schema.isNamespaced(gvk("example.com/v1", "Widget")))
        XCTAssertNil(schema.kind(for: gvk("apps/v1", "DeploymentList")), "lists are not resources")
        XCTAssertNotNil(schema.node(for: gvk("apps/v1", "DeploymentList")), "but they have a schema")
        XCTAssertNil(schema.kind(for: gvk("autoscaling/v1", "Scale")), "subresources are not resources")
    }

    func testNamesAndShortNames() {
        let pairs = ["pods": "Pod", "po": "Pod", "pod": "Pod", "Pod": "Pod", "PODS": "Pod",
                     "services": "Service", "svc": "Service", "deployments": "Deployment", "deploy": "Deployment",
                     "Deployment": "Deployment", "ds": "DaemonSet", "sts": "StatefulSet", "rs": "ReplicaSet",
                     "cm": "ConfigMap", "ns": "Namespace", "no": "Node", "pv": "PersistentVolume",
                     "pvc": "PersistentVolumeClaim", "sa": "ServiceAccount", "ing": "Ingress", "netpol": "NetworkPolicy",
                     "pdb": "PodDisruptionBudget", "hpa": "HorizontalPodAutoscaler", "cj": "CronJob", "crd": "CustomResourceDefinition",
                     "crds": "CustomResourceDefinition", "sc": "StorageClass", "pc": "PriorityClass", "quota": "ResourceQuota",
                     "limits": "LimitRange", "ep": "Endpoints", "csr": "CertificateSigningRequest", "rc": "ReplicationController",
                     "jobs": "Job", "secrets": "Secret", "roles": "Role", "clusterroles": "ClusterRole", "ev": "Event"]
        for (name, kind) in pairs {
            XCTAssertEqual(schema.resource(named: name)?.gvk.kind, kind, name)
        }
        XCTAssertNil(schema.resource(named: "nosuchthing"))
        let deployment = schema.resource(named: "deploy")
        XCTAssertEqual(deployment?.plural, "deployments")
        XCTAssertEqual(deployment?.shortNames, ["deploy"])
        XCTAssertEqual(deployment?.groupResource, "deployments.apps")
        XCTAssertEqual(deployment?.definition.definitionName, "io.k8s.api.apps.v1.Deployment")
        // Priority: the preferred version first, the core group before the others.
        XCTAssertEqual(schema.resources(named: "hpa").map(\.gvk.version), ["v2", "v1"])
        XCTAssertEqual(schema.resources(named: "events").map(\.gvk.group), ["", "events.k8s.io"])
        XCTAssertEqual(schema.kind(for: gvk("v1", "Pod"))?.shortNames, ["po"])
    }

    func testEveryResourceResolves() {
        XCTAssertGreaterThan(schema.resources.count, 80)
        for info in schema.resources {
            let node = info.definition
            XCTAssertTrue(node.groupVersionKinds.contains(info.gvk), info.description)
            XCTAssertNotNil(node.property("metadata"), info.description)
        }
    }

    func testEveryDefinitionDecodes() {
        for name in schema.definitionNames {
            let node = schema.node(forDefinition: name)
            XCTAssertNotNil(node, name)
            // Every reference inside resolves.
            for (property, child) in node?.properties ?? [] {
                _ = child.resolved
                XCTAssertFalse(property.isEmpty)
            }
        }
        XCTAssertEqual(schema.definitionNames.count, 862)
    }

    func testConcurrentWalksAgree() {
        let names = schema.definitionNames
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            for name in names[(i * 100)..<min(names.count, i * 100 + 200)] {
                XCTAssertNotNil(KubernetesSchema.shared.node(forDefinition: name)?.propertyNames)
            }
        }
    }
}
