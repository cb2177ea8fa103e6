#!/usr/bin/env python3
"""Benchmark kit validate against kubernetes-validate on 10,000 documents, and kit validate -k
on the 1000-resource kustomize tree.

    swift build -c release --product kit
    pip install kubernetes-validate
    python3 bench/validate.py [--runs 5] [--docs 10000] [--reference-runs 1]

Documents: `kit render` of ../shared/bench/gen_kustomize_tree.py's tree of 10,000 resources
(Deployments with env, probes and volumes, Services, ConfigMaps, Secrets, ServiceAccounts,
Ingresses, HPAs; about 1.3 KB each), cut to --docs documents, as one YAML stream and as a
JSON sequence (written to bench/data/, not committed).

Measured, each as the median of --runs fresh processes (kubernetes-validate: --reference-runs):
- kubernetes-validate --strict -k 1.37.0 on the YAML stream (the reference);
- kit validate --strict --rules schema on the same stream (the same checks), and on the JSON;
- kit validate with every family (syntax, schema, values, refs, lint) on the YAML;
- kit validate -k on overlays/prod of the 1000-resource tree (goal: under 0.5 s).
CPU time (user + system of the process) is reported beside wall time: on a shared machine it
is the steadier of the two. Both tools must accept every document (exit 0) before timing.
"""
import argparse, os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
DATA = os.path.join(ROOT, "bench", "data")
KIT = os.path.join(ROOT, ".build", "release", "kit")


def tree(n):
    path = os.path.join(DATA, "trees", "n%d" % n)
    if not os.path.exists(os.path.join(path, "overlays", "prod")):
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_kustomize_tree.py"), "--resources", str(n), "--seed", "1",
                        "--out", path], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(path, "overlays", "prod")


def documents(count):
    """The first `count` documents of the rendered 10,000-resource tree, as YAML and JSON."""
    yaml_path = os.path.join(DATA, "validate-%d.yaml" % count)
    json_path = os.path.join(DATA, "validate-%d.json" % count)
    if not os.path.exists(yaml_path) or not os.path.exists(json_path):
        rendered = subprocess.run([KIT, "render", tree(max(count, 10000))], check=True, capture_output=True).stdout.decode()
        docs = rendered.split("\n---\n")[:count]
        if len(docs) < count:
            sys.exit("the tree rendered only %d documents" % len(docs))
        with open(yaml_path, "w") as f:
            f.write("\n---\n".join(docs) + "\n")
        with open(json_path, "wb") as f:
            f.write(subprocess.run([KIT, "convert", "--to", "json", yaml_path], check=True, capture_output=True).stdout)
    return yaml_path, json_path


def timed(cmd, ok=(0,)):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + cmd, capture_output=True)
    wall = time.perf_counter() - t
    if p.returncode not in ok:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr.decode()[-2000:]))
    rss, user, system = p.stderr.decode().strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss)


def median_of(cmd, runs, ok=(0,)):
    rows = [timed(cmd, ok) for _ in range(runs)]
    return statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows), max(r[2] for r in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--reference-runs", type=int, default=1, help="runs of kubernetes-validate (about 3 minutes each)")
    ap.add_argument("--no-reference", action="store_true", help="time kit only")
    a = ap.parse_args()
    if not os.path.exists(KIT):
        sys.exit("build first: swift build -c release --product kit")
    yaml_path, json_path = documents(a.docs)
    n = a.docs
    rows = []

    def row(name, cmd, runs, ok=(0,), per_document=True):
        wall, cpu, rss = median_of(cmd, runs, ok)
        rows.append((name, wall, cpu, rss, per_document))
        rate = "%9.0f docs/s (cpu)" % (n / cpu) if per_document else " " * 20
        print("%-58s wall %7.3f s  cpu %7.3f s  %s  rss %d MB" % (name, wall, cpu, rate, rss // 1024), flush=True)
        return wall, cpu

    reference = None
    if not a.no_reference:
        if shutil.which("kubernetes-validate") is None:
            sys.exit("pip install kubernetes-validate (or --no-reference)")
        reference = row("kubernetes-validate --strict -k 1.37.0 (YAML)",
                        ["kubernetes-validate", "--strict", "--quiet", "-k", "1.37.0", yaml_path], a.reference_runs)
    kit_schema = row("kit validate --strict --rules schema (YAML)", [KIT, "validate", "--strict", "--rules", "schema", yaml_path], a.runs)
    kit_json = row("kit validate --strict --rules schema (JSON)", [KIT, "validate", "--strict", "--rules", "schema", json_path], a.runs)
    row("kit validate, all families (YAML; lint findings exit 0)", [KIT, "validate", yaml_path], a.runs)
    row("kit validate --rules syntax (YAML: reading alone)", [KIT, "validate", "--rules", "syntax", yaml_path], a.runs)
    k_wall, k_cpu = row("kit validate -k n=1000 overlays/prod (all families)", [KIT, "validate", "-k", tree(1000)], a.runs,
                        per_document=False)
    row("kit render n=1000 overlays/prod (for comparison)", [KIT, "render", tree(1000)], a.runs, per_document=False)

    print()
    print("| command (input) | wall s | CPU s | documents/s (CPU) | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, wall, cpu, rss, per_document in rows:
        rate = "%.0f" % (n / cpu) if per_document else "—"
        print("| %s | %.3f | %.3f | %s | %d |" % (name, wall, cpu, rate, rss // 1024))
    if reference:
        print()
        print("kit --rules schema vs kubernetes-validate: %.0f× (CPU), %.0f× (wall) on YAML; %.0f× (CPU) on JSON" % (
            reference[1] / kit_schema[1], reference[0] / kit_schema[0], reference[1] / kit_json[1]))
    print("kit --rules schema: %.0f documents/s (YAML), %.0f documents/s (JSON), CPU time on one core" % (n / kit_schema[1], n / kit_json[1]))
    print("kit validate -k on the 1000-resource tree: %.3f s wall, %.3f s CPU (goal: under 0.5 s)" % (k_wall, k_cpu))


if __name__ == "__main__":
    main()
