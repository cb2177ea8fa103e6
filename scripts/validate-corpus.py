#!/usr/bin/env python3
"""Builds the agreement corpus of `kit validate --strict --rules schema` against
kubernetes-validate, and records the reference's verdicts.

    pip install kubernetes-validate            # 1.37.0
    python3 scripts/validate-corpus.py         # rewrite Tests/KitValidateTests/Corpus
    python3 scripts/validate-corpus.py --cli   # also run the real command line on every file
                                               # (slow: ~1 s a file) and check it agrees with
                                               # the in-process verdicts
    python3 scripts/validate-corpus.py --verify # re-run kubernetes-validate on the committed
                                               # corpus and compare with VERDICTS (scripts/test
                                               # does this when kubernetes-validate is installed)
    python3 scripts/validate-corpus.py --check-derivation
                                               # check BundledSchemas' rule for the per-kind
                                               # schema files against every file shipped

The corpus is single-document files: every document of every example and golden file in the
repository (examples/, the render, CLI and YAML-reading golden cases), split at document
boundaries with their original text, de-duplicated; then mutations of the valid objects
among them, made with a seeded random generator and the schemas kubernetes-validate ships:
wrong types, missing required fields, unknown fields at several depths, nulls, lists for
objects, bad int-or-string values, wrong apiVersions for a kind, kind spelling, and YAML 1.1
spellings (yes/no, octal, timestamps, duplicate keys).

Each file's verdict is kubernetes-validate's (`--strict -k 1.37.0`): `valid` when it exits 0
(including when it skips an unknown kind with a warning), `invalid` otherwise (a validation
error, a file it cannot parse, a document it cannot validate, or a crash). Verdicts go to
Corpus/VERDICTS with the reference's first output line; Tests/KitValidateTests/AgreementTests
checks kit against them without Python.

Where kit's verdict (from the kit binary, --kit) differs by design, the file is listed with
the reason in Corpus/DIVERGENCES: objects kubectl cannot apply (no usable metadata.name, an
empty kind) that the reference lets through, Lists (kit checks their items), JSON files (kit
reads JSON as JSON), documents that are 0/false/"" (the reference skips them). A difference
outside these categories is printed as UNEXPLAINED and the script fails: that is a kit bug.
AgreementTests fails if kit disagrees on a file not listed, or agrees on one that is.
"""
import argparse, contextlib, copy, hashlib, io, json, os, random, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Tests", "KitValidateTests", "Corpus")
SEED_DIRS = ["examples", "Tests/KitRenderTests/Cases", "Tests/KitCLITests/Cases", "Tests/KitCoreTests/Fixtures/kustomize-corpus"]
VERSION = "1.37.0"

import yaml
import kubernetes_validate.utils as kv

SCHEMA_DIR = os.path.join(os.path.dirname(kv.__file__), "kubernetes-json-schema")


def construct_value(loader, node):
    return str(node.value)


yaml.SafeLoader.add_constructor("tag:yaml.org,2002:value", construct_value)


# --------------------------------------------------------------------------
# The reference


def reference_verdict(path):
    """kubernetes-validate --strict -k 1.37.0 PATH, in process: (valid?, first output line)."""
    out = io.StringIO()
    rc = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            rc = kv.validate_file(path, VERSION, True, False, False)
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else 1
            if not isinstance(e.code, int):
                print("EXIT " + str(e.code))
        except Exception as e:  # the command line crashes with a traceback: exit status 1
            rc = 1
            print("CRASH %s: %s" % (type(e).__name__, e))
    lines = [l for l in out.getvalue().splitlines() if l.strip()]
    first = lines[0] if lines else ""
    return rc == 0, first


def cli_verdict(path):
    p = subprocess.run(["kubernetes-validate", "--strict", "-k", VERSION, path], capture_output=True, text=True, cwd=CORPUS)
    return p.returncode == 0


# --------------------------------------------------------------------------
# Seeds: every document of the repository's example and golden files


def documents_of(text):
    """The documents of a YAML stream as (start, end) slices of its text, or None."""
    try:
        events = list(yaml.parse(text))
    except Exception:
        return None
    spans, start = [], None
    # PyYAML marks count characters; slice the text by characters.
    for e in events:
        if isinstance(e, yaml.DocumentStartEvent):
            start = e.start_mark.index
        elif isinstance(e, yaml.DocumentEndEvent) and start is not None:
            spans.append((start, e.end_mark.index))
            start = None
    return spans


