#!/usr/bin/env python3
"""Check (or re-record) kit's compose golden cases against the reference tools.

    scripts/compose-oracles.py [--record] [--kit PATH] [CASE…]

For every case Tests/KitCLITests/Cases/compose-* (or the ones named):
  --target compose         docker-compose 1.29.2 `config` runs on the same files and
                           environment; its output must equal kit's as data, except for the
                           deliberate differences listed in README.md ("Compose and ECS"),
                           which DIFFERENCES below removes from both sides. Both must fail
                           on the same error cases.
  --target ecs             ../shared/tools/ecs_taskdef_check.py (botocore's ECS model and
                           the ECS API's rules) must print `ok` for kit's output.
  --target ecs-service     botocore's ParamValidator must accept kit's output as the
                           CreateService input.
  --target cloudformation  cfn-lint must find nothing.
  kubernetes (default)     kubernetes-validate must accept every object; with -o DIR/,
                           `kubectl kustomize DIR` must print exactly what kit prints without
                           -o (recorded as `oracle-kustomize.yaml`).

With --record the oracles' verdicts are written into each case as `oracle-*` files
(kept in git): `oracle-docker-compose.yaml` (docker-compose's own output) or
`oracle-docker-compose.error`, and `oracle-check` (the checker's verdict and a hash of
the output it checked). Tests/KitCLITests/ComposeOracleTests.swift compares them with kit's
goldens without running any oracle. Without --record the script re-runs the oracles and
reports differences. Missing tools are reported and their cases skipped.
"""
import argparse, hashlib, json, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "Tests", "KitCLITests", "Cases")
CHECKER = os.path.join(ROOT, "..", "shared", "tools", "ecs_taskdef_check.py")


def read(path, default=None):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return default


def case_env(case_dir, scratch):
    text = read(os.path.join(case_dir, "env"))
    if text is None:
        return dict(os.environ)
    env = {}
    for line in text.split("\n"):
        if "=" in line:
            k, _, v = line.partition("=")
            env[k] = v.replace("<CASE>", scratch)
    return env


def target_of(args):
    if "--target" in args:
        return args[args.index("--target") + 1]
    return None


def output_hash(text):
    return "fnv1a64:%016x" % fnv1a64(text.encode())


def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def run_kit(kit, args, scratch, env):
    return subprocess.run([kit] + args, cwd=scratch, capture_output=True, env=env, text=True)


# --- docker-compose ------------------------------------------------------------------------

def docker_compose_args(args):
    """kit render flags → docker-compose flags (None when the case has no counterpart)."""
    out, directory, i = [], ".", 1
    while i < len(args):
        a = args[i]
        if a in ("-f", "--file", "-p", "--project-name", "--env-file", "--profile"):
            out += [a, args[i + 1]]
            i += 2
        elif a == "--target":
            i += 2
        elif a in ("-o", "--output", "--format"):
            return None, None
        elif a.startswith("-"):
            return None, None
        else:
            directory = a
            i += 1
    return out, directory


def load_yaml(text):
    import yaml
    return yaml.safe_load(text)


# Deliberate differences (README.md, "Compose and ECS"): removed from both sides before comparing.
def normalize(doc):
    if not isinstance(doc, dict):
        return doc
    doc = dict(doc)
    doc.pop("name", None)      # kit prints the project name, as docker compose v2 does
    doc.pop("version", None)   # 1.29.2 prints 3.9 for files without a version; kit keeps what the file says
    for k in [k for k in doc if k.startswith("x-")]:
        doc.pop(k)             # kit keeps top-level extensions, as docker compose v2 does
    return doc


