#!/usr/bin/env python3
"""Record and check the `kit query` golden cases (Tests/KitCLITests/QueryOracle/*) against real
kubectl (kubectl.1.32, called directly: no version dispatcher) talking to a stand-in API server
on 127.0.0.1 that serves a snapshot's objects.

    scripts/query-oracle.py                   # re-record every case (kubectl's stdout, kit's stderr/status)
    scripts/query-oracle.py CASE…             # re-record some
    scripts/query-oracle.py --check [CASE…]   # compare kit with kubectl live, write nothing
    scripts/query-oracle.py --new NAME [--snapshot PATH…] [--command get|top] -- ARGS…
                                              # a new case: ARGS are kubectl's after `get`
    scripts/query-oracle.py --serve PATH…     # serve a snapshot and print a KUBECONFIG to use

The stand-in server (scripts/apiserver_stub.py for discovery and the kubeconfig) serves:
  - discovery for the built-in resources (kit-modelgen --resources), the CRDs in the snapshot
    and metrics.k8s.io/v1beta1 when the snapshot holds PodMetrics or NodeMetrics;
  - lists and single objects under /api and /apis, filtered by namespace, name, labelSelector
    and fieldSelector as an API server filters them (this script's own implementation);
  - when kubectl asks for a Table (`Accept: …;as=Table;…`), a meta.k8s.io/v1 Table built from
    kit's ServerTable (`kit query … -o kit-server-table=Object|Metadata`), with the full objects
    in the rows when kubectl asks for includeObject=Object (it does for --sort-by), else
    PartialObjectMetadata. So kubectl's client-side table printing (tab writer, NAMESPACE
    column, --show-labels, -L, --show-kind, --no-headers, -o wide, several kinds, sorting)
    is the oracle for kit's, while the cells themselves are kit's port of the server printers.

A case directory holds `args` (kubectl's arguments after the command, one per line; kit runs
`kit query [top] ARGS -f SNAPSHOT --now NOW`), `snapshot` (paths from the repository root, one
per line; default examples/cluster), optionally `command` (`top`), and the recorded `stdout`
(kubectl's, which kit must print byte for byte), `stderr` and `status` (kit's, reviewed by
hand: kit words errors its own way) and `kubectl-stderr`/`kubectl-status` (kubectl's, for the
review). Cases whose stdout is not kubectl's say why in a `NOTE`.

A case with a `jq` file (a jq filter) is kit's --jq/--where against the seed's pipeline:
kubectl runs with `-o json` added and its output goes through jq 1.6 (`JQ`, default
/usr/bin/jq) with the flags in `jq-flags` (one per line, e.g. -r); a `where` file (a jq
boolean) makes the pipeline `.items |= map(select(WHERE)) | FILTER`. kit runs
`kit query ARGS [--where WHERE] --jq FILTER FLAGS`; the recorded stdout is jq's.
"""
import argparse, json, os, re, subprocess, sys, tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import apiserver_stub as stub  # noqa: E402

ROOT = stub.ROOT
CASES = os.path.join(ROOT, "Tests", "KitCLITests", "QueryOracle")
KIT = os.path.abspath(os.environ.get("KIT", os.path.join(ROOT, ".build", "debug", "kit")))
KUBECTL = os.environ.get("KUBECTL", "kubectl.1.32")
JQ = os.environ.get("JQ", "/usr/bin/jq")
NOW = "2025-03-01T12:00:00Z"
DEFAULT_SNAPSHOT = "examples/cluster"
ALL_CATEGORY = {("", "pods"), ("", "replicationcontrollers"), ("", "services"), ("apps", "daemonsets"), ("apps", "deployments"),
                ("apps", "replicasets"), ("apps", "statefulsets"), ("autoscaling", "horizontalpodautoscalers"),
                ("batch", "cronjobs"), ("batch", "jobs")}


def find_kubectl():
    for directory in os.environ.get("PATH", "").split(":") + ["/usr/lib/google-cloud-sdk/bin"]:
        candidate = os.path.join(directory, KUBECTL)
        if os.path.exists(candidate):
            return candidate
    sys.exit("query-oracle: %s not found (set KUBECTL)" % KUBECTL)


