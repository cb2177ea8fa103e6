#!/usr/bin/env python3
"""Schema bundle load time: runs kit-schema-bench (release) in fresh processes and prints the
median of each measurement, plus the wall time of whole `kit explain` runs for context.

    swift build -c release --product kit-schema-bench --product kit
    python3 bench/schema.py [--runs 21] [--bin .build/release]
"""
import argparse, json, os, statistics, subprocess, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"))
    a = ap.parse_args()
    rows = []
    for _ in range(a.runs):
        out = subprocess.run([os.path.join(a.bin, "kit-schema-bench")], check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out))
    print("kit-schema-bench, median of %d fresh processes:" % a.runs)
    for key in rows[0]:
        values = [r[key] for r in rows]
        print("  %-16s %10.2f   (min %.2f, max %.2f)" % (key, statistics.median(values), min(values), max(values)))
    kit = os.path.join(a.bin, "kit")
    if not os.path.exists(kit):
        return
    for args in (["version"], ["explain", "pods"], ["explain", "deployment.spec.template.spec.containers"], ["explain", "pods", "--recursive"]):
        times = []
        for _ in range(a.runs):
            t = time.perf_counter()
            subprocess.run([kit] + args, check=True, capture_output=True)
            times.append((time.perf_counter() - t) * 1000)
        print("  kit %-48s %7.2f ms wall (median)" % (" ".join(args), statistics.median(times)))


if __name__ == "__main__":
    main()
