#!/usr/bin/env python3
"""Check (or re-record) the template golden cases in Tests/KitTemplatesTests/Cases against
the reference tools, live.

    scripts/template-goldens.py [--kit PATH] [--record] [CASE...]

Each case directory is TEMPLATE.VARIANT with a values.yaml. For each case this script runs
`kit new TEMPLATE DIR --values values.yaml`, then:
- for every directory of the project with a kustomization.yaml: `kubectl kustomize DIR`
  (kubectl 1.32, kustomize v5.5.0) and `kit render DIR`; they must agree byte for byte, and
  kubectl's output must equal the committed golden render.<dir>.yaml (dir `root` for the
  project itself, `/` written `_`);
- for a compose file (compose.yaml, docker-compose.yml): `docker-compose config` (1.29.2)
  must accept it; its normalised output (with <PROJECT> for the project's path) is the
  golden compose-config.yaml.
- for the compose templates (ecs-fargate, compose-app): the project (without its
  .gitignore, which would hide the secret file from git) is the input of CLI golden cases
  Tests/KitCLITests/Cases/compose-template-CASE.TARGET (`kit render project --target
  TARGET`); the project each holds must be what `kit new` writes now. Their oracle verdicts
  (docker-compose config, ecs_taskdef_check, botocore, cfn-lint, kubernetes-validate) are
  recorded and re-checked by scripts/compose-oracles.py like every compose-* case.
With --record the goldens are rewritten from the oracles' output (review the diff!), and the
compose-template-* cases are rewritten, their outputs recorded with scripts/new-cli-case.py
--refresh and their verdicts with scripts/compose-oracles.py --record.
Without kubectl or docker-compose the checks that need them are skipped (said so), exit 0.
"""
import argparse, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "Tests", "KitTemplatesTests", "Cases")
COMPOSE_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
CLI_CASES = os.path.join(ROOT, "Tests", "KitCLITests", "Cases")
# kit render's compose targets each compose template is rendered with (compose-app has no
# ecs-params.yml, so no ECS service or CloudFormation stack).
COMPOSE_TARGETS = {
    "ecs-fargate": ["ecs", "ecs-service", "cloudformation", "compose", "kubernetes"],
    "compose-app": ["compose", "kubernetes", "ecs"],
}


def project_files(project):
    """Relative path -> bytes of a generated project, its .gitignore left out."""
    out = {}
    for parent, _, files in os.walk(project):
        for f in files:
            path = os.path.join(parent, f)
            rel = os.path.relpath(path, project)
            if rel != ".gitignore":
                out[rel] = read(path)
    return out


def render_cases(name, project, record, kit):
    """The compose-template-NAME.TARGET CLI cases: written (record) or checked against `project`."""
    failures, written = [], []
    files = project_files(project)
    for target in COMPOSE_TARGETS.get(name.split(".")[0], []):
        case_name = "compose-template-%s.%s" % (name, target)
        case_dir = os.path.join(CLI_CASES, case_name)
        if record:
            shutil.rmtree(case_dir, ignore_errors=True)
            os.makedirs(case_dir)
            for rel, data in files.items():
                os.makedirs(os.path.dirname(os.path.join(case_dir, "project", rel)), exist_ok=True)
                write(os.path.join(case_dir, "project", rel), data)
            write(os.path.join(case_dir, "args"), ("render\nproject\n--target\n%s\n" % target).encode())
            # The whole environment of the run: nothing of the caller's leaks in.
            write(os.path.join(case_dir, "env"), b"LANG=C.UTF-8\n")
            written.append(case_name)
        elif not os.path.isdir(case_dir):
            failures.append("%s: missing; rerun with --record" % case_name)
        elif project_files(os.path.join(case_dir, "project")) != files:
            failures.append("%s: its project is not what kit new writes now; rerun with --record" % case_name)
    if written:
        env = dict(os.environ, KIT=kit)
        for case_name in written:
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "new-cli-case.py"), case_name, "--refresh"],
                           env=env, check=True, stdout=subprocess.DEVNULL)
        o = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "compose-oracles.py"), "--record", "--kit", kit] + written)
        if o.returncode != 0:
            failures.append("%s: an oracle disagrees with kit render (see above)" % name)
    return failures, len(written)


