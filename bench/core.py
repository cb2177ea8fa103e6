#!/usr/bin/env python3
"""Benchmark kit's YAML and JSON readers and writers against the reference tools.

    python3 bench/core.py [--runs 3] [--json-pods 8000] [--yaml-pods 6000]

Makes its workloads with ../shared/bench/gen_snapshot.py (into bench/data/, not committed):
a ~100 MB pod snapshot (JSON, as `kubectl get pods -A -o json` prints it) and a ~30 MB YAML
stream of the same kind of pods, one document per pod. Then it measures, side by side and
interleaved (so machine drift cancels out in the ratios):

  YAML parse         kit-bench parse-yaml        vs PyYAML CSafeLoader (load_all)
  YAML parse + emit  kit convert --to yaml -S    vs PyYAML CSafeLoader + CSafeDumper
  JSON parse         kit-bench parse-json        vs Python json.loads
  JSON parse (proc)  kit-bench parse-json (whole process) vs jq 1.6 `jq empty`
  JSON parse + emit  kit convert --to json       vs jq 1.6 `jq .`, Python json.load + dumps
  memory             heap held by kit's parsed snapshot / its text size; peak RSS of each tool

"parse" rows time the parse inside the process (no start-up, no file read); "proc" and
"parse + emit" rows time whole processes writing to /dev/null. Each figure is the median
of --runs runs. Prints a Markdown report.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
DATA = os.path.join(ROOT, "bench", "data")
KIT = os.path.join(ROOT, ".build", "release", "kit")
KIT_BENCH = os.path.join(ROOT, ".build", "release", "kit-bench")

PY_YAML_PARSE = """
import sys, time, yaml
data = open(sys.argv[1], 'rb').read()
t = time.perf_counter()
docs = list(yaml.load_all(data, Loader=yaml.CSafeLoader))
print(time.perf_counter() - t)
"""
PY_YAML_ROUNDTRIP = """
import sys, yaml
docs = list(yaml.load_all(open(sys.argv[1], 'rb').read(), Loader=yaml.CSafeLoader))
sys.stdout.write(yaml.dump_all(docs, Dumper=yaml.CSafeDumper, default_flow_style=False))
"""
PY_JSON_PARSE = """
import sys, time, json
data = open(sys.argv[1], 'rb').read()
t = time.perf_counter()
v = json.loads(data)
print(time.perf_counter() - t)
"""
PY_JSON_ROUNDTRIP = """
import sys, json
v = json.loads(open(sys.argv[1], 'rb').read())
sys.stdout.write(json.dumps(v, indent=2, ensure_ascii=False))
"""


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak RSS in KB, stdout text)."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.PIPE if stdout is None else stdout,
                       stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr.decode()[-2000:]))
    rss = int(p.stderr.decode().strip().splitlines()[-1])
    return wall, rss, (p.stdout.decode() if p.stdout else "")


def ensure_data(json_pods, yaml_pods):
    os.makedirs(DATA, exist_ok=True)
    gen = os.path.join(SHARED, "gen_snapshot.py")
    json_path = os.path.join(DATA, "pods-%d.json" % json_pods)
    if not os.path.exists(json_path):
        subprocess.run([sys.executable, gen, "--pods", str(json_pods), "--nodes", str(max(json_pods // 50, 10)),
                        "--seed", "1", "--out", json_path], check=True)
    yaml_path = os.path.join(DATA, "pods-%d-stream.yaml" % yaml_pods)
    if not os.path.exists(yaml_path):
        source = os.path.join(DATA, "pods-%d.json" % yaml_pods)
        if not os.path.exists(source):
            subprocess.run([sys.executable, gen, "--pods", str(yaml_pods), "--nodes", str(max(yaml_pods // 50, 10)),
                            "--seed", "2", "--out", source], check=True)
        items = json.load(open(source))["items"]
        lines = os.path.join(DATA, "pods-%d.jsonl" % yaml_pods)
        with open(lines, "w") as f:
            for item in items:
                f.write(json.dumps(item) + "\n")
        # One YAML document per pod, in kubectl's style (written by kit; PyYAML reads it too).
        with open(yaml_path, "wb") as out:
            subprocess.run([KIT, "convert", "--to", "yaml", lines], stdout=out, check=True)
    return json_path, yaml_path


def median(xs):
    return statistics.median(xs)


def measure(label, commands, runs, size):
    """commands: list of (name, kind, cmd) where kind is 'internal' (cmd prints seconds),
    'kit-internal' (kit-bench JSON line) or 'process'. Interleaves the runs."""
    times = {name: [] for name, _, _ in commands}
    rss = {name: [] for name, _, _ in commands}
    for _ in range(runs):
        for name, kind, cmd in commands:
            if kind == "process":
                wall, peak, _ = run(cmd)
                times[name].append(wall)
            else:
                wall, peak, out = run(cmd, stdout=None)
                if kind == "kit-internal":
                    times[name].append(json.loads(out)["seconds"])
                else:
                    times[name].append(float(out.strip().splitlines()[-1]))
            rss[name].append(peak)
    rows = []
    for name, _, _ in commands:
        t = median(times[name])
        rows.append((label, name, t, size / t / 1e6, median(rss[name]) / 1024))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json-pods", type=int, default=8000)
    ap.add_argument("--yaml-pods", type=int, default=6000)
    a = ap.parse_args()
    for tool in (KIT, KIT_BENCH):
        if not os.path.exists(tool):
            sys.exit("build first: swift build -c release --product kit && swift build -c release --product kit-bench")
    json_path, yaml_path = ensure_data(a.json_pods, a.yaml_pods)
    json_size, yaml_size = os.path.getsize(json_path), os.path.getsize(yaml_path)
    jq = shutil.which("jq")
    jq_version = subprocess.run([jq, "--version"], capture_output=True, text=True).stdout.strip() if jq else "missing"
    py = sys.executable

    rows = []
    rows += measure("YAML parse", [
        ("kit", "kit-internal", [KIT_BENCH, "parse-yaml", yaml_path, "--repeat", "1"]),
        ("PyYAML CSafeLoader", "internal", [py, "-c", PY_YAML_PARSE, yaml_path]),
    ], a.runs, yaml_size)
    rows += measure("YAML parse + emit", [
        ("kit convert --to yaml --sort-keys", "process", [KIT, "convert", "--to", "yaml", "--sort-keys", yaml_path]),
        ("PyYAML CSafeLoader + CSafeDumper", "process", [py, "-c", PY_YAML_ROUNDTRIP, yaml_path]),
    ], a.runs, yaml_size)
    rows += measure("JSON parse", [
        ("kit", "kit-internal", [KIT_BENCH, "parse-json", json_path, "--repeat", "1"]),
        ("Python json.loads", "internal", [py, "-c", PY_JSON_PARSE, json_path]),
    ], a.runs, json_size)
    proc = [("kit (whole process)", "process", [KIT_BENCH, "parse-json", json_path, "--repeat", "1"])]
    if jq:
        proc.append(("%s jq empty" % jq_version, "process", [jq, "empty", json_path]))
    rows += measure("JSON parse (process)", proc, a.runs, json_size)
    roundtrip = [("kit convert --to json", "process", [KIT, "convert", "--to", "json", json_path])]
    if jq:
        roundtrip.append(("%s jq ." % jq_version, "process", [jq, ".", json_path]))
    roundtrip.append(("Python json.load + dumps", "process", [py, "-c", PY_JSON_ROUNDTRIP, json_path]))
    rows += measure("JSON parse + emit", roundtrip, a.runs, json_size)

    _, _, out = run([KIT_BENCH, "memory", json_path], stdout=None)
    heap = json.loads(out)["heap"]

    print("# kit core benchmark\n")
    print("Inputs: `%s` (%.1f MB JSON, %d pods), `%s` (%.1f MB YAML stream, %d documents); median of %d runs.\n"
          % (os.path.basename(json_path), json_size / 1e6, a.json_pods, os.path.basename(yaml_path),
             yaml_size / 1e6, a.yaml_pods, a.runs))
    print("| workload | tool | seconds | MB/s | peak RSS MB | kit speed-up |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    by_label = {}
    for label, name, t, mbs, peak in rows:
        by_label.setdefault(label, []).append((name, t, mbs, peak))
    for label, entries in by_label.items():
        kit_t = entries[0][1]
        for name, t, mbs, peak in entries:
            ratio = "" if name.startswith("kit") else "%.1f×" % (t / kit_t)
            print("| %s | %s | %.3f | %.1f | %.0f | %s |" % (label, name, t, mbs, peak, ratio))
    print("\nParsed snapshot held %.1f MB of heap for %.1f MB of JSON text: **%.2f×** the text size."
          % (heap / 1e6, json_size / 1e6, heap / json_size))


if __name__ == "__main__":
    main()