def seeds():
    """The seed documents, de-duplicated: every document of examples/, the CLI cases and the
    YAML-reading corpus, and of every third render case (their trees repeat one another a
    lot); documents over 8 KB are left out (the deep-nesting stress files)."""
    files = []
    for d in SEED_DIRS:
        for base, dirs, names in os.walk(os.path.join(ROOT, d)):
            dirs.sort()
            m = re.search(r"KitRenderTests/Cases/(\d+)-", base + "/")
            if m and int(m.group(1)) % 3 != 0:
                continue
            for n in sorted(names):
                if n.endswith((".yaml", ".yml", ".json")) or n in ("stdout", "stdin"):
                    files.append(os.path.join(base, n))
    out, seen = [], set()
    for f in files:
        try:
            text = open(f, encoding="utf-8").read()
        except Exception:
            continue
        if f.endswith(".json"):
            parts = [text]
            ext = ".json"
        else:
            spans = documents_of(text)
            ext = ".yaml"
            if spans is None:
                parts = [text] if len(text) < 4000 else []
            else:
                parts = [text[a:b].strip("\n") + "\n" for a, b in spans]
                parts = [p for p in parts if p.strip() and p.strip() != "---"]
        for p in parts:
            if p.startswith("---"):
                p = p[3:].lstrip("\n")
            key = hashlib.sha256(p.encode()).hexdigest()
            if key in seen or not p.strip() or len(p) > 8192:
                continue
            seen.add(key)
            out.append((os.path.relpath(f, ROOT), p, ext))
    return out


# --------------------------------------------------------------------------
# Mutations


class Schemas:
    def __init__(self):
        d = os.path.join(SCHEMA_DIR, "v%s-local-strict" % VERSION)
        self.dir = d
        self.defs = json.load(open(os.path.join(d, "_definitions.json")))["$defs"]

    def top(self, doc):
        api = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", doc["apiVersion"])
        p = os.path.join(self.dir, "%s-%s.json" % (doc["kind"].lower(), api))
        return json.load(open(p)) if os.path.exists(p) else None

    def resolve(self, s):
        while isinstance(s, dict) and "$ref" in s:
            s = self.defs[s["$ref"].split("/")[-1]]
        return s

    def is_intorstring(self, s):
        return isinstance(s, dict) and s.get("$ref", "").endswith("IntOrString")


def walk(doc, schema, schemas, path=()):
    """(path, value, schema) for every node the schema describes."""
    yield path, doc, schema
    s = schemas.resolve(schema)
    if not isinstance(s, dict):
        return
    if isinstance(doc, dict):
        props = s.get("properties", {})
        for k, v in doc.items():
            if k in props:
                yield from walk(v, props[k], schemas, path + (k,))
            elif isinstance(s.get("additionalProperties"), dict):
                yield from walk(v, s["additionalProperties"], schemas, path + (k,))
    elif isinstance(doc, list) and "items" in s:
        for i, v in enumerate(doc):
            yield from walk(v, s["items"], schemas, path + (i,))


def get(doc, path):
    for p in path:
        doc = doc[p]
    return doc


def put(doc, path, value):
    get(doc, path[:-1])[path[-1]] = value


def other_type(v, rng):
    choices = {
        "str": ["text", "80"],
        "int": [3, 0],
        "float": [1.5],
        "bool": [True, False],
        "list": [["a"], []],
        "dict": [{"a": "b"}],
    }
    have = "bool" if isinstance(v, bool) else "int" if isinstance(v, int) else "float" if isinstance(v, float) else \
        "str" if isinstance(v, str) else "list" if isinstance(v, list) else "dict" if isinstance(v, dict) else "none"
    kinds = [k for k in choices if k != have]
    return rng.choice(choices[rng.choice(kinds)])


WRONG_API = {
    "Deployment": ["v1", "extensions/v1beta1", "apps/v1beta1", "apps.example.com/v1", "batch/v1"],
    "Service": ["apps/v1", "v2", "core/v1"],
    "ConfigMap": ["apps/v1", "v1beta1"],
    "Secret": ["apps/v1", "v2"],
    "Ingress": ["extensions/v1beta1", "networking.k8s.io/v1beta1", "v1"],
    "StatefulSet": ["v1", "apps/v1beta2"],
    "DaemonSet": ["extensions/v1beta1", "v1"],
    "Job": ["v1", "batch/v2"],
    "CronJob": ["batch/v1beta1", "v1"],
    "HorizontalPodAutoscaler": ["autoscaling/v2beta2", "autoscaling/v3", "apps/v1"],
    "PodDisruptionBudget": ["policy/v1beta1", "v1"],
    "Role": ["rbac.authorization.k8s.io/v1beta1", "v1"],
    "RoleBinding": ["rbac.authorization.k8s.io/v1alpha1", "v1"],
    "ServiceAccount": ["apps/v1"],
    "Pod": ["apps/v1", "v2"],
    "Namespace": ["apps/v1"],
    "PersistentVolumeClaim": ["storage.k8s.io/v1"],
}


