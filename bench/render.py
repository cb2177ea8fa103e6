#!/usr/bin/env python3
"""Benchmark kit render against kubectl kustomize on generated kustomize trees.

    python3 bench/render.py [--runs 3] [--sizes 100,1000] [--kit-only-sizes 5000,20000]

Trees come from ../shared/bench/gen_kustomize_tree.py (into bench/data/trees/, not
committed); the entry point is <tree>/overlays/prod. For each size in --sizes, kit and
kubectl kustomize run side by side, interleaved, and their outputs are compared byte for
byte before timing. For --kit-only-sizes only kit runs (kubectl takes about 13 minutes at
5000 resources), to show how kit's time grows with the tree. Reports wall time (median),
peak RSS, the speed-up and the memory ratio, and kit's seconds per 1000 resources.
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


def timed(cmd):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr.decode()[-1500:]))
    rss = int(p.stderr.decode().strip().splitlines()[-1])
    return wall, rss, p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--kit-only-sizes", default="5000,20000")
    ap.add_argument("--wordpress", action="store_true", help="also time examples/wordpress")
    a = ap.parse_args()
    if not os.path.exists(KIT):
        sys.exit("build first: swift build -c release --product kit")
    rows = []
    targets = []
    if a.wordpress:
        targets.append(("examples/wordpress", os.path.join(ROOT, "examples", "wordpress"), True))
    targets += [("n=%s" % n, tree(int(n)), True) for n in a.sizes.split(",") if n]
    targets += [("n=%s" % n, tree(int(n)), False) for n in a.kit_only_sizes.split(",") if n]
    for label, path, with_kubectl in targets:
        kit_t, kit_m, kk_t, kk_m = [], [], [], []
        runs = a.runs if with_kubectl or True else 1
        for i in range(runs):
            t, m, out_kit = timed([KIT, "render", path])
            kit_t.append(t); kit_m.append(m)
            if with_kubectl:
                t, m, out_kk = timed(["kubectl", "kustomize", path])
                kk_t.append(t); kk_m.append(m)
                if i == 0 and out_kit != out_kk:
                    sys.exit("%s: kit's output differs from kubectl kustomize's" % label)
        rows.append((label, statistics.median(kit_t), statistics.median(kit_m) / 1024,
                     statistics.median(kk_t) if kk_t else None, statistics.median(kk_m) / 1024 if kk_m else None))
    print("# kit render vs kubectl kustomize\n")
    print("| tree | kit s | kit RSS MB | kubectl s | kubectl RSS MB | speed-up | memory ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, kt, km, ct, cm in rows:
        if ct is None:
            print("| %s | %.3f | %.0f | — | — | — | — |" % (label, kt, km))
        else:
            print("| %s | %.3f | %.0f | %.3f | %.0f | %.1f× | %.2f |" % (label, kt, km, ct, cm, ct / kt, km / cm))
    sizes = [(int(l.split("=")[1]), kt) for l, kt, _, _, _ in rows if l.startswith("n=")]
    if len(sizes) > 1:
        print("\nkit seconds per 1000 resources: " + ", ".join("n=%d: %.3f" % (n, t / n * 1000) for n, t in sizes))


if __name__ == "__main__":
    main()