def check_docker_compose(case_dir, args, stdout, status, record, kit_env):
    dc = shutil.which("docker-compose")
    if not dc:
        return "skipped (docker-compose missing)"
    mapped, directory = docker_compose_args(args)
    if mapped is None:
        return "skipped (no docker-compose counterpart)"
    with tempfile.TemporaryDirectory() as tmp:
        scratch = os.path.join(tmp, "case")
        shutil.copytree(case_dir, scratch)
        env = case_env(case_dir, scratch)
        env["PATH"] = os.environ.get("PATH", "")
        env["DOCKER_HOST"] = "tcp://127.0.0.1:9"  # never an engine: config works offline
        stdin = read(os.path.join(case_dir, "stdin"))
        p = subprocess.run([dc] + mapped + ["config"], cwd=os.path.join(scratch, directory), capture_output=True, text=True,
                           env=env, input=stdin)
        out = p.stdout.replace(scratch, "<CASE>")
        err = p.stderr.replace(scratch, "<CASE>")
    ok_path = os.path.join(case_dir, "oracle-docker-compose.yaml")
    err_path = os.path.join(case_dir, "oracle-docker-compose.error")
    if record:
        for path in (ok_path, err_path):
            if os.path.exists(path):
                os.remove(path)
        if p.returncode == 0:
            open(ok_path, "w").write(out)
        else:
            lines = [l for l in err.splitlines() if l.strip() and not l.startswith("WARNING")]
            open(err_path, "w").write((lines[-1] if lines else "exit %d" % p.returncode) + "\n")
    if p.returncode != 0:
        return "same (both fail)" if status != 0 else "DIFFERENT: docker-compose fails, kit succeeds"
    if status != 0:
        return "DIFFERENT: kit fails, docker-compose succeeds"
    a, b = normalize(load_yaml(stdout)), normalize(load_yaml(out))
    if a == b:
        return "same"
    return "DIFFERENT:\n" + json.dumps(diff(a, b), indent=1, sort_keys=True)[:3000]


def diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        out = {}
        for k in sorted(set(a) | set(b), key=str):
            if a.get(k) != b.get(k):
                out[path + "/" + str(k)] = diff(a.get(k), b.get(k), path + "/" + str(k)) if k in a and k in b else {"kit": a.get(k), "docker-compose": b.get(k)}
        return out
    return {"kit": a, "docker-compose": b}


# --- ECS, CloudFormation, Kubernetes ---------------------------------------------------------

def check_ecs(stdout):
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(stdout)
        name = f.name
    try:
        p = subprocess.run([sys.executable, CHECKER, name], capture_output=True, text=True)
    finally:
        os.unlink(name)
    lines = p.stdout.strip().splitlines()
    return lines[-1] if p.returncode == 0 and lines else "FAILED: " + " | ".join(lines)


def check_create_service(stdout):
    try:
        import botocore.session
        from botocore.validate import ParamValidator
    except ImportError:
        return "skipped (botocore missing)"
    doc = load_yaml(stdout)
    shape = botocore.session.get_session().get_service_model("ecs").operation_model("CreateService").input_shape
    report = ParamValidator().validate(doc, shape)
    return "ok" if not report.has_errors() else "FAILED: " + report.generate_report().replace("\n", " | ")


def check_cfn(stdout):
    tool = shutil.which("cfn-lint")
    if not tool:
        return "skipped (cfn-lint missing)"
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(stdout)
        name = f.name
    try:
        p = subprocess.run([tool, name], capture_output=True, text=True)
    finally:
        os.unlink(name)
    return "ok" if p.returncode == 0 else "FAILED: " + p.stdout.replace(name, "template").replace("\n", " | ")


def json_sequence_as_yaml(text):
    """A JSON sequence (kit's --format json) as a YAML stream, for tools that read YAML."""
    import yaml
    decoder, i, docs = json.JSONDecoder(), 0, []
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        doc, i = decoder.raw_decode(text, i)
        docs.append(doc)
    return yaml.safe_dump_all(docs)


def check_kubernetes(stdout):
    tool = shutil.which("kubernetes-validate")
    if not tool:
        return "skipped (kubernetes-validate missing)"
    if not stdout.strip():
        return "ok"
    if stdout.lstrip().startswith("{"):
        stdout = json_sequence_as_yaml(stdout)
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(stdout)
        name = f.name
    try:
        p = subprocess.run([tool, "--strict", name], capture_output=True, text=True)
    finally:
        os.unlink(name)
    bad = [l for l in (p.stdout + p.stderr).splitlines() if l.startswith("ERROR") or "failed" in l.lower()]
    return "ok" if p.returncode == 0 and not bad else "FAILED: " + " | ".join(bad or [p.stdout + p.stderr])