def kubectl():
    for name in ("kubectl.1.32", "kubectl"):
        path = shutil.which(name) or (os.path.join("/usr/lib/google-cloud-sdk/bin", name) if os.path.exists(os.path.join("/usr/lib/google-cloud-sdk/bin", name)) else None)
        if path:
            return path
    return None


def slug(rel):
    return "root" if rel == "." else rel.replace("/", "_")


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kit", default=os.path.join(ROOT, ".build", "debug", "kit"))
    ap.add_argument("--record", action="store_true")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    kit = os.path.abspath(a.kit)
    kc = kubectl()
    dc = shutil.which("docker-compose")
    if kc is None:
        print("template-goldens: kubectl not found; kustomize checks skipped")
    if dc is None:
        print("template-goldens: docker-compose not found; compose checks skipped")
    names = a.cases or sorted(d for d in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, d)))
    failures, agreed, recorded = [], 0, 0
    for name in names:
        case = os.path.join(CASES, name)
        template = name.split(".")[0]
        with tempfile.TemporaryDirectory() as tmp:
            project = os.path.join(tmp, "project")
            p = subprocess.run([kit, "new", template, project, "--values", os.path.join(case, "values.yaml"), "-q"], capture_output=True)
            if p.returncode != 0:
                failures.append("%s: kit new failed: %s" % (name, p.stderr.decode()))
                continue
            f, n = render_cases(name, project, a.record, kit)
            failures += f
            recorded += n
            for parent, dirs, files in sorted(os.walk(project)):
                dirs.sort()
                rel = os.path.relpath(parent, project)
                if "kustomization.yaml" in files and kc:
                    golden = os.path.join(case, "render.%s.yaml" % slug(rel))
                    k = subprocess.run([kc, "kustomize", parent], capture_output=True)
                    if k.returncode != 0:
                        failures.append("%s %s: kubectl kustomize failed: %s" % (name, rel, k.stderr.decode()))
                        continue
                    r = subprocess.run([kit, "render", parent], capture_output=True)
                    if r.stdout != k.stdout or r.returncode != 0:
                        failures.append("%s %s: kit render differs from kubectl kustomize" % (name, rel))
                    else:
                        agreed += 1
                    if a.record:
                        if read(golden) != k.stdout:
                            write(golden, k.stdout)
                            recorded += 1
                    elif read(golden) != k.stdout:
                        failures.append("%s %s: golden %s is stale (kubectl prints something else); rerun with --record" % (name, rel, os.path.basename(golden)))
                compose = [f for f in COMPOSE_FILES if f in files]
                if compose and dc:
                    golden = os.path.join(case, "compose-config.yaml")
                    d = subprocess.run([dc, "-f", compose[0], "config"], cwd=parent, capture_output=True)
                    if d.returncode != 0:
                        failures.append("%s: docker-compose config refuses %s: %s" % (name, compose[0], d.stderr.decode()))
                        continue
                    agreed += 1
                    # Paths of files (secrets, env files) come out absolute: <PROJECT> stands for the project.
                    config = d.stdout.replace(os.path.realpath(project).encode(), b"<PROJECT>").replace(project.encode(), b"<PROJECT>")
                    if a.record:
                        if read(golden) != config:
                            write(golden, config)
                            recorded += 1
                    elif read(golden) != config:
                        failures.append("%s: golden compose-config.yaml is stale; rerun with --record" % name)
    for f in failures:
        print("FAIL " + f)
    print("template-goldens: %d cases, %d oracle checks agree, %d failures%s" % (
        len(names), agreed, len(failures), (", %d goldens recorded" % recorded) if a.record else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
