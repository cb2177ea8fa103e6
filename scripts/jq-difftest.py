#!/usr/bin/env python3
"""Differential test of `kit jq` against jq 1.6 over a pod snapshot.

    scripts/jq-difftest.py --record     # regenerate the programs, record jq 1.6's outputs
    scripts/jq-difftest.py              # run kit on the recorded cases and report differences

Programs are generated deterministically (fixed seed) from templates of the seed's kubectl
recipes: paths into pods, selections, sorting and grouping, aggregation, string and object
functions, assignments, reduce/foreach. Only constructs whose meaning is the same in jq 1.6 and
jq 1.8 are used (no 1.7+ builtins, no big-number literals, no error messages, which changed),
and only programs jq 1.6 runs without an error are kept. The snapshot
(Tests/KitJQTests/Differential/pods.json, from ../shared/bench/gen_snapshot.py --pods 12
--nodes 3 --seed 5) and jq 1.6's outputs (cases.json) are committed, so that
JQDifferentialTests runs without jq installed.
"""
import argparse, json, os, random, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "Tests", "KitJQTests", "Differential")
SNAPSHOT = os.path.join(DIR, "pods.json")
CASES = os.path.join(DIR, "cases.json")

# Paths into one pod, with the kind of value they give.
PATHS = {
    "string": [
        ".metadata.name", ".metadata.namespace", ".spec.nodeName", ".status.phase", ".status.qosClass",
        ".spec.serviceAccountName", ".metadata.creationTimestamp", ".spec.containers[0].image",
        ".spec.containers[0].name", ".metadata.labels.app", ".metadata.ownerReferences[0].kind",
        ".status.podIP", ".spec.restartPolicy", ".metadata.generateName", ".spec.schedulerName",
    ],
    "number": [
        ".status.containerStatuses[0].restartCount", "(.spec.containers | length)", "(.metadata.labels | length)",
        ".spec.terminationGracePeriodSeconds", "([.status.containerStatuses[]?.restartCount] | add // 0)",
        "(.spec.volumes | length)", ".spec.priority", "(.metadata.name | length)",
    ],
    "array": [
        "[.spec.containers[].name]", "(.metadata.labels | keys)", "[.spec.volumes[].name]",
        "[.status.conditions[]?.type]", "[.spec.containers[].ports[]?.containerPort]",
        "(.metadata | keys_unsorted)", "[.spec.tolerations[]?.key]",
    ],
    "object": [".metadata.labels", ".spec.containers[0].resources", ".metadata.ownerReferences[0]", ".status.conditions[0]"],
}

AGGREGATES = {
    "string": ["sort", "unique", "length", "sort | .[:3]", "group_by(.) | map(length)", "map(length) | add", "min", "max",
               "map(ascii_downcase) | unique | length", "join(\",\")", "map(split(\"-\")[0]) | unique", "reverse | .[:2]",
               "map(test(\"^[a-m]\")) | unique", "map(select(. != null) | startswith(\"c\")) | any",
               "map(select(. != null) | ltrimstr(\"catalog-\")) | sort | first", "indices(\"kube-system\")",
               "map(select(. != null)) | map(.[0:3]) | unique", "to_entries | map(.key) | length",
               "map(tostring) | map(explode | length) | add", "[.[] | select(. == null)] | length"],
    "number": ["add", "sort", "max", "min", "unique", "map(. * 2) | add", "length", "map(. % 3) | unique",
               "map(select(. > 0)) | length", "(add / length | floor)", "sort | reverse | .[:4]",
               "map(tostring) | join(\"+\")", "[.[] | . - 1] | min", "group_by(. > 1) | map(length)",
               "map(. // 0) | add", "[limit(3; .[])]", "first", "last", "[.[] | if . > 2 then \"many\" else \"few\" end] | unique"],
    "array": ["map(length)", "add | unique", "flatten | length", "map(sort)", "map(.[0]) | unique", "[.[] | length] | max",
              "map(join(\",\")) | unique | length", "map(length) | add", "[.[][]] | length", "map(first) | sort"],
    "object": ["map(keys) | add | unique", "map(length)", "map(to_entries | length) | add", "map(tojson | length) | max",
               "[.[] | select(. != null) | keys[0]] | unique", "map(with_entries(.value |= tostring)) | .[0]",
               "map(. // {} | has(\"app\")) | unique", "[.[] | select(. != null) | to_entries[] | .key] | unique | sort"],
}

