#!/usr/bin/env python3
"""Runs jq's own test suites (../shared/conformance/jq, all seven) against `kit jq` and
compares the result with the committed list of known failures:

    scripts/jq-conformance.py [--kit .build/debug/kit] [--update]

Tests/KitJQTests/conformance-known-failures.txt lists each case kit is known to fail, one per
line: `SUITE.test:LINE  reason`. A case that fails and is not listed fails this script (a
regression); a listed case that now passes fails it too, so that the list stays true (run
with --update to rewrite the list from the run, then fill in the reasons). Prints the pass
counts per suite.
"""
import argparse, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNNER = os.path.join(ROOT, "..", "shared", "conformance", "jq", "run.py")
KNOWN = os.path.join(ROOT, "Tests", "KitJQTests", "conformance-known-failures.txt")


def read_known():
    known = {}
    if os.path.exists(KNOWN):
        for line in open(KNOWN, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            case, _, reason = line.partition(" ")
            known[case] = reason.strip()
    return known


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kit", default=os.path.join(ROOT, ".build", "debug", "kit"))
    ap.add_argument("--runner", default=os.environ.get("JQ_CONFORMANCE_RUNNER", RUNNER))
    ap.add_argument("--update", action="store_true", help="rewrite the known-failures list from this run")
    args = ap.parse_args()
    if not os.path.exists(args.runner):
        print("jq conformance: runner not found at %s; skipped" % args.runner)
        return 0
    with tempfile.NamedTemporaryFile("r", suffix=".log") as log:
        p = subprocess.run(
            [sys.executable, args.runner, "--cmd", "%s jq" % args.kit, "--suite", "all", "--log", log.name],
            capture_output=True, text=True)
        text = open(log.name, encoding="utf-8", errors="replace").read()
    results = {}
    for m in re.finditer(r"^(PASS|FAIL|SKIP) (\S+?:\d+)", text, re.M):
        results[m.group(2)] = m.group(1)
    if not results:
        print(p.stdout + p.stderr)
        print("jq conformance: the runner produced no results")
        return 1
    for line in p.stdout.splitlines():
        if re.match(r"^\w+\.test: ", line):
            print(line)
    failing = sorted((c for c, r in results.items() if r == "FAIL"), key=lambda c: (c.split(":")[0], int(c.split(":")[1])))
    known = read_known()
    if args.update:
        with open(KNOWN, "w", encoding="utf-8") as f:
            f.write("# Cases of ../shared/conformance/jq that kit jq fails, with the reason (see scripts/jq-conformance.py).\n")
            for c in failing:
                f.write("%s %s\n" % (c, known.get(c, "TODO: reason")))
        print("jq conformance: wrote %d known failures to %s" % (len(failing), os.path.relpath(KNOWN, ROOT)))
        return 0
    new = [c for c in failing if c not in known]
    fixed = [c for c in known if results.get(c) == "PASS"]
    for c in new:
        print("jq conformance: NEW FAILURE %s (not in %s)" % (c, os.path.relpath(KNOWN, ROOT)))
    for c in fixed:
        print("jq conformance: %s now passes; remove it from %s (or run with --update)" % (c, os.path.relpath(KNOWN, ROOT)))
    print("jq conformance: %d failing, %d known, %d new, %d fixed" % (len(failing), len(known), len(new), len(fixed)))
    return 1 if new or fixed else 0


if __name__ == "__main__":
    sys.exit(main())
