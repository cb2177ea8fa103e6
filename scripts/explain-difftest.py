#!/usr/bin/env python3
"""Differential test of `kit explain` against the real `kubectl explain` (through
scripts/explain-oracle.py's stand-in server): every resource, every resource --recursive, and
every field path down to --depth levels of the kinds given with --deep (default: a few).

    scripts/explain-difftest.py [--kit .build-modelgen/debug/kit] [--depth 3] [--deep pods,deployments]

Prints each difference and a summary; exits 1 if any output differs.
"""
import argparse, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kit", default=os.path.join(ROOT, ".build-modelgen/debug/kit"))
    ap.add_argument("--modelgen", default=os.path.join(ROOT, ".build-modelgen/debug/kit-modelgen"))
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--deep", default="pods,deployments,services,cronjobs,ingresses,customresourcedefinitions,horizontalpodautoscalers")
    a = ap.parse_args()

    resources = [json.loads(l) for l in subprocess.run([a.modelgen, "--resources"], check=True, capture_output=True, text=True).stdout.splitlines()]
    cases = []
    seen = set()
    for r in resources:
        name = r["plural"] + ("." + r["group"] if r["group"] else "")
        if name in seen:
            continue
        seen.add(name)
        cases.append(["explain", name])
        cases.append(["explain", name, "--recursive"])
    cases += [["explain", "hpa", "--api-version", "autoscaling/v1"], ["explain", "nosuch"], ["explain", "pods.spec.nosuch"],
              ["explain", "po"], ["explain", "Deployment.spec.template"], ["explain", "pods.metadata.labels"],
              ["explain", "pods.spec.containers.name.foo"], ["explain", "deployments.apps.spec.strategy"]]

    # Field paths: walk kit's own listing of field names (the FIELDS section), level by level.
    def fields_of(path):
        out = subprocess.run([a.kit, "explain", path], capture_output=True, text=True).stdout
        names = []
        if "FIELDS:\n" in out:
            for line in out.split("FIELDS:\n", 1)[1].splitlines():
                if line.startswith("  ") and not line.startswith("   ") and "\t" in line:
                    names.append(line.strip().split("\t")[0])
        return names

    frontier = a.deep.split(",")
    for _ in range(a.depth):
        next_frontier = []
        for path in frontier:
            for f in fields_of(path):
                child = path + "." + f
                cases.append(["explain", child])
                next_frontier.append(child)
        frontier = next_frontier

    oracle = subprocess.run([os.path.join(ROOT, "scripts/explain-oracle.py"), "--batch"],
                            input="".join(json.dumps(c) + "\n" for c in cases), capture_output=True, text=True)
    results = [json.loads(l) for l in oracle.stdout.splitlines()]
    assert len(results) == len(cases), oracle.stderr
    differ = 0
    for case, want in zip(cases, results):
        got = subprocess.run([a.kit] + case, capture_output=True, text=True)
        if want["status"] == 0 or got.returncode == 0:
            same = got.stdout == want["stdout"] and (got.returncode == 0) == (want["status"] == 0)
        else:
            same = True  # both fail; the messages are kit's own
        if not same:
            differ += 1
            print("DIFF: kit " + " ".join(case))
            import difflib
            for line in list(difflib.unified_diff(want["stdout"].splitlines(), got.stdout.splitlines(), "kubectl", "kit", lineterm=""))[:30]:
                print("    " + line)
            if got.returncode:
                print("    kit stderr: " + got.stderr.strip())
            if want["status"]:
                print("    kubectl stderr: " + want["stderr"].strip())
    print("%d cases, %d differ" % (len(cases), differ))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