SELECTS = [
    'select(.status.phase == "Running")', 'select(.status.phase != "Running")', 'select(.metadata.namespace == "kube-system")',
    'select((.status.containerStatuses // []) | length > 0)', 'select(.spec.nodeName != null)',
    'select(.metadata.labels.tier == "web")', 'select([.status.containerStatuses[]?.restartCount] | add // 0 > 0)',
    'select(.metadata.name | test("-[0-9]+$"))', 'select(.spec.containers | length > 1)', 'select(has("status"))',
]

WHOLE = [
    '.items | length',
    '[.items[] | {ns: .metadata.namespace, name: .metadata.name, r: ([.status.containerStatuses[]?.restartCount] | add // 0)}] | sort_by(.r) | reverse | .[:5]',
    '[.items[] | select(.status.phase != "Running") | .metadata.name] | length',
    '.items | group_by(.spec.nodeName) | map({nodeName: .[0].spec.nodeName, count: length}) | sort_by(.count)',
    '.items[] | [.metadata.namespace, .metadata.name, .status.phase] | @tsv',
    '.items[] | [.metadata.name, (.spec.containers | length)] | @csv',
    '.items[0] | [paths] | length',
    '.items[0] | [leaf_paths] | length',
    '.items[0] | [paths(type == "number")] | map(map(tostring) | join("."))',
    '.items[0] | tostream | select(length == 2) | .[0] | map(tostring) | join("/")',
    '[.items[0] | tostream] | length',
    '.items[0] | del(.status) | keys',
    '.items[0] | .metadata.labels |= with_entries(.value |= ascii_upcase) | .metadata.labels',
    '.items[0].spec.containers[0] | to_entries | map(.key)',
    '.items | map(.metadata.name) | index("catalog-kafka-0")',
    'reduce .items[] as $p ({}; .[$p.metadata.namespace] += 1)',
    'reduce .items[] as $p ({}; .[$p.status.phase] += [$p.metadata.name])',
    '[foreach .items[] as $p (0; . + 1; [., $p.metadata.name])] | .[-1]',
    '[.items[] | .metadata.labels | to_entries[] | "\\(.key)=\\(.value)"] | unique | length',
    '.items | map(select(.status.containerStatuses != null) | .status.containerStatuses | map(.restartCount) | add) | add',
    '[.items[] | .spec.containers[] | .resources.limits.memory // "none"] | group_by(.) | map([.[0], length])',
    '[.items[] | .metadata.creationTimestamp | fromdate] | min | todate',
    '[.items[] | .metadata.creationTimestamp | fromdate] | max - min',
    '.items | map(.metadata.name) | sort | .[0], .[-1]',
    '[.items[] | .status.phase] | group_by(.) | map({(.[0]): length}) | add',
    '.items[0].metadata | [.name, .namespace] | join("/")',
    '[.items[] | .spec.containers[].image | split(":") | .[1] // "latest"] | unique',
    '[.items[] | .metadata.name | sub("-[0-9]+$"; "")] | unique',
    '[.items[] | .metadata.name | gsub("[aeiou]"; "_")] | .[:3]',
    '[.items[] | .metadata.name | capture("(?<base>[a-z]+)-(?<rest>.*)")] | .[:2]',
    '[.items[] | .metadata.name | [scan("[0-9]+")] | length] | add',
    '.items[0] | [.. | numbers] | add',
    '.items[0] | [.. | strings] | length',
    '.items[0] | [.. | objects | keys[]] | unique | length',
    '[.items[] | .spec.containers[0].env // [] | map(.name)] | add | unique',
    '.items | map({(.metadata.name): .status.phase}) | add | to_entries | map(.value) | unique',
    '.items | [.[] | .metadata] | map(has("ownerReferences")) | unique',
    '[.items[] | .status.containerStatuses[]? | .state | keys[0]] | group_by(.) | map({state: .[0], n: length})',
    '[.items[] | .metadata.ownerReferences[]?.kind] | unique',
    '.items | map(.spec.nodeName) | unique | map(select(. != null) | split(".")[0])',
    '[.items[] | select(.metadata.labels | has("tier")) | .metadata.labels.tier] | unique',
    '[.items[] | .metadata | .name as $n | .namespace as $ns | "\\($ns)/\\($n)"] | sort | .[:3]',
    '.items[0] | walk(if type == "number" then 0 else . end) | .spec.containers[0].ports',
    '.items[0] | [getpath(["metadata","name"], ["spec","nodeName"])]',
    '.items[0] | setpath(["metadata","name"]; "x") | .metadata.name',
    '.items[0] | delpaths([["metadata"],["spec"]]) | keys',
    '.items[0] | to_entries | map(select(.key != "status")) | from_entries | keys',
    '.items[0] | .spec.containers[0].ports[0].containerPort += 1 | .spec.containers[0].ports[0].containerPort',
    '.items[0] | .metadata.labels.extra = "y" | .metadata.labels | keys',
    '.items | map(.metadata.name | ascii_upcase) | .[:2]',
    '.items | [.[].metadata.uid | length] | unique',
    '[.items[] | .status.startTime // empty] | sort | first',
    '[.items[] | .status.podIP // empty | split(".") | map(tonumber) | .[0]] | unique',
    '.items | map(.metadata.resourceVersion | tonumber) | max',
    '.items[0] | [path(..)] | map(length) | max',
    '.items[0] | any(.. ; . == "Running")',
    '.items[0] | all(.spec.containers[]; .name != "")',
    '[.items[] | .spec.containers | length] | [min, max, add]',
    '.items | [limit(2; .[] | .metadata.name)]',
    '.items | first(.[] | select(.status.phase == "Running")) | .metadata.name',
    '[range(0; .items | length; 3)] | map(tostring) | join(",")',
    '.items | to_entries | map(select(.key % 4 == 0) | .value.metadata.name)',
    '.items[0] | .spec | keys | map(select(startswith("s")))',
    '.items | map(.metadata.labels | length) | [add, length] | .[0] / .[1] | floor',
    '[.items[] | .metadata.name] | map(length) | sort | unique | length',
    '.items[0].spec.containers[0] | [.name, .image] | @sh',
    '.items[0].metadata.name | @base64',
    '.items[0].metadata.name | @base64 | @base64d',
    '.items[0].metadata | @json',
    '.items[0].metadata.labels | @html "<p>\\(.app)</p>"',
    '[.items[] | .metadata.name | @uri] | .[:2]',
    '.items[0] | [.metadata.name, .status.phase] | @text',
    '.items[] | select(.status.phase == "Running") | .metadata.name',
    '.items[] | .metadata.name as $n | .spec.containers[] | "\\($n):\\(.name)"',
    '.items[:2] | map(.metadata.name)',
    '.items[-1].metadata.name',
    '.items | map(.metadata.name) | map(select(contains("a")))',
    '.items | map(.metadata.labels) | map(select(. != null) | keys) | flatten | unique',
    '.items | map(.status.conditions // [] | map(.status)) | flatten | group_by(.) | map(length)',
    '[.items[].spec.containers[].resources.requests.cpu // empty] | unique',
    'path(.items[0].metadata.name)',
    '[paths(..) | length] | max',
    '.items | length as $n | [range($n)] | add',
    '.items | [.[] | .metadata.namespace] | unique | map(length) | add',
    '.items | min_by(.metadata.name) | .metadata.name',
    '.items | max_by(.metadata.creationTimestamp) | .metadata.name',
    '.items | unique_by(.metadata.namespace) | map(.metadata.namespace)',
    '.items | sort_by(.metadata.namespace, .metadata.name) | map(.metadata.name) | .[:4]',
    '.items | sort_by(.status.phase) | map(.status.phase) | unique',
    '[.items[] | .metadata.labels // {} | to_entries | length] | add',
    '.items[0] | [splits("a")?] | length',
    '.items[0].metadata.name | [splits("-")] | length',
    '.items[0].metadata.name | ascii_downcase | explode | implode',
    '.items[0].metadata.name | ltrimstr("catalog") | rtrimstr("0")',
    '[.items[].metadata.name | tojson | fromjson] | length',
    '.items[0] | tojson | length > 100',
    '.items[0] | {name: .metadata.name} + {ns: .metadata.namespace}',
    '.items[0].metadata * {labels: {x: "1"}} | .labels | keys',
    '[.items[] | .spec.containers[0] | .livenessProbe // .readinessProbe // {} | keys] | add | unique',
    '.items | map(.spec.containers | map(.name)) | map(join("+"))',
    '.items | [.[] | .metadata.name | select(endswith("0"))] | length',
    '[.items[] | .metadata.name] | combinations(1) | length',
    '[.items[0], .items[1]] | map(.metadata.name) | [combinations]',
    '.items | [.[] | .metadata.name] | transpose? // "x"',
    '.items | map([.metadata.name, .status.phase]) | transpose | map(length)',
    '.items[0] | with_entries(.key |= ascii_upcase) | keys',
    '.items | map(.metadata.name) | join(" ") | split(" ") | length',
    '[.items[] | .spec.containers[] | .ports // [] | length] | add',
    '[.items[] | try .spec.containers[0].ports[0].containerPort catch -1]',
    '[.items[] | .spec.containers[0].ports[0].containerPort?] | map(. // 0) | add',
    '.items | map(.metadata.name | length) | [.[] | . as $l | $l * $l] | add',
    'def count(s): reduce s as $_ (0; . + 1); count(.items[] | select(.status.phase == "Running"))',
    'def names: [.items[].metadata.name]; names | sort | .[0]',
    'def f($x): $x * 2; [.items[] | .spec.containers | length | f(.)] | add',
    '.items as [$first] | $first.metadata.name',
    '.items[0] as {metadata: {name: $n, namespace: $ns}} | [$n, $ns]',
    '[label $out | .items[] | .metadata.name | if startswith("z") then break $out else . end] | length',
    '[.items[] | .metadata.name] | until(length < 3; .[1:]) | length',
    '[.items[].metadata.name | length] | [while(length > 0; .[1:]) | length] | length',
    '[recurse(if type == "object" then .metadata? // empty else empty end)] | length',
    '[.items[] | .metadata.name | test("KAFKA"; "i")] | map(select(.)) | length',
    '[.items[] | .metadata.name | match("[0-9]+") | .string] | unique',
    '.items | map(.status.phase == "Running") | group_by(.) | map(length)',
    '.items | map(if .status.phase == "Running" then 1 elif .status.phase == "Pending" then 2 else 3 end) | add',
    '[.items[] | (.status.phase // "none") | ascii_downcase] | unique',
    '.items | map(.metadata.labels.app // .metadata.name) | unique | length',
    '.items[0] | [.metadata.name, .spec.nodeName] | map(. // "-") | join("@")',
    '[.items[] | .metadata.creationTimestamp | strptime("%Y-%m-%dT%H:%M:%SZ") | .[0]] | unique',
    '[.items[] | .metadata.creationTimestamp | fromdate | strftime("%Y-%m")] | unique',
    '.items[0].metadata.creationTimestamp | fromdate | todate',
    '[.items[] | .metadata.creationTimestamp | fromdate | gmtime | .[6]] | unique | length',
    '.items[0] | [.metadata.name | length, (.spec.containers | length)] | add',
    '.items | length | tostring | tonumber + 1',
    '.items | map(.metadata.name) | map(. as $n | $n[0:1]) | unique',
    '[.items[] | .spec.containers[] | .env[]? | select(.valueFrom.secretKeyRef) | .name] | unique',
    '[.items[] | .spec.volumes[] | keys - ["name"] | .[0]] | group_by(.) | map({t: .[0], n: length})',
    '.items[0] | .status.containerStatuses[0].state | to_entries[0].key',
    '.items[0] | [.spec.containers[0].resources.requests.memory, .spec.containers[0].resources.limits.memory]',
    '[.items[] | .metadata.name] | sort | .[1:-1] | length',
    '.items | [.[] | .spec.priority] | unique',
    '.items | map(select(.metadata.ownerReferences) | .metadata.ownerReferences[0].name) | unique | length',
    '.items[0].spec | [.containers[0] | .. | scalars] | length',
    '.items[0] | [paths(type == "boolean")] | length',
    '.items[0] | getpath(["spec","containers",0,"name"])',
    '[.items[] | .status.hostIP // empty] | unique | length',
    '.items | map(.status.containerStatuses // [] | map(.ready) | all) | group_by(.) | map(length)',
    '.items | map(.status.containerStatuses // [] | map(.ready) | any) | unique',
]


