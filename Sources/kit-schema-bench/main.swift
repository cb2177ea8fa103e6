// kit-schema-bench: how long the compiled-in Kubernetes schema takes to load and answer, in a
// fresh process (bench/schema.py runs it repeatedly and reports medians). Prints one JSON line:
//
//   load_us          KubernetesSchema.shared: kind and resource indexes (nothing decoded yet)
//   resolve_kind_us  kind(for: apps/v1 Deployment) + its definition decoded
//   walk_us          spec.template.spec.containers[].ports of that Deployment, cold (4 more
//                    definitions decoded: DeploymentSpec, PodTemplateSpec, PodSpec, Container)
//   step_ns          one warm property() step, averaged over 100k steps
//   lookup_name_ns   resource(named: "deploy"), warm, averaged
//   decode_all_ms    every one of the 862 definitions decoded (what a full validation would touch)
import KitCore
import KitModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

let t0 = now()
let schema = KubernetesSchema.shared
let t1 = now()
let gvk = GroupVersionKind(apiVersion: "apps/v1", kind: "Deployment")
guard let info = schema.kind(for: gvk), let deployment = schema.node(for: info.gvk) else { fatalError("no Deployment") }
let t2 = now()
guard let ports = deployment.property("spec")?.property("template")?.property("spec")?.property("containers")?.items?.property("ports"),
    ports.patchMergeKey == "containerPort"
else { fatalError("walk failed") }
let t3 = now()

let steps = 100_000
var found = 0
let podSpec = deployment.property("spec")!.property("template")!.property("spec")!
let names = ["containers", "volumes", "nodeSelector", "affinity", "tolerations"]
let t4 = now()
for i in 0..<steps {
    if podSpec.property(names[i % names.count]) != nil { found += 1 }
}
let t5 = now()
var lookups = 0
for _ in 0..<steps {
    if schema.resource(named: "deploy") != nil { lookups += 1 }
}
let t6 = now()
var decoded = 0
for name in schema.definitionNames where schema.node(forDefinition: name) != nil { decoded += 1 }
let t7 = now()
precondition(found == steps && lookups == steps && decoded == 862)

print(
    """
    {"load_us": \((t1 - t0) / 1e3), "resolve_kind_us": \((t2 - t1) / 1e3), "walk_us": \((t3 - t2) / 1e3), \
    "step_ns": \((t5 - t4) / Double(steps)), "lookup_name_ns": \((t6 - t5) / Double(steps)), \
    "decode_all_ms": \((t7 - t6) / 1e6)}
    """)
