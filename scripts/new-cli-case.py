#!/usr/bin/env python3
"""Create or refresh an end-to-end case under Tests/KitCLITests/Cases/.

    scripts/new-cli-case.py NAME --args 'convert x.yaml' [--file x.yaml=@path | --file x.yaml='text'] [--stdin TEXT]
    scripts/new-cli-case.py NAME --refresh

Runs .build/debug/kit in a scratch copy of the case and records stdout, stderr, status and
the files listed with --after as the expected results. Review the recorded output before
committing it: the case is only as right as that review.
"""
import argparse, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "Tests", "KitCLITests", "Cases")
KIT = os.path.abspath(os.environ.get("KIT", os.path.join(ROOT, ".build", "debug", "kit")))  # KIT=path overrides
META = {"args", "stdin", "stdout", "stderr", "status", "after", "absent", "env"}


def record(case_dir, after):
    args = open(os.path.join(case_dir, "args")).read().split("\n")
    args = [a for a in args if a]
    stdin_path = os.path.join(case_dir, "stdin")
    stdin = open(stdin_path, "rb").read() if os.path.exists(stdin_path) else b""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = os.path.join(tmp, "case")
        shutil.copytree(case_dir, scratch)
        env = None  # an `env` file is the whole environment of the run (<CASE>: the scratch copy)
        env_path = os.path.join(case_dir, "env")
        if os.path.exists(env_path):
            env = {}
            for line in open(env_path).read().split("\n"):
                if "=" in line:
                    k, _, v = line.partition("=")
                    env[k] = v.replace("<CASE>", scratch)
        p = subprocess.run([KIT] + args, cwd=scratch, input=stdin, capture_output=True, env=env)
        for name in ("stdout", "stderr", "status"):
            path = os.path.join(case_dir, name)
            if os.path.exists(path):
                os.remove(path)
        # Absolute paths of the scratch copy are recorded as <CASE> (CLICaseTests does the same).
        out = p.stdout.replace(scratch.encode(), b"<CASE>")
        err = p.stderr.replace(scratch.encode(), b"<CASE>")
        if out:
            open(os.path.join(case_dir, "stdout"), "wb").write(out)
        if err:
            open(os.path.join(case_dir, "stderr"), "wb").write(err)
        if p.returncode:
            open(os.path.join(case_dir, "status"), "w").write("%d\n" % p.returncode)
        after_dir = os.path.join(case_dir, "after")
        if after:
            os.makedirs(after_dir, exist_ok=True)
            for name in after:
                os.makedirs(os.path.dirname(os.path.join(after_dir, name)), exist_ok=True)
                shutil.copy(os.path.join(scratch, name), os.path.join(after_dir, name))
        elif os.path.isdir(after_dir):
            for parent, _, files in os.walk(after_dir):
                for f in files:
                    name = os.path.relpath(os.path.join(parent, f), after_dir)
                    shutil.copy(os.path.join(scratch, name), os.path.join(after_dir, name))
        print("== %s: status %d" % (os.path.basename(case_dir), p.returncode))
        sys.stdout.write(out.decode("utf-8", "replace")[:3000])
        sys.stdout.write(err.decode("utf-8", "replace"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--args")
    ap.add_argument("--file", action="append", default=[])
    ap.add_argument("--stdin")
    ap.add_argument("--after", action="append", default=[])
    ap.add_argument("--absent", action="append", default=[])
    ap.add_argument("--env", action="append", help="NAME=VALUE for the run's environment (the case gets an env file)")
    ap.add_argument("--refresh", action="store_true")
    a = ap.parse_args()
    case_dir = os.path.join(CASES, a.name)
    if not a.refresh:
        os.makedirs(case_dir, exist_ok=True)
        open(os.path.join(case_dir, "args"), "w").write("\n".join(a.args.split(" ")) + "\n")
        for spec in a.file:
            name, _, content = spec.partition("=")
            data = open(content[1:], "rb").read() if content.startswith("@") else content.encode()
            os.makedirs(os.path.dirname(os.path.join(case_dir, name)) or case_dir, exist_ok=True)
            open(os.path.join(case_dir, name), "wb").write(data)
        if a.env is not None:
            open(os.path.join(case_dir, "env"), "w").write("".join(e + "\n" for e in a.env if e))
        if a.stdin is not None:
            open(os.path.join(case_dir, "stdin"), "w").write(a.stdin)
        if a.absent:
            open(os.path.join(case_dir, "absent"), "w").write("\n".join(a.absent) + "\n")
    record(case_dir, a.after)


if __name__ == "__main__":
    main()