def dump(doc):
    return yaml.safe_dump(doc, sort_keys=False, default_flow_style=False, allow_unicode=True)


def mutations(base, schemas, rng):
    """(name, text) mutants of one valid object."""
    top = schemas.top(base)
    if top is None:
        return []
    nodes = list(walk(base, top, schemas))
    out = []

    def emit(name, doc):
        out.append((name, dump(doc)))

    # Wrong types.
    for path, v, s in rng.sample(nodes[1:], min(3, len(nodes) - 1)):
        d = copy.deepcopy(base)
        put(d, path, other_type(v, rng))
        emit("type-" + "-".join(map(str, path[-2:])), d)
    # Missing required fields.
    required = []
    for path, v, s in nodes:
        r = schemas.resolve(s)
        if isinstance(v, dict) and isinstance(r, dict):
            for k in r.get("required", []):
                if k in v:
                    required.append(path + (k,))
    for path in rng.sample(required, min(2, len(required))):
        d = copy.deepcopy(base)
        del get(d, path[:-1])[path[-1]]
        emit("required-" + "-".join(map(str, path[-2:])), d)
    # Unknown fields at several depths.
    objects = [(p, v) for p, v, s in nodes if isinstance(v, dict) and not isinstance(schemas.resolve(s).get("additionalProperties"), dict)]
    by_depth = {}
    for p, v in objects:
        by_depth.setdefault(len(p), []).append(p)
    for depth in sorted(by_depth)[:5]:
        p = rng.choice(by_depth[depth])
        d = copy.deepcopy(base)
        get(d, p)["unexpectedField%d" % depth] = "x"
        emit("unknown-depth%d" % depth, d)
    # Nulls.
    for path, v, s in rng.sample(nodes[1:], min(3, len(nodes) - 1)):
        d = copy.deepcopy(base)
        put(d, path, None)
        emit("null-" + "-".join(map(str, path[-2:])), d)
    # Lists for objects.
    dicts = [p for p, v in objects if p]
    for p in rng.sample(dicts, min(2, len(dicts))):
        d = copy.deepcopy(base)
        put(d, p, [get(d, p)])
        emit("list-for-object-" + "-".join(map(str, p[-2:])), d)
    # Bad int-or-string values.
    ios = [p for p, v, s in nodes if schemas.is_intorstring(s)]
    for p in ios[:2]:
        for bad in rng.sample([True, 1.5, None, [80], {"port": 80}, "80", 8080, 1.0], 3):
            d = copy.deepcopy(base)
            put(d, p, bad)
            emit("intorstring-" + "-".join(map(str, p[-2:])), d)
    # Wrong apiVersion for the kind; kind spelling.
    for api in WRONG_API.get(base["kind"], [])[:3]:
        d = copy.deepcopy(base)
        d["apiVersion"] = api
        emit("apiversion-" + api.replace("/", "-"), d)
    d = copy.deepcopy(base)
    d["kind"] = base["kind"].lower()
    emit("kind-lowercase", d)
    return out