# ---------------------------------------------------------------- snapshot

def snapshot_files(paths):
    files = []
    for path in paths:
        full = os.path.join(ROOT, path)
        if os.path.isdir(full):
            for dirpath, dirnames, names in os.walk(full):
                dirnames.sort()
                for name in sorted(names):
                    if name.endswith((".json", ".yaml", ".yml")):
                        files.append(os.path.join(dirpath, name))
        else:
            files.append(full)
    return files


def load_objects(paths):
    """The snapshot's objects, Lists flattened, read through `kit convert` (so YAML scalars
    read as kit reads them: what is tested here is printing, not parsing)."""
    objects = []
    for path in snapshot_files(paths):
        out = subprocess.run([KIT, "convert", "--to", "json", "-c", path], check=True, capture_output=True).stdout
        for line in out.decode().splitlines():
            if line.strip():
                flatten(json.loads(line), objects)
    return objects


def flatten(value, objects):
    if isinstance(value, dict) and str(value.get("kind", "")).endswith("List") and isinstance(value.get("items"), list):
        for item in value["items"]:
            flatten(item, objects)
    elif isinstance(value, dict):
        objects.append(value)


def group_of(api_version):
    return api_version.split("/")[0] if "/" in api_version else ""


def resources_for(objects):
    resources = stub.load_resources()
    for o in objects:
        if o.get("kind") == "CustomResourceDefinition":
            spec = o["spec"]
            names = spec["names"]
            versions = [v["name"] for v in spec.get("versions", [])]
            resources.append({"group": spec["group"], "version": versions[0], "kind": names["kind"], "plural": names["plural"],
                              "singular": names.get("singular", names["kind"].lower()), "categories": names.get("categories", []),
                              "shortNames": names.get("shortNames", []), "namespaced": spec.get("scope") != "Cluster", "crd": o})
    # kubectl's `all` is a category the server's discovery declares.
    for r in resources:
        if (r["group"], r["plural"]) in ALL_CATEGORY:
            r["categories"] = ["all"]
    kinds = {o.get("kind") for o in objects}
    if "PodMetrics" in kinds or "NodeMetrics" in kinds:
        resources.append({"group": "metrics.k8s.io", "version": "v1beta1", "kind": "PodMetrics", "plural": "pods",
                          "singular": "", "shortNames": [], "namespaced": True})
        resources.append({"group": "metrics.k8s.io", "version": "v1beta1", "kind": "NodeMetrics", "plural": "nodes",
                          "singular": "", "shortNames": [], "namespaced": False})
    return resources


# ---------------------------------------------------------------- selectors (the server's side)

def split_terms(text):
    terms, depth, current = [], 0, ""
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "," and depth == 0:
            terms.append(current)
            current = ""
        else:
            current += c
    terms.append(current)
    return [t.strip() for t in terms if t.strip()]


def label_matches(selector, labels):
    for term in split_terms(selector):
        m = re.match(r"^(\S+)\s+(in|notin)\s+\((.*)\)$", term)
        if m:
            key, op, values = m.group(1), m.group(2), {v.strip() for v in m.group(3).split(",")}
            if op == "in" and labels.get(key) not in values:
                return False
            if op == "notin" and key in labels and labels[key] in values:
                return False
            continue
        if term.startswith("!"):
            if term[1:] in labels:
                return False
            continue
        m = re.match(r"^([^!=<>]+)(==|!=|=|<|>)(.*)$", term)
        if not m:
            if term not in labels:
                return False
            continue
        key, op, value = m.group(1), m.group(2), m.group(3)
        if op in ("=", "==") and labels.get(key) != value:
            return False
        if op == "!=" and labels.get(key) == value:
            return False
        if op in ("<", ">"):
            if key not in labels:
                return False
            a, b = int(labels[key]), int(value)
            if (op == "<" and not a < b) or (op == ">" and not a > b):
                return False
    return True


