#!/usr/bin/env python3
"""Benchmark kit render against kubectl kustomize on generated kustomize trees.

    python3 bench/render.py [--runs 3] [--sizes 100,1000] [--kit-only-sizes 5000,20000] [--wordpress] [--real]

Trees come from ../shared/bench/gen_kustomize_tree.py (into bench/data/trees/, not
committed); the entry point is <tree>/overlays/prod. For each size in --sizes, kit and
kubectl kustomize run side by side, interleaved, and their outputs are compared byte for
byte before timing. For --kit-only-sizes only kit runs (kubectl takes about 13 minutes at
5000 resources), to show how kit's time grows with the tree. Reports wall time and CPU time
(user + system, the process's own time, which other load on the machine disturbs less) as
medians, peak RSS, the speed-ups and the memory ratio, and kit's CPU seconds per 1000
resources.
Run with a release build: swift build -c release --product kit
"""
import argparse, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
DATA = os.path.join(ROOT, "bench", "data", "trees")
KIT = os.path.join(ROOT, ".build", "release", "kit")


def tree(n):
    path = os.path.join(DATA, "n%d" % n)
    if not os.path.exists(os.path.join(path, "overlays", "prod")):
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_kustomize_tree.py"), "--resources", str(n),
                        "--seed", "1", "--out", path], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(path, "overlays", "prod")


# argo-workflows' quick-start (12 MB of output, mostly CRDs): the largest build of the
# differential sweep (scripts/render-difftest.py trees), in the mirror directory beside the
# repository (KIT_MIRRORS overrides it).
MIRRORS = os.environ.get("KIT_MIRRORS", os.path.normpath(os.path.join(ROOT, "..", ".mirror")))
DEFAULT_REAL = os.path.join(MIRRORS, "argoproj+argo-workflows", "repo") + ":manifests/quick-start/postgres"


def real_label(mirror, path):
    repo = os.path.basename(os.path.dirname(mirror)) if os.path.basename(mirror) == "repo" else os.path.basename(mirror)
    return "%s/%s" % (repo.split("+")[-1], path)


def real_tree(mirror, path):
    """Extracts the mirror's HEAD (what render-difftest.py extracts) under bench/data/real/."""
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import importlib.util
    spec = importlib.util.spec_from_file_location("render_difftest", os.path.join(ROOT, "scripts", "render-difftest.py"))
    difftest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(difftest)
    rev = subprocess.run(["git", "-C", mirror, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    dest = os.path.join(ROOT, "bench", "data", "real", "%s-%s" % (real_label(mirror, "").strip("/"), rev[:12]))
    if not os.path.exists(os.path.join(dest, ".complete")):
        os.makedirs(dest, exist_ok=True)
        difftest.extract_tree(mirror, rev, dest)
        open(os.path.join(dest, ".complete"), "w").close()
    return os.path.join(dest, path)


def timed(cmd):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + cmd, capture_output=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr.decode()[-1500:]))
    rss, user, system = p.stderr.decode().strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss), p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--kit-only-sizes", default="5000,20000")
    ap.add_argument("--wordpress", action="store_true", help="also time examples/wordpress")
    ap.add_argument("--real-tree", action="append", default=[], metavar="MIRROR:PATH",
                    help="also time a real-world kustomization: PATH inside the HEAD of the git mirror MIRROR, "
                         "extracted at bench time into bench/data/real/ (never committed); "
                         "default when --real is given: %s" % DEFAULT_REAL)
    ap.add_argument("--real", action="store_true", help="also time the largest real-world tree of the differential sweep")
    a = ap.parse_args()
    if not os.path.exists(KIT):
        sys.exit("build first: swift build -c release --product kit")
    rows = []
    targets = []
    if a.wordpress:
        targets.append(("examples/wordpress", os.path.join(ROOT, "examples", "wordpress"), True))
    if a.real and not a.real_tree:
        a.real_tree = [DEFAULT_REAL]
    for spec in a.real_tree:
        mirror, path = spec.rsplit(":", 1)
        targets.append((real_label(mirror, path), real_tree(mirror, path), True))
    targets += [("n=%s" % n, tree(int(n)), True) for n in a.sizes.split(",") if n]
    targets += [("n=%s" % n, tree(int(n)), False) for n in a.kit_only_sizes.split(",") if n]
    for label, path, with_kubectl in targets:
        kit, kubectl = [], []  # (wall, cpu, rss) per run
        for i in range(a.runs):
            wall, cpu, rss, out_kit = timed([KIT, "render", path])
            kit.append((wall, cpu, rss))
            if with_kubectl:
                wall, cpu, rss, out_kk = timed(["kubectl", "kustomize", path])
                kubectl.append((wall, cpu, rss))
                if i == 0 and out_kit != out_kk:
                    sys.exit("%s: kit's output differs from kubectl kustomize's" % label)
        med = lambda runs, k: statistics.median(r[k] for r in runs) if runs else None
        rows.append((label, med(kit, 0), med(kit, 1), med(kit, 2) / 1024,
                     med(kubectl, 0), med(kubectl, 1), med(kubectl, 2) / 1024 if kubectl else None))
    print("# kit render vs kubectl kustomize (medians of %d runs)\n" % a.runs)
    print("| tree | kit wall s | kit CPU s | kit RSS MB | kubectl wall s | kubectl CPU s | kubectl RSS MB | speed-up (wall) | speed-up (CPU) | memory ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, kw, kc, km, cw, cc, cm in rows:
        if cw is None:
            print("| %s | %.3f | %.3f | %.0f | — | — | — | — | — | — |" % (label, kw, kc, km))
        else:
            print("| %s | %.3f | %.3f | %.0f | %.3f | %.3f | %.0f | %.1f× | %.1f× | %.2f |"
                  % (label, kw, kc, km, cw, cc, cm, cw / kw, cc / max(kc, 0.001), km / cm))
    sizes = [(int(l.split("=")[1]), kc) for l, _, kc, _, _, _, _ in rows if l.startswith("n=")]
    if len(sizes) > 1:
        print("\nkit CPU seconds per 1000 resources: " + ", ".join("n=%d: %.3f" % (n, t / n * 1000) for n, t in sizes))


if __name__ == "__main__":
    main()
