#!/usr/bin/env python3
"""Regenerates the generated half of this example cluster snapshot:

    pods.json        kubectl get pods -A -o json          (../shared/bench/gen_snapshot.py)
    nodes.json       kubectl get nodes -o json            (same cluster model)
    services.json    kubectl get services -A -o json      (same cluster model)
    podmetrics.json  kubectl get pods.metrics.k8s.io -A -o json: usage for the running
                     pods, derived from pods.json (deterministic)
    nodemetrics.json kubectl get nodes.metrics.k8s.io -o json: every node but the last

workloads.yaml is written by hand: the objects the generator does not make (deployments,
daemonsets, jobs, secrets, a CRD and its objects, …) and edge cases.

    python3 examples/cluster/generate.py [--shared ../shared]
"""
import argparse, json, os, random, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ARGS = ["--pods", "48", "--nodes", "5", "--seed", "3"]
NOW = "2025-03-01T12:00:00Z"


def generate(shared, kind, out):
    subprocess.run([sys.executable, os.path.join(shared, "bench", "gen_snapshot.py"), "--kind", kind] + ARGS +
                   ["--out", os.path.join(HERE, out)], check=True)


def pod_metrics(pods):
    rng = random.Random("kit-example-metrics")
    items = []
    for pod in pods["items"]:
        if pod["status"].get("phase") != "Running":
            continue
        containers = []
        for c in pod["spec"]["containers"]:
            cpu = rng.choice([0, 1, 2, 5, 12, 40, 85, 150, 420, 999]) * 1_000_000 + rng.randrange(0, 1_000_000)
            memory = rng.choice([4, 16, 48, 96, 200, 512, 1024]) * 1024 + rng.randrange(0, 1024)
            containers.append({"name": c["name"], "usage": {"cpu": "%dn" % cpu, "memory": "%dKi" % memory}})
        meta = pod["metadata"]
        items.append({
            "apiVersion": "metrics.k8s.io/v1beta1", "kind": "PodMetrics",
            "metadata": {"creationTimestamp": NOW, "labels": meta.get("labels", {}), "name": meta["name"],
                         "namespace": meta["namespace"]},
            "timestamp": "2025-03-01T11:59:41Z", "window": "15.039s", "containers": containers})
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


def node_metrics(nodes):
    rng = random.Random("kit-example-node-metrics")
    items = []
    for node in nodes["items"][:-1]:  # the last node has no metrics: kubectl top shows <unknown>
        name = node["metadata"]["name"]
        items.append({
            "apiVersion": "metrics.k8s.io/v1beta1", "kind": "NodeMetrics",
            "metadata": {"creationTimestamp": NOW, "labels": node["metadata"].get("labels", {}), "name": name},
            "timestamp": "2025-03-01T11:59:44Z", "window": "20.012s",
            "usage": {"cpu": "%dn" % rng.randrange(80_000_000, 3_500_000_000),
                      "memory": "%dKi" % rng.randrange(900_000, 12_000_000)}})
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args()
    generate(a.shared, "pods", "pods.json")
    generate(a.shared, "nodes", "nodes.json")
    generate(a.shared, "services", "services.json")
    pods = json.load(open(os.path.join(HERE, "pods.json")))
    nodes = json.load(open(os.path.join(HERE, "nodes.json")))
    for name, document in (("podmetrics.json", pod_metrics(pods)), ("nodemetrics.json", node_metrics(nodes))):
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(document, f, indent=4, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