def dig(obj, path, default=None):
    for step in path.split("."):
        if not isinstance(obj, dict) or step not in obj:
            return default
        obj = obj[step]
    return obj


def field_value(resource, obj, field):
    """The field's text as the API server's field set has it, or None when unsupported."""
    fields = {"metadata.name": lambda o: dig(o, "metadata.name", "")}
    if resource["namespaced"]:
        fields["metadata.namespace"] = lambda o: dig(o, "metadata.namespace", "")
    key = (resource["group"], resource["kind"])
    text = lambda p: (lambda o: dig(o, p, "") or "")
    if key == ("", "Pod"):
        for f in ("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase",
                  "status.nominatedNodeName"):
            fields[f] = text(f)
        fields["spec.hostNetwork"] = lambda o: "true" if dig(o, "spec.hostNetwork") is True else "false"
        fields["status.podIP"] = lambda o: ((dig(o, "status.podIPs") or [{}])[0].get("ip") or dig(o, "status.podIP", "") or "")
    elif key == ("", "Node"):
        fields["spec.unschedulable"] = lambda o: "true" if dig(o, "spec.unschedulable") is True else "false"
    elif key == ("", "Namespace"):
        fields["status.phase"] = text("status.phase")
    elif key == ("", "Secret"):
        fields["type"] = text("type")
    elif key == ("", "Service"):
        fields["spec.clusterIP"] = text("spec.clusterIP")
        fields["spec.type"] = text("spec.type")
    elif key in (("apps", "ReplicaSet"), ("", "ReplicationController")):
        fields["status.replicas"] = lambda o: str(dig(o, "status.replicas", 0) or 0)
    elif key == ("batch", "Job"):
        fields["status.successful"] = lambda o: str(dig(o, "status.succeeded", 0) or 0)
    elif key == ("", "Event"):
        for f in ("involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                  "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "type",
                  "reportingComponent"):
            fields[f] = text(f)
        fields["source"] = text("source.component")
    crd = resource.get("crd")
    if crd:
        for version in crd["spec"].get("versions", []):
            if version["name"] != resource["version"]:
                continue
            for selectable in version.get("selectableFields", []):
                path = selectable["jsonPath"].lstrip(".")
                fields[path] = (lambda p: lambda o: "" if dig(o, p) is None else (json.dumps(dig(o, p)) if not isinstance(dig(o, p), str) else dig(o, p)))(path)
    reader = fields.get(field)
    return None if reader is None else reader(obj)


def field_terms(selector):
    terms = []
    for term in selector.split(","):
        if not term:
            continue
        m = re.match(r"^(.*?)(!=|==|=)(.*)$", term)
        if not m:
            raise ValueError("invalid selector: '%s'; can't understand '%s'" % (selector, term))
        terms.append((m.group(1), m.group(2), m.group(3)))
    return terms


# ---------------------------------------------------------------- the server

