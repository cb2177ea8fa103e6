#!/usr/bin/env python3
"""Run kit render over the golden cases in Tests/KitRenderTests/Cases and report differences.

    scripts/render-cases.py [--kit PATH] [--show N] [--kubectl] [CASE...]

Each case directory holds a kustomization tree, `build` (directory to build, default .),
`args` (extra flags), and the expected `stdout`, `stderr`, `status` recorded from kubectl
kustomize. kit must print the same stdout and exit with the same status; for failures the
message is shown side by side (kit's wording may differ, its meaning must not).
With --kubectl the comparison is differential: kubectl kustomize runs on each case now and
kit is compared with what it prints (goldens that no longer match kubectl are reported as
stale). Without kubectl on PATH, --kubectl exits 0 after saying it skipped (CI may run it
unconditionally).
"""
import argparse, os, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "Tests", "KitRenderTests", "Cases")


def read(path, default=None):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return default


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kit", default=os.path.join(ROOT, ".build", "debug", "kit"))
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--kubectl", action="store_true")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    a.kit = os.path.abspath(a.kit)
    names = a.cases or sorted(d for d in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, d)))
    if a.kubectl and shutil.which("kubectl") is None:
        print("render-cases: kubectl not found; differential run skipped")
        return 0
    failures = []
    stale = []
    for name in names:
        d = os.path.join(CASES, name)
        build = (read(os.path.join(d, "build"), b".").decode().strip() or ".")
        extra = [x for x in read(os.path.join(d, "args"), b"").decode().split("\n") if x]
        want_out = read(os.path.join(d, "stdout"), b"")
        want_status = int((read(os.path.join(d, "status"), b"0").decode().strip() or "0"))
        if a.kubectl:
            try:
                k = subprocess.run(["kubectl", "kustomize", build] + extra, cwd=d, capture_output=True, timeout=120)
            except subprocess.TimeoutExpired:
                print("%s: kubectl kustomize timed out; golden used" % name)
            else:
                if k.stdout != want_out or (k.returncode == 0) != (want_status == 0):
                    stale.append(name)
                want_out, want_status = k.stdout, k.returncode
        p = subprocess.run([a.kit, "render", build] + extra, cwd=d, capture_output=True)
        ok = p.stdout == want_out and (p.returncode == 0) == (want_status == 0)
        if not ok:
            failures.append((name, p, want_out, want_status, read(os.path.join(d, "stderr"), b"")))
    against = "kubectl kustomize (run now)" if a.kubectl else "the recorded goldens"
    print("%d cases against %s: %d pass, %d fail" % (len(names), against, len(names) - len(failures), len(failures)))
    if stale:
        print("goldens that differ from kubectl kustomize now: " + ", ".join(stale))
    for name, p, want_out, want_status, want_err in failures[: a.show]:
        print("=" * 70)
        print("FAIL %s: status kit=%d kubectl=%d" % (name, p.returncode, want_status))
        if p.stdout != want_out:
            import difflib
            diff = difflib.unified_diff(want_out.decode("utf-8", "replace").splitlines(),
                                        p.stdout.decode("utf-8", "replace").splitlines(),
                                        "kubectl", "kit", lineterm="", n=2)
            print("\n".join(list(diff)[:40]))
        if p.stderr or want_err:
            print("kit stderr:     ", p.stderr.decode("utf-8", "replace").strip()[:500])
            print("kubectl stderr: ", want_err.decode("utf-8", "replace").strip()[:500])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
