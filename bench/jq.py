#!/usr/bin/env python3
"""Benchmark `kit jq` against jq 1.6, gojq and jaq on the query recipes R1-R5 of
../shared/bench/README.md.

    python3 bench/jq.py [--runs 3] [--sizes 10k,100k] [--recipes R1,R2] [--tools kit,jq,gojq,jaq]

Snapshots come from ../shared/bench/gen_snapshot.py (pods-10k.json: 10000 pods on 200 nodes,
~122 MB; pods-100k.json: 100000 pods on 2000 nodes, ~1.2 GB) into bench/data/ (not
committed). For each recipe and size the outputs of all tools are checked first (kit's
against every other tool: the same JSON values, object key order ignored, as gojq sorts
keys; for the big identity output, a hash of the bytes against the tools that keep key
order). Then each tool runs --runs times, interleaved, with its output sent to /dev/null;
the table gives the median wall time, each tool's time as a multiple of kit's, and peak
resident memory (ru_maxrss of the process) also as a multiple of the input's size.
"""
import argparse, hashlib, json, os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
DATA = os.path.join(ROOT, "bench", "data")
KIT = os.path.join(ROOT, ".build", "release", "kit")

RECIPES = {
    "R1": ("sort by restarts", '[.items[] | {ns: .metadata.namespace, name: .metadata.name, r: ([.status.containerStatuses[]?.restartCount] | add // 0)}] | sort_by(.r) | reverse | .[:20]', []),
    "R2": ("non-running pods", '[.items[] | select(.status.phase != "Running") | .metadata.name] | length', []),
    "R3": ("pods per node", '.items | group_by(.spec.nodeName) | map({nodeName: .[0].spec.nodeName, count: length}) | sort_by(.count)', []),
    "R4": ("identity / pretty-print", ".", []),
    "R5": ("TSV", '.items[] | [.metadata.namespace, .metadata.name, .status.phase] | @tsv', ["-r"]),
}
SIZES = {"10k": (10000, 200), "100k": (100000, 2000)}


def tool_commands(args):
    tools = {}
    for name in args.tools.split(","):
        if name == "kit":
            if not os.path.exists(args.kit):
                sys.exit("no kit binary at %s (swift build -c release --product kit)" % args.kit)
            tools["kit"] = [args.kit, "jq"]
        else:
            path = shutil.which(name)
            if path:
                tools[{"jq": "jq-1.6"}.get(name, name)] = [path]
            else:
                print("(%s not installed: skipped)" % name, file=sys.stderr)
    return tools


def snapshot(size):
    pods, nodes = SIZES[size]
    path = os.path.join(DATA, "pods-%s.json" % size)
    if not os.path.exists(path):
        os.makedirs(DATA, exist_ok=True)
        print("generating %s ..." % path, file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_snapshot.py"), "--pods", str(pods), "--nodes", str(nodes),
                        "--seed", "1", "--out", path], check=True)
    return path


def run_once(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd; returns (seconds, peak RSS in bytes, exit status)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status)


def output_digest(cmd):
    """sha256 of a command's output and its size, read as a stream."""
    h = hashlib.sha256()
    size = 0
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as p:
        while True:
            chunk = p.stdout.read(1 << 20)
            if not chunk:
                break
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def normalized(cmd):
    out = subprocess.run(cmd, capture_output=True, check=True).stdout.decode()
    values = []
    decoder = json.JSONDecoder()
    text = out.strip()
    i = 0
    while i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        v, i = decoder.raw_decode(text, i)
        values.append(v)
    return json.dumps(values, sort_keys=True)


def check_outputs(recipe, path, tools, size_bytes):
    _, program, flags = RECIPES[recipe]
    kit_cmd = tools["kit"] + flags + [program, path]
    ok = True
    if recipe == "R4" and size_bytes > 300 << 20:
        # 1 GB of output: compare bytes by hash with the tools that keep key order.
        kit_digest = output_digest(kit_cmd)
        for name, cmd in tools.items():
            if name in ("kit", "gojq"):
                continue
            digest = output_digest(cmd + flags + [program, path])
            if digest != kit_digest:
                print("  %s %s: output differs from kit's (%s)" % (recipe, name, digest), file=sys.stderr)
                ok = False
        return ok
    if flags == ["-r"]:
        kit_out = subprocess.run(kit_cmd, capture_output=True, check=True).stdout
        for name, cmd in tools.items():
            if name != "kit" and subprocess.run(cmd + flags + [program, path], capture_output=True).stdout != kit_out:
                print("  %s %s: output differs from kit's" % (recipe, name), file=sys.stderr)
                ok = False
        return ok
    kit_values = normalized(kit_cmd)
    for name, cmd in tools.items():
        if name != "kit" and normalized(cmd + flags + [program, path]) != kit_values:
            print("  %s %s: output differs from kit's" % (recipe, name), file=sys.stderr)
            ok = False
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="10k")
    ap.add_argument("--recipes", default="R1,R2,R3,R4,R5")
    ap.add_argument("--tools", default="kit,jq,gojq,jaq")
    ap.add_argument("--kit", default=KIT)
    ap.add_argument("--json", help="also write the measurements to this file")
    args = ap.parse_args()
    tools = tool_commands(args)
    rows = []
    for size in args.sizes.split(","):
        path = snapshot(size)
        size_bytes = os.path.getsize(path)
        for recipe in args.recipes.split(","):
            title, program, flags = RECIPES[recipe]
            agree = check_outputs(recipe, path, tools, size_bytes)
            times = {name: [] for name in tools}
            peaks = {name: 0 for name in tools}
            for _ in range(args.runs):
                for name, cmd in tools.items():
                    seconds, rss, status = run_once(cmd + flags + [program, path])
                    if status != 0:
                        print("  %s %s %s: exit status %d" % (size, recipe, name, status), file=sys.stderr)
                    times[name].append(seconds)
                    peaks[name] = max(peaks[name], rss)
            kit_time = statistics.median(times["kit"])
            for name in tools:
                t = statistics.median(times[name])
                rows.append({
                    "size": size, "recipe": recipe, "title": title, "tool": name, "seconds": t,
                    "ratio": t / kit_time, "peak_mb": peaks[name] / 1e6, "memory_ratio": peaks[name] / size_bytes,
                    "outputs_agree": agree,
                })
            line = "%s %s %s: " % (size, recipe, title) + ", ".join(
                "%s %.2fs (%.1fx, %.2fx mem)" % (n, statistics.median(times[n]), statistics.median(times[n]) / kit_time, peaks[n] / size_bytes)
                for n in tools)
            print(line, file=sys.stderr)
    print("| size | recipe | tool | median s | time / kit | peak RSS MB | RSS / input |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        flag = "" if r["outputs_agree"] else " (outputs differ)"
        print("| %s | %s %s | %s%s | %.2f | %.2f× | %.0f | %.2f× |" % (
            r["size"], r["recipe"], r["title"], r["tool"], flag, r["seconds"], r["ratio"], r["peak_mb"], r["memory_ratio"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