def make_handler(objects, resources):
    by_group_plural = {(r["group"], r["plural"]): r for r in resources}

    class Handler(stub.BaseHandler):
        def route(self, path, query):
            params = urllib.parse.parse_qs(query)
            parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
            if parts[:2] == ["api", "v1"]:
                group, rest = "", parts[2:]
            elif parts[:1] == ["apis"] and len(parts) >= 3:
                group, rest = parts[1], parts[3:]
            else:
                return False
            if not rest:
                return False
            namespace = None
            if rest[0] == "namespaces" and len(rest) >= 3:
                namespace, rest = rest[1], rest[2:]
            plural, name = rest[0], (rest[1] if len(rest) > 1 else None)
            resource = by_group_plural.get((group, plural))
            if resource is None:
                return self.status(404, "NotFound", "the server could not find the requested resource")
            return self.serve_resource(resource, namespace, name, params)

        def serve_resource(self, resource, namespace, name, params):
            selected = []
            for o in objects:
                if o.get("kind") != resource["kind"] or group_of(o.get("apiVersion", "")) != resource["group"]:
                    continue
                ns = dig(o, "metadata.namespace", "") or "default"
                if resource["namespaced"] and namespace is not None and ns != namespace:
                    continue
                if name is not None and dig(o, "metadata.name") != name:
                    continue
                selected.append(o)
            label_selector = params.get("labelSelector", [""])[0]
            if label_selector:
                selected = [o for o in selected if label_matches(label_selector, dig(o, "metadata.labels", {}) or {})]
            field_selector = params.get("fieldSelector", [""])[0]
            if field_selector:
                try:
                    terms = field_terms(field_selector)
                except ValueError as e:
                    return self.status(400, "BadRequest", str(e))
                for field, _, _ in terms:
                    if field_value(resource, {}, field) is None:
                        return self.status(400, "BadRequest", "field label not supported: %s" % field)
                selected = [o for o in selected if all((field_value(resource, o, f) == v) == (op != "!=") for f, op, v in terms)]
            if name is not None and not selected:
                singular = resource["plural"] + ("." + resource["group"] if resource["group"] else "")
                return self.status(404, "NotFound", '%s "%s" not found' % (singular, name))
            if "as=Table" in self.headers.get("Accept", ""):
                include = params.get("includeObject", ["Metadata"])[0]
                return self.send(kit_table(resource, selected, include))
            if name is not None:
                return self.send(selected[0])
            gv = (resource["group"] + "/" if resource["group"] else "") + resource["version"]
            return self.send({"apiVersion": gv, "kind": resource["kind"] + "List", "metadata": {"resourceVersion": "1"},
                              "items": selected})

    return Handler


def kit_table(resource, selected, include):
    """The Table an API server would answer, computed by kit from the selected objects (and
    the resource's CRD, for its printer columns)."""
    crd = [resource["crd"]] if resource.get("crd") else []
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"apiVersion": "v1", "kind": "List", "items": crd + selected}, f)
        path = f.name
    try:
        kind = resource["plural"] + ("." + resource["group"] if resource["group"] else "")
        p = subprocess.run([KIT, "query", kind, "-A", "-f", path, "--now", NOW, "-o", "kit-server-table=" + include],
                           capture_output=True)
        if p.returncode != 0:
            raise RuntimeError("kit could not build the table for %s: %s" % (kind, p.stderr.decode()))
        return json.loads(p.stdout)
    finally:
        os.unlink(path)


# ---------------------------------------------------------------- cases

def read(case_dir, name, default=None):
    path = os.path.join(case_dir, name)
    return open(path, encoding="utf-8").read() if os.path.exists(path) else default


def case_args(case_dir):
    return [line for line in read(case_dir, "args", "").split("\n") if line]


def case_snapshot(case_dir):
    return [line for line in read(case_dir, "snapshot", DEFAULT_SNAPSHOT + "\n").split("\n") if line]


def case_lines(case_dir, name):
    return [line for line in read(case_dir, name, "").split("\n") if line]


def case_jq(case_dir):
    """The jq filter of a --jq case (nil otherwise), its flags and its --where expression."""
    jq = read(case_dir, "jq")
    where = read(case_dir, "where")
    return (jq.rstrip("\n") if jq is not None else None, case_lines(case_dir, "jq-flags"),
            where.rstrip("\n") if where is not None else None)


def jq_pipeline(case_dir, kubectl_out):
    """What `kubectl get … -o json | jq FLAGS FILTER` prints (with `where`, the List's items
    selected first)."""
    jq, flags, where = case_jq(case_dir)
    program = jq if where is None else ".items |= map(select(%s)) | %s" % (where, jq)
    p = subprocess.run([JQ] + flags + [program], input=kubectl_out, capture_output=True)
    return p.stdout, p.stderr, p.returncode


def kit_argv(case_dir):
    command = (read(case_dir, "command", "get") or "get").strip()
    argv = [KIT, "query"] + (["top"] if command == "top" else []) + case_args(case_dir)
    jq, flags, where = case_jq(case_dir)
    if where is not None:
        argv += ["--where", where]
    if jq is not None:
        argv += ["--jq", jq] + flags
    for path in case_snapshot(case_dir):
        argv += ["-f", path]
    return argv + ["--now", NOW]


