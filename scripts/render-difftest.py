#!/usr/bin/env python3
"""Differential check of kit render against kubectl kustomize on trees from other projects.

    scripts/render-difftest.py krusty MIRROR [--rev kustomize/v5.5.0] [--test NAME] [options]
    scripts/render-difftest.py trees MIRROR... [--test REPO/PATH] [options]

e.g. scripts/render-difftest.py krusty ../.mirror/kubernetes-sigs+kustomize/repo

`krusty` reads kustomize's own end-to-end tests (api/krusty/*_test.go) from a git mirror of
kubernetes-sigs/kustomize (a bare directory such as the search tool's fetch makes; any git
dir or work tree works), at --rev (default kustomize/v5.5.0, the kustomize inside kubectl
1.32). Each test function is evaluated symbolically: the files it writes with th.WriteK /
th.WriteF / th.WriteC (string literals, constants, `+`, Join, helper functions called with
th) are materialised in a temp dir at each th.Run / th.RunWithErr, and that tree is built by
both tools. Tests whose files cannot be worked out statically (table-driven tests, binary
content, plugins) are counted as "not extracted". --test keeps the cases whose name
(`FILE/TestName`, or `REPO/PATH` for trees) contains it; it may be repeated.

`trees` takes mirrors of other public repositories, extracts each one's HEAD (or --rev) and
builds every directory holding a kustomization file.

Only cases that kubectl kustomize builds (exit 0, offline) count; for those kit must print
the same bytes on stdout and exit 0. kubectl's results are cached under --cache (default
bench/data/difftest-cache, keyed by the tree's content) so reruns only run kit.
Nothing of the other projects is written into the repository outside bench/data/.

Options: --kit PATH (default .build/release/kit if present, else .build/debug/kit),
--show N differences to print (default 10), --keep DIR to materialise the differing cases
there for inspection, --timeout SECONDS for kubectl (default 60), --list to print every
differing case name, --json FILE to write per-case results.
"""
import argparse, hashlib, json, os, re, shutil, subprocess, sys, tempfile, difflib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KFILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")

# --------------------------------------------------------------------------------------------
# A tokenizer for Go, with the spec's semicolon insertion, and a tiny evaluator for the
# subset of Go the krusty tests use to write their files.

TOKEN = re.compile(r"""
    (?P<ws>[ \t\r]+)
  | (?P<nl>\n)
  | (?P<lcomment>//[^\n]*)
  | (?P<bcomment>/\*.*?\*/)
  | (?P<raw>`[^`]*`)
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<rune>'(?:[^'\\\n]|\\.)*')
  | (?P<num>\d[\w.]*)
  | (?P<ident>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<op>:=|\.\.\.|&&|\|\||==|!=|<=|>=|\+\+|--|\+=|<-|[-+*/%&|^<>=!(){}\[\],;.:])
""", re.S | re.X)


def tokenize(src):
    out = []
    pos = 0
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m:
            out.append(("op", src[pos]))
            pos += 1
            continue
        pos = m.end()
        kind = m.lastgroup
        text = m.group(kind)
        if kind in ("ws", "lcomment"):
            continue
        if kind == "bcomment":
            if "\n" in text:
                kind = "nl"
            else:
                continue
        if kind == "nl":
            if out and (out[-1][0] in ("ident", "raw", "str", "rune", "num") or out[-1][1] in (")", "]", "}", "++", "--")):
                out.append(("op", ";"))
            continue
        out.append((kind, text))
    return out


def go_unquote(s):
    if s.startswith("`"):
        return s[1:-1].replace("\r", "")
    return json.loads(s) if "\\x" not in s and "\\0" not in s else bytes(s[1:-1], "utf-8").decode("unicode_escape")


class Unknown(Exception):
    pass