def check_kustomize(case_dir, args, kit, record):
    """With -o DIR: kubectl kustomize DIR must print what kit prints without -o."""
    kubectl = shutil.which("kubectl")
    if not kubectl:
        return "skipped (kubectl missing)"
    out_dir = args[args.index("-o") + 1] if "-o" in args else args[args.index("--output") + 1]
    with tempfile.TemporaryDirectory() as tmp:
        scratch = os.path.join(tmp, "case")
        shutil.copytree(case_dir, scratch)
        env = case_env(case_dir, scratch)
        written = run_kit(kit, args, scratch, env)
        if written.returncode != 0:
            return "FAILED: kit -o failed"
        i = args.index("-o") if "-o" in args else args.index("--output")
        plain = run_kit(kit, args[:i] + args[i + 2:], scratch, env)
        k = subprocess.run([kubectl, "kustomize", os.path.join(scratch, out_dir)], capture_output=True, text=True)
        if k.returncode != 0:
            return "FAILED: kubectl kustomize: " + k.stderr.strip()
        if record:
            open(os.path.join(case_dir, "oracle-kustomize.yaml"), "w").write(k.stdout)
        return "ok (kubectl kustomize prints kit's output)" if k.stdout == plain.stdout else "FAILED: kubectl kustomize output differs"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--record", action="store_true")
    ap.add_argument("--kit", default=os.path.join(ROOT, ".build", "debug", "kit"))
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    names = a.cases or sorted(n for n in os.listdir(CASES) if n.startswith("compose-"))
    counts, failures = {}, []
    for name in names:
        case_dir = os.path.join(CASES, name)
        args = [l for l in read(os.path.join(case_dir, "args"), "").split("\n") if l]
        stdout = read(os.path.join(case_dir, "stdout"), "")
        status = int((read(os.path.join(case_dir, "status"), "0") or "0").strip())
        target = target_of(args)
        if target is None:
            target = "ecs" if ("--ecs-params" in args or any(os.path.exists(os.path.join(case_dir, d, "ecs-params.yml")) for d in [a2 for a2 in args[1:2] if not a2.startswith("-")] + ["."])) else "kubernetes"
        verdicts = []
        if target == "compose":
            verdict = check_docker_compose(case_dir, args, stdout, status, a.record, None)
            deliberate = read(os.path.join(case_dir, "oracle-difference"))
            if deliberate and verdict.startswith("DIFFERENT"):
                verdict = "deliberate: " + deliberate.strip()
            elif deliberate:
                verdict = "FAILED: oracle-difference names a difference docker-compose does not show"
            verdicts.append(("docker-compose", verdict))
        elif status == 0 and stdout.strip():
            checker = {"ecs": check_ecs, "ecs-service": check_create_service, "cloudformation": check_cfn,
                       "kubernetes": check_kubernetes}[target]
            tool = {"ecs": "ecs_taskdef_check", "ecs-service": "botocore CreateService", "cloudformation": "cfn-lint",
                    "kubernetes": "kubernetes-validate"}[target]
            verdict = checker(stdout)
            verdicts.append((tool, verdict))
            if a.record and not verdict.startswith("skipped"):
                open(os.path.join(case_dir, "oracle-check"), "w").write("%s: %s\n%s\n" % (tool, verdict.split("\n")[0], output_hash(stdout)))
        out_arg = args[args.index("-o") + 1] if "-o" in args else (args[args.index("--output") + 1] if "--output" in args else "")
        if target == "kubernetes" and status == 0 and out_arg.endswith("/"):
            verdicts.append(("kubectl kustomize", check_kustomize(case_dir, args, a.kit, a.record)))
        for tool, verdict in verdicts:
            key = "%s %s" % (tool, verdict.split(" ")[0].rstrip(":").rstrip("\n"))
            counts[key] = counts.get(key, 0) + 1
            if verdict.startswith("DIFFERENT") or verdict.startswith("FAILED"):
                failures.append(name)
                print("%s: %s: %s" % (name, tool, verdict))
    for key in sorted(counts):
        print("%4d  %s" % (counts[key], key))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