def run_kit(case_dir):
    p = subprocess.run(kit_argv(case_dir), capture_output=True, cwd=ROOT)
    return p.stdout, p.stderr, p.returncode


def write(case_dir, name, data, keep_empty=False):
    path = os.path.join(case_dir, name)
    if not data and not keep_empty:
        if os.path.exists(path):
            os.remove(path)
        return
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--new")
    ap.add_argument("--snapshot", action="append")
    ap.add_argument("--command", default="get", choices=["get", "top"])
    ap.add_argument("--jq", help="a --jq case: this jq filter over kubectl's -o json")
    ap.add_argument("--jq-flag", action="append", default=[], help="a jq flag for --jq (-r, -c)")
    ap.add_argument("--where", help="with --jq: kit's --where, the pipeline's select()")
    ap.add_argument("--serve", nargs="+")
    ap.add_argument("rest", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    kubectl_binary = find_kubectl()

    if a.serve:
        objects = load_objects(a.serve)
        resources = resources_for(objects)
        with stub.serve(make_handler(objects, resources), stub.Discovery(resources)) as server:
            print("export KUBECONFIG=%s   # Ctrl-C to stop" % server.kubeconfig, flush=True)
            try:
                import time
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return

    if a.new:
        case_dir = os.path.join(CASES, a.new)
        os.makedirs(case_dir, exist_ok=True)
        args = a.rest[1:] if a.rest[:1] == ["--"] else a.rest
        write(case_dir, "args", "".join(arg + "\n" for arg in args))
        if a.snapshot:
            write(case_dir, "snapshot", "".join(p + "\n" for p in a.snapshot))
        if a.command != "get":
            write(case_dir, "command", a.command + "\n")
        if a.jq is not None:
            write(case_dir, "jq", a.jq + "\n")
            write(case_dir, "jq-flags", "".join(f + "\n" for f in a.jq_flag))
            if a.where is not None:
                write(case_dir, "where", a.where + "\n")
        names = [a.new]
    else:
        names = [n for n in a.rest if n != "--"] or sorted(os.listdir(CASES))

    # One server per snapshot.
    by_snapshot = {}
    for name in names:
        case_dir = os.path.join(CASES, name)
        by_snapshot.setdefault(tuple(case_snapshot(case_dir)), []).append(name)

    mismatches = 0
    for snapshot, group in by_snapshot.items():
        objects = load_objects(list(snapshot))
        resources = resources_for(objects)
        with stub.serve(make_handler(objects, resources), stub.Discovery(resources)) as server:
            for name in group:
                case_dir = os.path.join(CASES, name)
                command = (read(case_dir, "command", "get") or "get").strip()
                if case_jq(case_dir)[0] is not None:
                    out, err, status = server.kubectl([command] + case_args(case_dir) + ["-o", "json"], binary=kubectl_binary, cwd=ROOT)
                    if status == 0:
                        out, err, status = jq_pipeline(case_dir, out)
                else:
                    out, err, status = server.kubectl([command] + case_args(case_dir), binary=kubectl_binary, cwd=ROOT)
                kit_out, kit_err, kit_status = run_kit(case_dir)
                same = kit_out == out
                if not same:
                    mismatches += 1
                    print("MISMATCH %s\n--- kubectl\n%s--- kit\n%s" % (name, out.decode(errors="replace"),
                                                                     kit_out.decode(errors="replace")), file=sys.stderr)
                elif a.check:
                    print("ok %s" % name)
                if not a.check:
                    write(case_dir, "stdout", out)
                    write(case_dir, "kubectl-stderr", err)
                    write(case_dir, "kubectl-status", "%d\n" % status if status else "")
                    write(case_dir, "stderr", kit_err)
                    write(case_dir, "status", "%d\n" % kit_status if kit_status else "")
    print("%d case(s), %d mismatch(es)" % (len(names), mismatches), file=sys.stderr)
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
