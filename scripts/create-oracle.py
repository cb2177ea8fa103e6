#!/usr/bin/env python3
"""Record and refresh the `kit create` golden cases (Tests/KitCLITests/Cases/create-*) from
kubectl, the oracle: `kubectl create … --dry-run=client -o yaml` (kubectl v1.32 here).

    scripts/create-oracle.py                      # refresh every create-* case from kubectl
    scripts/create-oracle.py CASE…                # refresh some
    scripts/create-oracle.py --new NAME -- ARGS…  # new case: ARGS are kit's, after `kit`
    scripts/create-oracle.py --compare -- ARGS…   # print kubectl's and kit's output side by side

A case directory holds, besides the CLI case files (see CLICaseTests.swift):
  kubectl       the oracle command, one argument per line after `kubectl` — the case's kit
                arguments with `--dry-run=client -o yaml` added (unless -o is given);
  kubectl-server  present when kubectl needs discovery (create role/clusterrole map
                --resource names through a server): kubectl then runs against the stand-in API
                server of scripts/explain-oracle.py, served from the same Kubernetes v1.37.0
                definitions kit's schema comes from; its lines, if any, are extra resources to
                serve (kit-modelgen --resources rows, e.g. a custom resource);
  NOTE          present in hand-written cases: why kubectl cannot be the oracle there, or
                how and why kit's message differs from kubectl's.

Refreshing writes `stdout` from kubectl's stdout. `stderr` and `status` are kit's (kit prints
`kit: error: …` and exits 2 where kubectl prints `error: …` and exits 1), recorded from the
kit binary (KIT=path overrides .build/debug/kit) when a case is new; on refresh they are kept,
and the script reports every case where kubectl failed but kit's message does not contain
kubectl's text, unless the case has a NOTE. Cases without a `kubectl` file are hand-written and
left alone. kubectl runs with an empty kubeconfig in a scratch copy of the case directory, so
files the case names (for --from-file) are found as kit finds them.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import apiserver_stub as stub  # noqa: E402

ROOT = stub.ROOT
CASES = os.path.join(ROOT, "Tests", "KitCLITests", "Cases")
KIT = os.path.abspath(os.environ.get("KIT", os.path.join(ROOT, ".build", "debug", "kit")))
META = {"args", "stdin", "stdout", "stderr", "status", "after", "absent", "kubectl", "kubectl-server", "NOTE"}


def read_lines(path):
    return [line for line in open(path).read().split("\n") if line]


def kubectl_args(kit_args):
    """kit's arguments with kubectl's dry-run and output flags, before any `--`."""
    args = list(kit_args)
    dash = args.index("--") if "--" in args else len(args)
    head, tail = args[:dash], args[dash:]
    extra = [] if any(a == "--dry-run" or a.startswith("--dry-run=") for a in head) else ["--dry-run=client"]
    if not any(a == "-o" or a.startswith("-o") and not a.startswith("--") or a.startswith("--output") for a in head):
        extra += ["-o", "yaml"]
    return head + extra + tail


class Server:
    """scripts/explain-oracle.py in batch mode: a stand-in API server for kubectl, serving the
    built-in resources plus `extra` (JSON lines in kit-modelgen's --resources format, e.g. a
    custom resource a case needs)."""

    def __init__(self, extra=""):
        self.proc = None
        self.extra = extra
        self.tmp = None

    def run(self, argv, cwd):
        if self.proc is None:
            command = [sys.executable, os.path.join(ROOT, "scripts", "explain-oracle.py"), "--batch"]
            if self.extra.strip():
                base = subprocess.run([stub.modelgen(), "--definitions", stub.DEFINITIONS, "--resources"],
                                      check=True, capture_output=True, text=True).stdout
                self.tmp = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False)
                self.tmp.write(base + self.extra)
                self.tmp.close()
                command += ["--resources", self.tmp.name]
            self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        # The batch runner has no working directory per call; role and clusterrole read no files.
        self.proc.stdin.write(json.dumps(argv) + "\n")
        self.proc.stdin.flush()
        result = json.loads(self.proc.stdout.readline())
        return result["stdout"].encode(), result["stderr"].encode(), result["status"]

    def close(self):
        if self.proc:
            self.proc.stdin.close()
            self.proc.wait()
        if self.tmp:
            os.remove(self.tmp.name)


def run_kubectl(case_dir, argv, server):
    with tempfile.TemporaryDirectory() as tmp:
        scratch = os.path.join(tmp, "case")
        shutil.copytree(case_dir, scratch)
        if server is not None:
            return server.run(argv, scratch)
        kubeconfig = os.path.join(tmp, "kubeconfig")
        open(kubeconfig, "w").write("apiVersion: v1\nkind: Config\n")
        env = dict(os.environ, KUBECONFIG=kubeconfig, HOME=tmp)
        p = subprocess.run(["kubectl"] + argv, cwd=scratch, env=env, capture_output=True)
        return p.stdout, p.stderr, p.returncode


def run_kit(case_dir, argv):
    with tempfile.TemporaryDirectory() as tmp:
        scratch = os.path.join(tmp, "case")
        shutil.copytree(case_dir, scratch)
        p = subprocess.run([KIT] + argv, cwd=scratch, capture_output=True)
        return p.stdout, p.stderr, p.returncode


def kubectl_message(stderr):
    """kubectl's error text without `error: ` and klog's prefix."""
    text = stderr.decode("utf-8", "replace").strip()
    lines = [l for l in text.split("\n") if not l.startswith("See '") and not l.startswith("Warning:")]
    text = "\n".join(lines)
    m = re.search(r'run\.go:\d+\] "command failed" err="(.*)"$', text)
    if m:
        return m.group(1).replace('\\"', '"')
    for prefix in ("error: ", "Error: "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def write(path, data):
    if data:
        open(path, "wb").write(data)
    elif os.path.exists(path):
        os.remove(path)


def refresh(name, server_holder, record_kit=False):
    case_dir = os.path.join(CASES, name)
    kubectl_file = os.path.join(case_dir, "kubectl")
    if not os.path.exists(kubectl_file):
        return True
    argv = read_lines(kubectl_file)
    server = None
    server_file = os.path.join(case_dir, "kubectl-server")
    if os.path.exists(server_file):
        extra = open(server_file).read()
        if extra.strip():
            server = Server(extra)  # a server of its own, with the case's extra resources
            server_holder.append(server)
        else:
            if server_holder[0] is None:
                server_holder[0] = Server()
            server = server_holder[0]
    out, err, status = run_kubectl(case_dir, argv, server)
    ok = True
    if status == 0:
        write(os.path.join(case_dir, "stdout"), out)
    else:
        write(os.path.join(case_dir, "stdout"), b"")
    if record_kit:
        _, kerr, kstatus = run_kit(case_dir, read_lines(os.path.join(case_dir, "args")))
        write(os.path.join(case_dir, "stderr"), kerr)
        write(os.path.join(case_dir, "status"), b"%d\n" % kstatus if kstatus else b"")
    kit_status = int(open(os.path.join(case_dir, "status")).read()) if os.path.exists(os.path.join(case_dir, "status")) else 0
    kit_err = open(os.path.join(case_dir, "stderr"), "rb").read() if os.path.exists(os.path.join(case_dir, "stderr")) else b""
    noted = os.path.exists(os.path.join(case_dir, "NOTE"))
    if (status == 0) != (kit_status == 0):
        print("%s: kubectl exit %d but kit's expected status is %d%s" % (name, status, kit_status, " (see NOTE)" if noted else ""))
        ok = noted
    elif status != 0:
        message = kubectl_message(err)
        if message not in kit_err.decode("utf-8", "replace") and not noted:
            print("%s: kit's message differs from kubectl's\n  kubectl: %s\n  kit:     %s" % (name, message, kit_err.decode().strip()))
            ok = False
    return ok


def add_files(directory, specs):
    """NAME=@path (a file or a directory, copied) or NAME=text."""
    for spec in specs:
        name, _, content = spec.partition("=")
        target = os.path.join(directory, name)
        if content.startswith("@") and os.path.isdir(content[1:]):
            shutil.copytree(content[1:], target, symlinks=True)
            continue
        data = open(content[1:], "rb").read() if content.startswith("@") else content.encode()
        open(target, "wb").write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*")
    ap.add_argument("--new", metavar="NAME")
    ap.add_argument("--server", action="store_true", help="with --new: kubectl needs the stand-in API server")
    ap.add_argument("--file", action="append", default=[], help="with --new: NAME=@path or NAME=text, a file in the case")
    ap.add_argument("--compare", action="store_true")
    argv = sys.argv[1:]
    dash = argv.index("--") if "--" in argv else len(argv)
    a = ap.parse_args(argv[:dash])
    rest = argv[dash + 1:]
    holder = [None]
    try:
        if a.compare:
            with tempfile.TemporaryDirectory() as tmp:
                add_files(tmp, a.file)
                server = Server() if a.server else None
                holder[0] = server
                out, err, status = run_kubectl(tmp, kubectl_args(rest), server)
                kout, kerr, kstatus = run_kit(tmp, rest)
            print("== kubectl (%d)\n%s%s== kit (%d)\n%s%s" % (status, out.decode(), err.decode(), kstatus, kout.decode(), kerr.decode()))
            print("SAME STDOUT" if out == kout else "STDOUT DIFFERS")
            return
        if a.new:
            case_dir = os.path.join(CASES, a.new)
            os.makedirs(case_dir, exist_ok=True)
            open(os.path.join(case_dir, "args"), "w").write("\n".join(rest) + "\n")
            open(os.path.join(case_dir, "kubectl"), "w").write("\n".join(kubectl_args(rest)) + "\n")
            if a.server:
                open(os.path.join(case_dir, "kubectl-server"), "w").write("")
            add_files(case_dir, a.file)
            ok = refresh(a.new, holder, record_kit=True)
            for f in ("stdout", "stderr", "status"):
                path = os.path.join(case_dir, f)
                if os.path.exists(path):
                    sys.stdout.write("--- %s\n%s" % (f, open(path).read()))
            sys.exit(0 if ok else 1)
        names = a.cases or sorted(n for n in os.listdir(CASES) if n.startswith(("create-", "run-")))
        bad = [n for n in names if not refresh(n, holder)]
        print("%d cases, %d kubectl-recorded, %d with problems" % (
            len(names), sum(os.path.exists(os.path.join(CASES, n, "kubectl")) for n in names), len(bad)))
        sys.exit(1 if bad else 0)
    finally:
        for server in holder:
            if server:
                server.close()


if __name__ == "__main__":
    main()