def generate(seed=20250301):
    rng = random.Random(seed)
    programs = list(WHOLE)
    for kind, paths in PATHS.items():
        for path in paths:
            for agg in rng.sample(AGGREGATES[kind], min(4, len(AGGREGATES[kind]))):
                programs.append("[.items[] | %s] | %s" % (path, agg))
            sel = rng.choice(SELECTS)
            programs.append("[.items[] | %s | %s]" % (sel, path))
            programs.append(".items | map(%s) | %s" % (path, rng.choice(AGGREGATES[kind])))
    for sel in SELECTS:
        programs.append("[.items[] | %s | .metadata.name] | sort" % sel)
        programs.append("[.items[] | %s] | length" % sel)
    seen, unique = set(), []
    for p in programs:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique


def run(cmd, program, raw):
    args = cmd + (["-r"] if raw else []) + ["-c", program, SNAPSHOT]
    p = subprocess.run(args, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def record(jq):
    cases, dropped = [], []
    for program in generate():
        raw = "@" in program
        status, out = run([jq], program, raw)
        if status != 0:
            dropped.append(program)
            continue
        cases.append({"program": program, "raw": raw, "output": out})
    with open(CASES, "w") as f:
        json.dump(cases, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("recorded %d cases with %s (%d programs dropped because jq failed on them)" % (len(cases), jq, len(dropped)))


def check(kit):
    cases = json.load(open(CASES))
    failures = 0
    for case in cases:
        status, out = run(kit, case["program"], case["raw"])
        if status != 0 or out != case["output"]:
            failures += 1
            print("DIFF %s\n  jq 1.6: %r\n  kit:    %r (exit %d)" % (case["program"], case["output"][:300], out[:300], status))
    print("%d cases, %d differ" % (len(cases), failures))
    return failures == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--record", action="store_true", help="regenerate the cases with jq 1.6")
    ap.add_argument("--jq", default="jq", help="the jq 1.6 binary (for --record)")
    ap.add_argument("--kit", default=os.path.join(ROOT, ".build", "debug", "kit") + " jq", help="the command under test")
    args = ap.parse_args()
    if args.record:
        version = subprocess.run([args.jq, "--version"], capture_output=True, text=True).stdout.strip()
        if version != "jq-1.6":
            sys.exit("--record needs jq 1.6 (found %r)" % version)
        record(args.jq)
        return
    sys.exit(0 if check(args.kit.split()) else 1)


if __name__ == "__main__":
    main()
