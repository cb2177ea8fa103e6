#!/usr/bin/env python3
"""Times kit new and the first render of every built-in template, beside the reference tools.

    swift build -c release --product kit
    python3 bench/templates.py [--kit .build/release/kit] [--runs 15]

For each template (required values given, secrets generated):
- `kit new TEMPLATE DIR -q`: the whole process (start-up, reading the embedded catalogue,
  checking values, Mustache rendering, generating secrets, writing the project as one
  change). Nothing on this machine scaffolds a project offline (helm is not installed and
  kubectl has no `kustomize create`), so it is reported alone.
- the project's first render, beside the tool that reads the same files: `kit render DIR`
  against `kubectl kustomize DIR` for every kustomization (outputs checked byte-identical
  first), and `kit render DIR --target compose` against `docker-compose config` for the
  compose projects (`--target ecs` and `--target kubernetes` are reported alone: ecs-cli
  and kompose are not installed).
Runs interleave kit and the reference; medians of wall time are reported, with the ratio.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIRED = {"ecs-fargate": ["--set", "subnets=subnet-0a1b2c3d", "--set", "securityGroups=sg-0a1b2c3d"]}


def wall(cmd, **kw):
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("bench/templates.py: %s failed: %s" % (" ".join(cmd), p.stderr.decode()))
    return elapsed, p.stdout


def kubectl():
    for name in ("kubectl.1.32", "kubectl"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kit", default=os.path.join(ROOT, ".build", "release", "kit"))
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    kit = os.path.abspath(a.kit)
    kc, dc = kubectl(), shutil.which("docker-compose")
    names = subprocess.run([kit, "templates"], capture_output=True, text=True, check=True).stdout.split("\n")[1:]
    names = [line.split()[0] for line in names if line.strip()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            times = []
            for i in range(a.runs):
                t, _ = wall([kit, "new", name, os.path.join(tmp, "%s-%d" % (name, i)), "-q"] + REQUIRED.get(name, []))
                times.append(t)
            rows.append(("kit new %s" % name, statistics.median(times), None, None))
            project = os.path.join(tmp, "%s-0" % name)
            for parent, dirs, files in sorted(os.walk(project)):
                dirs.sort()
                rel = os.path.relpath(parent, project)
                label = name if rel == "." else "%s/%s" % (name, rel)
                if "kustomization.yaml" in files:
                    ours, theirs = [], []
                    for _ in range(a.runs):
                        t1, out1 = wall([kit, "render", parent])
                        ours.append(t1)
                        if kc:
                            t2, out2 = wall([kc, "kustomize", parent])
                            theirs.append(t2)
                            if out1 != out2:
                                sys.exit("bench/templates.py: kit render and kubectl kustomize differ on %s" % label)
                    rows.append(("kit render %s" % label, statistics.median(ours), "kubectl kustomize",
                                 statistics.median(theirs) if theirs else None))
                compose = [f for f in ("compose.yaml", "docker-compose.yml") if f in files]
                if compose:
                    ours, theirs = [], []
                    env = dict(os.environ, DOCKER_HOST="tcp://127.0.0.1:9")
                    for _ in range(a.runs):
                        ours.append(wall([kit, "render", parent, "--target", "compose"])[0])
                        if dc:
                            theirs.append(wall([dc, "-f", compose[0], "config"], cwd=parent, env=env)[0])
                    rows.append(("kit render %s --target compose" % label, statistics.median(ours), "docker-compose config",
                                 statistics.median(theirs) if theirs else None))
                    for target in ("ecs", "kubernetes"):
                        ts = [wall([kit, "render", parent, "--target", target])[0] for _ in range(a.runs)]
                        rows.append(("kit render %s --target %s" % (label, target), statistics.median(ts), None, None))
    print("| kit command | kit ms | reference | reference ms | kit faster |")
    print("| --- | ---: | --- | ---: | ---: |")
    for what, ours, ref, theirs in rows:
        print("| `%s` | %.1f | %s | %s | %s |" % (
            what, ours * 1000, ref or "", "%.1f" % (theirs * 1000) if theirs else "",
            "%.1f×" % (theirs / ours) if theirs else ""))


if __name__ == "__main__":
    sys.exit(main())
