#!/usr/bin/env python3
"""Writes sorting.json beside this script: 400 small pods whose sort keys tie a lot (most
restart counts are 0, a few namespaces and nodes, repeated quantities in mixed notations,
some fields missing or null), so that the order Go's unstable sort leaves ties in is tested
on every path of its pattern-defeating quicksort. Deterministic."""
import json, os, random

rng = random.Random("kit-sorting")
NAMESPACES = ["default", "default", "default", "payments", "payments", "search", "kube-system"]
NODES = ["node-a", "node-b", "node-c", "node-10", "node-2", None]
CPUS = ["100m", "0.1", "250m", "0.5", "500m", "1", "1000m", "2", "1500m", None]
MEMS = ["128Mi", "134217728", "256Mi", "0.25Gi", "1Gi", "1024Mi", "500M", "2Gi", None]
items = []
for i in range(400):
    restarts = 0 if rng.random() < 0.8 else rng.choice([1, 1, 2, 3, 5, 8, 13, 40, 120])
    pod = {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "pod-%d" % rng.randrange(0, 1000), "namespace": rng.choice(NAMESPACES),
                     "creationTimestamp": "2025-02-%02dT%02d:00:00Z" % (rng.randrange(1, 28), rng.randrange(0, 24)),
                     "labels": {"app": rng.choice(["web", "api", "db", "cache"]), "idx": str(i)}},
        "spec": {"containers": [{"name": "main", "image": "busybox", "resources": {}}]},
        "status": {"phase": rng.choice(["Running"] * 8 + ["Pending", "Failed"])},
    }
    cpu, mem = rng.choice(CPUS), rng.choice(MEMS)
    if cpu:
        pod["spec"]["containers"][0]["resources"].setdefault("requests", {})["cpu"] = cpu
    if mem:
        pod["spec"]["containers"][0]["resources"].setdefault("requests", {})["memory"] = mem
    node = rng.choice(NODES)
    if node:
        pod["spec"]["nodeName"] = node
    if rng.random() < 0.9:
        pod["status"]["containerStatuses"] = [{"name": "main", "restartCount": restarts, "ready": True}]
    if rng.random() < 0.05:
        pod["spec"]["priority"] = None
    else:
        pod["spec"]["priority"] = rng.choice([0, 0, 0, 1000, 2000000000])
    pod["metadata"]["name"] += "-%d" % i
    items.append(pod)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sorting.json"), "w") as f:
    json.dump({"apiVersion": "v1", "kind": "List", "items": items, "metadata": {"resourceVersion": ""}}, f, indent=1, sort_keys=True)
    f.write("\n")