def yaml11_cases():
    """Hand-written YAML 1.1 spellings around a small Deployment."""
    head = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n%s"
    spec = ("spec:\n  replicas: %s\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n"
            "      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n%s")
    cases = []
    for r in ["yes", "on", "off", "0x10", "0755", "1_000", "1:20", "1e3", "1.0e+3", "3.0", "3.5", ".inf", "~", "'3'", "0b11", "08", "+3", "-1"]:
        cases.append(("yaml11-replicas-" + re.sub(r"[^a-z0-9]", "_", r), head % "" + spec % (r, "")))
    env = "        env:\n        - name: A\n          value: %s\n"
    for v in ["yes", "no", "on", "1e3", "1.0e+3", "2021-03-04", "2021-03-04T05:06:07Z", "'2021-03-04'", "12", "0x1f", "=", "null", "~", "''", "1:30"]:
        cases.append(("yaml11-env-" + re.sub(r"[^a-z0-9]", "_", v), head % "" + spec % ("1", env % v)))
    ann = "  annotations:\n    note: %s\n"
    for v in ["2021-03-04", "2021-13-04", "2021-02-30", "yes", "3", "'2021-03-04'", "2021-03-04 05:06:07", "1.5"]:
        cases.append(("yaml11-annotation-" + re.sub(r"[^a-z0-9]", "_", v), head % (ann % v) + spec % ("1", "")))
    cases.append(("yaml11-duplicate-key-last-wins", head % "" + spec % ("'bad'", "") + "  replicas: 2\n"))
    cases.append(("yaml11-duplicate-key-last-bad", head % "" + spec % ("2", "") + "  replicas: bad\n"))
    cases.append(("yaml11-anchor-merge", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: &l {a: b}\n  annotations:\n    <<: *l\n    c: d\ndata:\n  k: v\n"))
    cases.append(("yaml11-tab-indent", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n"))
    cases.append(("syntax-unclosed-quote", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"x\n"))
    cases.append(("syntax-bad-indent", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n labels: {}\n"))
    cases.append(("syntax-list-document", "- apiVersion: v1\n  kind: ConfigMap\n"))
    cases.append(("syntax-scalar-document", "just a string\n"))
    cases.append(("syntax-no-apiversion", "kind: ConfigMap\nmetadata:\n  name: x\n"))
    cases.append(("syntax-apiversion-number", "apiVersion: 1\nkind: ConfigMap\nmetadata:\n  name: x\n"))
    cases.append(("syntax-no-kind", "apiVersion: v1\nmetadata:\n  name: x\n"))
    cases.append(("syntax-no-metadata", "apiVersion: v1\nkind: ConfigMap\ndata: {}\n"))
    cases.append(("syntax-unknown-tag", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: !custom x\n"))
    cases.append(("syntax-empty-file", ""))
    cases.append(("syntax-comments-only", "# nothing here\n"))
    cases.append(("syntax-two-slashes", "apiVersion: a/b/c\nkind: ConfigMap\nmetadata:\n  name: x\n"))
    cases.append(("unknown-kind-crd", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n"))
    cases.append(("unknown-kind-typo", "apiVersion: v1\nkind: ConfigMpa\nmetadata:\n  name: x\n"))
    cases.append(("unknown-kind-no-name", "apiVersion: example.com/v1\nkind: Widget\nspec: {}\n"))
    return cases


# --------------------------------------------------------------------------


def divergence(text, ext):
    """Why kit's verdict may differ from kubernetes-validate's on purpose, or None."""
    if ext == ".json":
        return "a JSON file: kit reads it as JSON, the reference reads it as YAML 1.1 (where 1e3 is a string and tabs cannot indent)"
    try:
        docs = list(yaml.safe_load_all(text))
    except Exception as e:
        try:
            list(yaml.load_all(text, Loader=yaml.CSafeLoader))
        except Exception:
            return None
        if "'\\t' that cannot start any token" in str(e):
            return "a tab inside a plain scalar: PyYAML's pure-Python scanner refuses it, libyaml (which kit and kubectl's YAML reader follow) reads it"
        return None
    for d in docs:
        if d is None or d == {} or d == []:
            continue
        if not isinstance(d, (dict, list)):
            if not d:
                return "a document that is 0, false or an empty string: the reference skips it, kit reports a document that is not an object"
            continue
        if not isinstance(d, dict):
            continue
        kind, md = d.get("kind"), d.get("metadata")
        if isinstance(kind, str) and kind.endswith("List") and isinstance(d.get("items"), list):
            return "a List: kit checks its items one by one as objects, the reference checks the list as a whole or skips it"
        if kind == "":
            return "an empty kind: kit rejects it (kubectl cannot apply it), the reference skips it"
        if "apiVersion" in d and "kind" in d:
            if not isinstance(md, dict) or md.get("name") in (None, ""):
                return "no usable metadata.name: kit rejects it (kubectl cannot apply it); the reference accepts a null or empty name, and skips kinds it has no schema for without looking at the name"
    return None


def kit_verdicts(kit, fnames):
    """kit validate --strict --rules schema on every file, in one run: a file is valid when no
    error finding points into it (the schema family checks each document on its own)."""
    p = subprocess.run([kit, "validate", "--strict", "--rules", "schema", "-o", "json"] + fnames, capture_output=True, text=True, cwd=CORPUS)
    if p.returncode not in (0, 1):
        raise SystemExit("kit failed: %s" % p.stderr)
    invalid = {f["file"] for f in json.loads(p.stdout)["findings"] if f["severity"] == "error"}
    return {f: f not in invalid for f in fnames}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", action="store_true", help="also run the real kubernetes-validate on every file")
    ap.add_argument("--check-derivation", action="store_true")
    ap.add_argument("--verify", action="store_true", help="check the committed VERDICTS against kubernetes-validate")
    ap.add_argument("--mutants-per-object", type=int, default=8)
    ap.add_argument("--kit", default=os.path.join(ROOT, ".build", "debug", "kit"), help="kit binary, to list the divergences")
    a = ap.parse_args()
    if a.check_derivation:
        return check_derivation()
    if a.verify:
        return verify(a.cli)

    rng = random.Random(37)
    schemas = Schemas()
    entries = []  # (name, text, ext)
    for source, text, ext in seeds():
        slug = re.sub(r"[^A-Za-z0-9]+", "-", source.replace("Tests/", "").replace("Cases/", ""))[:60].strip("-")
        entries.append(("seed-" + slug, text, ext))
    # Mutate the valid objects with a schema.
    bases, seen_kinds = [], {}
    for name, text, ext in entries:
        try:
            d = yaml.safe_load(text)
        except Exception:
            continue
        if not isinstance(d, dict) or not isinstance(d.get("kind"), str) or not isinstance(d.get("apiVersion"), str):
            continue
        if not isinstance(d.get("metadata"), dict) or not d["metadata"].get("name"):
            continue
        if schemas.top(d) is None:
            continue
        # A few objects per kind, to spread the mutations.
        if seen_kinds.get(d["kind"], 0) >= 2:
            continue
        ok, _ = validate_text(text, ext)
        if not ok:
            continue
        seen_kinds[d["kind"]] = seen_kinds.get(d["kind"], 0) + 1
        bases.append(d)
    for i, b in enumerate(bases):
        ms = mutations(b, schemas, rng)
        rng.shuffle(ms)
        for name, text in ms[:a.mutants_per_object]:
            entries.append(("mut-%s-%s" % (b["kind"].lower(), name), text, ".yaml"))
    for name, text in yaml11_cases():
        entries.append((name, text, ".yaml"))

    # Write, de-duplicated, and record the verdicts.
    os.makedirs(CORPUS, exist_ok=True)
    for f in os.listdir(CORPUS):
        os.remove(os.path.join(CORPUS, f))
    if not os.path.exists(a.kit):
        sys.exit("build kit first (swift build --product kit) or pass --kit: the divergences need its verdicts")
    verdicts, divergences, unexplained, seen, n = [], [], [], set(), 0
    written = []
    for name, text, ext in entries:
        key = hashlib.sha256(text.encode()).hexdigest()
        if key in seen:
            continue
        seen.add(key)
        n += 1
        fname = "%04d-%s%s" % (n, re.sub(r"[^A-Za-z0-9_.-]+", "-", name)[:70], ext)
        path = os.path.join(CORPUS, fname)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        ok, first = reference_verdict_in(CORPUS, fname)
        verdicts.append("%s\t%s\t%s" % (fname, "valid" if ok else "invalid", first.replace("\t", " ")[:160]))
        written.append((fname, text, ext, ok))
    kit = kit_verdicts(a.kit, [w[0] for w in written])
    for fname, text, ext, ok in written:
        if kit[fname] != ok:
            why = divergence(text, ext)
            if why is None:
                unexplained.append(fname)
            else:
                divergences.append("%s\t%s" % (fname, why))
    with open(os.path.join(CORPUS, "VERDICTS"), "w") as f:
        f.write("# kubernetes-validate --strict -k %s: FILE, verdict, its first line of output (scripts/validate-corpus.py)\n" % VERSION)
        f.write("\n".join(verdicts) + "\n")
    with open(os.path.join(CORPUS, "DIVERGENCES"), "w") as f:
        f.write("# files where kit's verdict differs from kubernetes-validate's on purpose: FILE, why\n")
        f.write("".join(d + "\n" for d in divergences))
    valid = sum(1 for v in verdicts if "\tvalid\t" in v)
    print("%d corpus files (%d valid, %d invalid for the reference); kit agrees on %d, %d documented divergences, %d unexplained" % (
        len(verdicts), valid, len(verdicts) - valid, len(verdicts) - len(divergences) - len(unexplained), len(divergences), len(unexplained)))
    for u in unexplained:
        print("UNEXPLAINED (a kit bug?):", u)
    if a.cli:
        bad = 0
        for line in verdicts:
            fname, verdict = line.split("\t")[:2]
            if cli_verdict(fname) != (verdict == "valid"):
                bad += 1
                print("CLI disagrees with the in-process verdict:", fname)
        print("command line checked on every file: %d disagreements" % bad)
        return 1 if bad else 0
    return 1 if unexplained else 0


def verify(cli):
    """The committed verdicts are still kubernetes-validate's."""
    bad = n = 0
    for line in open(os.path.join(CORPUS, "VERDICTS")):
        if line.startswith("#") or not line.strip():
            continue
        fname, verdict = line.split("\t")[:2]
        n += 1
        ok = cli_verdict(fname) if cli else reference_verdict_in(CORPUS, fname)[0]
        if ok != (verdict == "valid"):
            bad += 1
            print("kubernetes-validate now says %s: %s" % ("valid" if ok else "invalid", fname))
    print("%d verdicts checked against kubernetes-validate%s: %d differ" % (n, " (command line)" if cli else "", bad))
    return 1 if bad else 0


def reference_verdict_in(directory, fname):
    cwd = os.getcwd()
    os.chdir(directory)
    try:
        return reference_verdict(fname)
    finally:
        os.chdir(cwd)


def validate_text(text, ext):
    import tempfile
    with tempfile.TemporaryDirectory() as t:
        p = os.path.join(t, "doc" + ext)
        open(p, "w").write(text)
        return reference_verdict(p)


def check_derivation():
    """The rule BundledSchemas uses to make kubernetes-validate's per-kind files from the
    definitions, checked against every file it ships for v1.32.0 and v1.37.0."""
    def fname(defname):
        parts = defname.split(".")
        kind, group, ver = parts[-1].lower(), parts[-3].lower(), parts[-2].lower()
        return "%s-%s.json" % (kind, ver) if group in ("core", "api") else "%s-%s-%s.json" % (kind, group, ver)

    def nonnull(t):
        if isinstance(t, list):
            t = [x for x in t if x != "null"]
            return t[0] if len(t) == 1 else t
        return t

    def addnull(t):
        if isinstance(t, list):
            return t if "null" in t else t + ["null"]
        return [t, "null"]

    def rewrite(x):
        if isinstance(x, dict):
            return {k: ("/api/_definitions.json" + v if k == "$ref" and isinstance(v, str) else rewrite(v)) for k, v in x.items()}
        if isinstance(x, list):
            return [rewrite(v) for v in x]
        return x

    bad = 0
    for ver in ["v1.37.0", "v1.32.0"]:
        for strict in [True, False]:
            d = os.path.join(SCHEMA_DIR, ver + "-local" + ("-strict" if strict else ""))
            local = json.load(open(os.path.join(SCHEMA_DIR, ver + "-local", "_definitions.json")))["$defs"]
            defs = json.load(open(os.path.join(d, "_definitions.json")))["$defs"]
            files = set(os.listdir(d)) - {"_definitions.json", "all.json"}
            for name, v in defs.items():
                # Strict definitions: unknown fields forbidden wherever there are properties.
                want_def = dict(local[name])
                if strict and "properties" in want_def:
                    want_def["additionalProperties"] = False
                if want_def != v:
                    bad += 1
                    print("definition rule fails:", ver, strict, name)
                f = fname(name)
                files.discard(f)
                s = json.load(open(os.path.join(d, f)))
                s.pop("$schema"), s.pop("$id")
                want = rewrite(copy.deepcopy(v))
                want["type"] = nonnull(v["type"]) if "type" in v else "object"
                for p in want.get("properties", {}).values():
                    if "type" in p:
                        p["type"] = addnull(p["type"])
                if "oneOf" in want:
                    want["oneOf"] = [dict(x, type=nonnull(x["type"])) for x in want["oneOf"]]
                if strict:
                    want["additionalProperties"] = False
                if s != want:
                    bad += 1
                    print("file rule fails:", ver, strict, f)
            if files:
                bad += len(files)
                print("files with no definition:", sorted(files)[:5])
            print("%s %s: %d definitions checked" % (ver, "strict" if strict else "non-strict", len(defs)))
    print("derivation rule: %d failures" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