def match_close(toks, i):
    """toks[i] opens a bracket; returns the index of its closing bracket."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j][1] if toks[j][0] == "op" else None
        if t in pairs:
            depth += 1
        elif t in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                return j
    return len(toks) - 1


def split_args(toks):
    """Splits a token list on top-level commas."""
    args, cur, depth = [], [], 0
    for t in toks:
        if t[0] == "op" and t[1] in "([{":
            depth += 1
        elif t[0] == "op" and t[1] in ")]}":
            depth -= 1
        if depth == 0 and t == ("op", ","):
            args.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        args.append(cur)
    return args


def join_paths(parts):
    p = "/".join(x for x in parts if x != "")
    p = re.sub(r"/+", "/", p)
    absolute = p.startswith("/")
    segs = []
    for s in p.split("/"):
        if s in ("", "."):
            continue
        if s == ".." and segs and segs[-1] != "..":
            segs.pop()
        else:
            segs.append(s)
    r = "/".join(segs)
    return ("/" + r) if absolute else (r or ".")


class Program:
    """The package-level constants and helper functions of the krusty test files."""

    def __init__(self, files, read_testdata=None):
        self.read_testdata = read_testdata
        self.consts = {}
        self.funcs = {}  # name -> (params, body tokens)
        for name, src in files:
            self.scan(tokenize(src))

    def scan(self, toks):
        i = 0
        while i < len(toks):
            kind, text = toks[i]
            if (kind, text) == ("ident", "func") and i + 1 < len(toks) and toks[i + 1][0] == "ident":
                name = toks[i + 1][1]
                p_open = i + 2
                p_close = match_close(toks, p_open)
                params = [a[0][1] for a in split_args(toks[p_open + 1:p_close]) if a and a[0][0] == "ident"]
                j = p_close + 1
                while j < len(toks) and toks[j] != ("op", "{"):
                    if toks[j][0] == "op" and toks[j][1] in "([":
                        j = match_close(toks, j)
                    j += 1
                end = match_close(toks, j)
                self.funcs[name] = (params, toks[j + 1:end])
                i = end + 1
                continue
            if kind == "ident" and text in ("const", "var"):
                i = self.decl(toks, i + 1, self.consts)
                continue
            i += 1

    def decl(self, toks, i, env):
        """Reads `NAME [TYPE] = EXPR` or a parenthesised group of them into env; returns the next index."""
        if toks[i] == ("op", "("):
            end = match_close(toks, i)
            for stmt in split_stmts(toks[i + 1:end]):
                self.assign(stmt, env)
            return end + 1
        j = i
        while j < len(toks) and toks[j] != ("op", ";"):
            if toks[j][0] == "op" and toks[j][1] in "([{":
                j = match_close(toks, j)
            j += 1
        self.assign(toks[i:j], env)
        return j + 1

    def assign(self, stmt, env):
        if not stmt or stmt[0][0] != "ident":
            return
        try:
            eq = stmt.index(("op", "="))
        except ValueError:
            return
        try:
            env[stmt[0][1]] = self.eval(stmt[eq + 1:], env)
        except Unknown:
            env.pop(stmt[0][1], None)

    def eval(self, toks, env):
        parts = []
        for term in split_on(toks, "+"):
            parts.append(self.term(term, env))
        if all(isinstance(p, str) for p in parts):
            return "".join(parts)
        raise Unknown()

    def term(self, t, env):
        if len(t) == 1:
            kind, text = t[0]
            if kind in ("raw", "str"):
                return go_unquote(text)
            if kind == "ident":
                if text in env:
                    return env[text]
                if text in self.consts:
                    return self.consts[text]
            raise Unknown()
        if t[0] == ("op", "(") and match_close(t, 0) == len(t) - 1:
            return self.eval(t[1:-1], env)
        # calls: X.Y(args) or X(args)
        if t[-1] == ("op", ")"):
            open_at = None
            depth = 0
            for k in range(len(t) - 1, -1, -1):
                if t[k] == ("op", ")"):
                    depth += 1
                elif t[k] == ("op", "("):
                    depth -= 1
                    if depth == 0:
                        open_at = k
                        break
            callee = "".join(x[1] for x in t[:open_at])
            args = split_args(t[open_at + 1:-1])
            if callee in ("th.Join", "filepath.Join", "path.Join"):
                return join_paths([self.eval(a, env) for a in args])
            if callee in ("th.GetRoot", "th.Dir"):
                return "/"
            if callee == "os.ReadFile" and len(args) == 1 and self.read_testdata:
                data = self.read_testdata(self.eval(args[0], env))
                if data is None:
                    raise Unknown()
                return data
            if callee == "string" and len(args) == 1:
                return self.eval(args[0], env)
            if callee == "strings.Repeat" and len(args) == 2 and len(args[1]) == 1 and args[1][0][0] == "num":
                return self.eval(args[0], env) * int(args[1][0][1])
            if callee == "fmt.Sprintf" and args:
                fmt = self.eval(args[0], env)
                vals = [self.eval(a, env) for a in args[1:]]
                if re.search(r"%[^s%]", fmt):
                    raise Unknown()
                it = iter(vals)
                return re.sub(r"%[s%]", lambda m: "%" if m.group(0) == "%%" else next(it), fmt)
        raise Unknown()


def split_on(toks, op):
    out, cur, depth = [], [], 0
    for t in toks:
        if t[0] == "op" and t[1] in "([{":
            depth += 1
        elif t[0] == "op" and t[1] in ")]}":
            depth -= 1
        if depth == 0 and t == ("op", op):
            out.append(cur)
            cur = []
        else:
            cur.append(t)
    out.append(cur)
    return out


def split_stmts(toks):
    return [s for s in split_on(toks, ";") if s]


class Extraction:
    """Runs one test function symbolically; collects (files, build path, flags) at each Run."""

    def __init__(self, prog):
        self.prog = prog
        self.fs = {}
        self.runs = []  # (files dict, path, flags, expected-or-None, expect_error, unknown-reason)
        self.unknown = None
        self.flags = []
        self.options_unsupported = None
        self.depth = 0

    def run_body(self, toks, env):
        self.depth += 1
        if self.depth > 20:
            raise Unknown()
        i = 0
        n = len(toks)
        while i < n:
            kind, text = toks[i]
            nxt = toks[i + 1] if i + 1 < n else ("", "")
            # th := kusttest_test.MakeHarness(t) and friends: a fresh file system
            if kind == "ident" and text in ("MakeHarness", "MakeEnhancedHarness", "MakeHarnessWithFs", "MakeEnhancedHarnessWithTmpRoot"):
                self.fs = {}
                self.flags = []
                self.options_unsupported = None
            if kind == "ident" and text in ("const", "var"):
                i = self.prog.decl(toks, i + 1, env)
                continue
            # `data, _ := os.ReadFile(…)`: the value of the first name
            if kind == "ident" and nxt == ("op", ",") and i + 3 < n and toks[i + 2] == ("ident", "_") \
                    and toks[i + 3] in (("op", ":="), ("op", "=")):
                j = i + 4
                while j < n and toks[j] != ("op", ";"):
                    if toks[j][0] == "op" and toks[j][1] in "([{":
                        j = match_close(toks, j)
                    j += 1
                try:
                    env[text] = self.prog.eval(toks[i + 4:j], env)
                except Unknown:
                    env.pop(text, None)
                i = j + 1
                continue
            if kind == "ident" and nxt in (("op", ":="), ("op", "=")) and (i == 0 or toks[i - 1] in (("op", ";"), ("op", "{"), ("op", "}"))):
                j = i + 2
                while j < n and toks[j] != ("op", ";"):
                    if toks[j][0] == "op" and toks[j][1] in "([{":
                        j = match_close(toks, j)
                    j += 1
                try:
                    env[text] = self.prog.eval(toks[i + 2:j], env)
                    i = j + 1
                    continue
                except Unknown:
                    env.pop(text, None)
                    i += 2
                    continue
            if kind == "ident" and text in ("LoadRestrictionsNone",):
                self.flags = ["--load-restrictor", "LoadRestrictionsNone"]
            if kind == "ident" and text in ("Reorder", "AddManagedbyLabel", "PluginConfig") and nxt == ("op", "="):
                self.options_unsupported = "options." + text
            if kind == "ident" and text == "th" and nxt == ("op", ".") and i + 3 < n and toks[i + 3] == ("op", "("):
                method = toks[i + 2][1]
                close = match_close(toks, i + 3)
                args = split_args(toks[i + 4:close])
                self.th_call(method, args, env)
                i = close + 1
                continue
            if kind == "ident" and text in self.prog.funcs and nxt == ("op", "(") and text not in ("writeC", "writeF", "writeK"):
                close = match_close(toks, i + 1)
                args = split_args(toks[i + 2:close])
                params, body = self.prog.funcs[text]
                if args and args[0] and args[0][0][1] == "th":
                    local = {}
                    for p, a in zip(params, args):
                        try:
                            local[p] = self.prog.eval(a, env)
                        except Unknown:
                            pass
                    self.run_body(body, local)
                    i = close + 1
                    continue
                # another helper (`runOpenApiTest(t, func(t) {…})`): walk into its arguments
                i += 2
                continue
            i += 1
        self.depth -= 1

    def th_call(self, method, args, env):
        def val(a):
            try:
                return self.prog.eval(a, env)
            except Unknown:
                self.unknown = self.unknown or ("cannot evaluate an argument of th.%s" % method)
                return None
        if method in ("WriteK", "WriteC", "WriteF") and len(args) == 2:
            path, content = val(args[0]), val(args[1])
            if path is None or content is None:
                self.unknown = self.unknown or ("cannot evaluate th.%s" % method)
                return
            if method == "WriteK":
                path = join_paths([path, "kustomization.yaml"])
                content = "\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" + content
            elif method == "WriteC":
                path = join_paths([path, "kustomization.yaml"])
                content = "\napiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n" + content
            self.fs[join_paths(["/", path])] = content
        elif method == "MkDir" and args:
            p = val(args[0])
            if p is not None:
                self.fs.setdefault(join_paths(["/", p]) + "/", None)
        elif method == "WriteLegacyConfigs":
            self.unknown = self.unknown or "th.WriteLegacyConfigs"
        elif method in ("Run", "RunWithErr") and args:
            p = val(args[0])
            opts = "".join(x[1] for x in args[1]) if len(args) > 1 else ""
            reason = self.unknown
            if "PluginsEnabled" in opts:
                reason = reason or "plugins enabled"
            if self.options_unsupported:
                reason = reason or self.options_unsupported
            if p is None:
                reason = reason or "cannot evaluate the build path"
            self.runs.append({"files": dict(self.fs), "path": p, "flags": list(self.flags),
                              "error": method == "RunWithErr", "unknown": reason})
        elif method in ("AssertActualEqualsExpected", "AssertActualEqualsExpectedNoIdAnnotations") and len(args) == 2:
            # th.AssertActualEqualsExpected(th.Run(…), …)
            self.run_body(args[0], env)
            if self.runs:
                try:
                    self.runs[-1]["expected"] = self.prog.eval(args[1], env)
                except Unknown:
                    pass


def krusty_cases(mirror, rev, filters):
    names = subprocess.run(["git", "-C", mirror, "ls-tree", "--name-only", rev, "api/krusty/"],
                           capture_output=True, text=True, check=True).stdout.split()
    files = []
    for n in names:
        if n.endswith("_test.go"):
            src = subprocess.run(["git", "-C", mirror, "show", "%s:%s" % (rev, n)], capture_output=True,
                                 check=True).stdout.decode("utf-8", "surrogateescape")
            files.append((os.path.basename(n), src))
    def read_testdata(path):
        rel = os.path.normpath(os.path.join("api/krusty", path))
        p = subprocess.run(["git", "-C", mirror, "show", "%s:%s" % (rev, rel)], capture_output=True)
        return p.stdout.decode("utf-8", "surrogateescape") if p.returncode == 0 else None
    prog = Program(files, read_testdata)
    cases = []
    for fname, src in files:
        toks = tokenize(src)
        for name in [t[1] for k, t in enumerate(toks) if k > 0 and toks[k - 1] == ("ident", "func") and t[0] == "ident" and t[1].startswith("Test")]:
            if filters and not any(f in "%s/%s" % (fname[:-8], name) for f in filters):
                continue
            params, body = prog.funcs[name]
            ex = Extraction(prog)
            try:
                ex.run_body(body, {})
            except Unknown:
                ex.runs.append({"files": {}, "path": None, "unknown": "too deep"})
            if not ex.runs:
                cases.append({"name": "%s/%s" % (fname[:-8], name), "unknown": ex.unknown or "no th.Run"})
            for k, r in enumerate(ex.runs):
                r["name"] = "%s/%s%s" % (fname[:-8], name, "" if len(ex.runs) == 1 else "#%d" % (k + 1))
                cases.append(r)
    return cases


def materialise(files, dest):
    for p, content in files.items():
        full = os.path.join(dest, p.lstrip("/"))
        if p.endswith("/"):
            os.makedirs(full, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(content.encode("utf-8", "surrogateescape"))


def tree_key(files, path, flags):
    h = hashlib.sha256()
    for p in sorted(files):
        h.update(p.encode() + b"\0" + (files[p] or "").encode("utf-8", "surrogateescape") + b"\0")
    h.update(("%s\0%s" % (path, " ".join(flags))).encode())
    return h.hexdigest()[:32]


# --------------------------------------------------------------------------------------------
# Running both tools

class Runner:
    def __init__(self, a):
        self.a = a
        self.cache_dir = a.cache
        os.makedirs(self.cache_dir, exist_ok=True)

    def kubectl(self, key, cwd, path, flags):
        cpath = os.path.join(self.cache_dir, key + ".json")
        if os.path.exists(cpath) and not self.a.no_cache:
            with open(cpath) as f:
                c = json.load(f)
            return c["status"], c["stdout"].encode("utf-8", "surrogateescape"), c["stderr"]
        try:
            p = subprocess.run(["kubectl", "kustomize", path] + flags, cwd=cwd, capture_output=True,
                               timeout=self.a.timeout, stdin=subprocess.DEVNULL)
            status, out, err = p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            status, out, err = -1, b"", "timeout"
        with open(cpath, "w") as f:
            json.dump({"status": status, "stdout": out.decode("utf-8", "surrogateescape"), "stderr": err[-4000:]}, f)
        return status, out, err

    def kit(self, cwd, path, flags):
        try:
            p = subprocess.run([self.a.kit, "render", path] + flags, cwd=cwd, capture_output=True,
                               timeout=self.a.timeout, stdin=subprocess.DEVNULL)
            return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            return -1, b"", "timeout"


def compare(runner, name, key, cwd, path, flags, results):
    ks, kout, kerr = runner.kubectl(key, cwd, path, flags)
    if ks != 0:
        results.append({"name": name, "result": "kubectl-fails", "kubectl_err": kerr.strip().splitlines()[-1:] })
        return
    ts, tout, terr = runner.kit(cwd, path, flags)
    if ts == 0 and tout == kout:
        results.append({"name": name, "result": "same"})
        return
    diff = list(difflib.unified_diff(kout.decode("utf-8", "replace").splitlines(), tout.decode("utf-8", "replace").splitlines(),
                                     "kubectl", "kit", lineterm="", n=2))
    results.append({"name": name, "result": "different", "kit_status": ts, "kit_err": terr.strip()[-1500:],
                    "diff": diff[:60], "cwd": cwd, "path": path})
    if runner.a.keep:
        dest = os.path.join(runner.a.keep, re.sub(r"[^\w.#-]+", "_", name))
        if os.path.exists(dest):
            shutil.rmtree(dest)
        shutil.copytree(cwd, dest, symlinks=True)
        with open(os.path.join(dest, ".difftest-build"), "w") as f:
            f.write("%s %s\n" % (path, " ".join(flags)))
        with open(os.path.join(dest, ".difftest-kubectl.out"), "wb") as f:
            f.write(kout)


def report(results, a, extra_counts):
    same = [r for r in results if r["result"] == "same"]
    diff = [r for r in results if r["result"] == "different"]
    kfail = [r for r in results if r["result"] == "kubectl-fails"]
    built = len(same) + len(diff)
    for line in extra_counts:
        print(line)
    print("%d cases; kubectl kustomize builds %d offline (%d fail); kit matches %d of %d (%.1f%%)"
          % (len(results), built, len(kfail), len(same), built, 100.0 * len(same) / max(built, 1)))
    for r in diff[: a.show]:
        print("=" * 78)
        print("DIFFERENT %s (kit status %s)" % (r["name"], r["kit_status"]))
        if r["kit_err"]:
            print("kit stderr: " + r["kit_err"][-600:])
        print("\n".join(r["diff"][:40]))
    if a.list:
        for r in diff:
            print("different: " + r["name"])
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)
    return 1 if diff else 0


def cmd_krusty(a):
    cases = krusty_cases(a.mirror[0], a.rev, a.tests)
    runner = Runner(a)
    results = []
    not_extracted = [c for c in cases if c.get("unknown")]
    with tempfile.TemporaryDirectory(prefix="kit-krusty-") as tmp:
        for i, c in enumerate(cases):
            if c.get("unknown"):
                continue
            cwd = os.path.join(tmp, "c%d" % i)
            os.makedirs(cwd)
            materialise(c["files"], cwd)
            path = c["path"].lstrip("/") or "."
            compare(runner, c["name"], "k-" + tree_key(c["files"], path, c["flags"]), cwd, path, c["flags"], results)
    reasons = {}
    for c in not_extracted:
        reasons[c["unknown"]] = reasons.get(c["unknown"], 0) + 1
    extra = ["krusty tests at %s: %d builds found, %d not extracted (%s)"
             % (a.rev, len(cases), len(not_extracted), ", ".join("%s: %d" % kv for kv in sorted(reasons.items(), key=lambda kv: -kv[1])))]
    return report(results, a, extra)


def extract_tree(mirror, rev, dest):
    """Writes the files of `rev` under dest (a mirror may lack its largest blobs: those are
    skipped, and counted)."""
    listing = subprocess.run(["git", "-C", mirror, "ls-tree", "-r", "-z", rev], capture_output=True, check=True).stdout
    entries = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, path = item.split(b"\t", 1)
        mode, typ, sha = meta.split()
        if typ == b"blob":
            entries.append((mode, sha, path.decode("utf-8", "surrogateescape")))
    p = subprocess.Popen(["git", "-C", mirror, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    missing = 0
    for mode, sha, path in entries:
        p.stdin.write(sha + b"\n")
        p.stdin.flush()
        header = p.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            missing += 1
            continue
        data = p.stdout.read(int(header[2]))
        p.stdout.read(1)
        full = os.path.join(dest, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if mode == b"120000":
            try:
                os.symlink(data.decode("utf-8", "surrogateescape"), full)
            except OSError:
                pass
            continue
        with open(full, "wb") as f:
            f.write(data)
    p.stdin.close()
    p.wait()
    return missing


def kustomization_dirs(root):
    out = []
    for d, subdirs, files in os.walk(root):
        subdirs[:] = sorted(s for s in subdirs if s != ".git")
        if any(f in files for f in KFILES):
            out.append(d)
    return out


def cmd_trees(a):
    runner = Runner(a)
    results = []
    extra = []
    with tempfile.TemporaryDirectory(prefix="kit-trees-") as tmp:
        for m in a.mirror:
            m = os.path.abspath(m)
            rev = subprocess.run(["git", "-C", m, "rev-parse", a.rev or "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
            repo = os.path.basename(os.path.dirname(m)) if os.path.basename(m) == "repo" else os.path.basename(m)
            dest = os.path.join(tmp, repo)
            os.makedirs(dest)
            missing = extract_tree(m, rev, dest)
            if missing:
                extra.append("%s: %d files absent from the mirror (large files) were skipped" % (repo, missing))
            dirs = kustomization_dirs(dest)
            extra.append("%s@%s: %d kustomizations" % (repo, rev[:12], len(dirs)))
            for d in dirs:
                rel = os.path.relpath(d, dest)
                if a.tests and not any(f in repo + "/" + rel for f in a.tests):
                    continue
                compare(runner, "%s/%s" % (repo, rel), "t-%s-%s" % (rev, hashlib.sha256(rel.encode()).hexdigest()[:16]),
                        dest, rel, [], results)
        return report(results, a, extra)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["krusty", "trees"])
    ap.add_argument("mirror", nargs="+", help="git mirror path(s)")
    ap.add_argument("--rev", default=None)
    ap.add_argument("--test", dest="tests", action="append", default=[], help="only cases whose name contains this")
    default_kit = os.path.join(ROOT, ".build", "release", "kit")
    if not os.path.exists(default_kit):
        default_kit = os.path.join(ROOT, ".build", "debug", "kit")
    ap.add_argument("--kit", default=default_kit)
    ap.add_argument("--cache", default=os.path.join(ROOT, "bench", "data", "difftest-cache"))
    ap.add_argument("--no-cache", action="store_true", help="run kubectl again even when cached")
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--keep", default=None)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    a.kit = os.path.abspath(a.kit)
    if shutil.which("kubectl") is None:
        sys.exit("render-difftest: kubectl not found")
    if a.mode == "krusty":
        a.rev = a.rev or "kustomize/v5.5.0"
        return cmd_krusty(a)
    return cmd_trees(a)


if __name__ == "__main__":
    sys.exit(main())
