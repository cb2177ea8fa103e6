"""The pieces of a stand-in Kubernetes API server on 127.0.0.1 that the oracle scripts share
(scripts/explain-oracle.py, scripts/query-oracle.py): discovery (/api, /apis, resource lists)
from kit-modelgen's resource table, an HTTP server with a kubeconfig pointing at it, and a
way to run kubectl against it offline.

    import apiserver_stub as stub
    resources = stub.load_resources()
    discovery = stub.Discovery(resources)
    class Handler(stub.BaseHandler): ...          # routes of its own, then discovery
    with stub.serve(Handler) as server:
        result = server.kubectl(["get", "pods"])   # (stdout bytes, stderr bytes, status)
"""
import contextlib, http.server, json, os, subprocess, tempfile, threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFINITIONS = os.path.join(ROOT, "../shared/reference/kubernetes/v1.37.0/_definitions.json")


def modelgen():
    """The kit-modelgen binary: the oracles' own build (.build-modelgen) or the worktree's."""
    for scratch in (".build-modelgen", ".build"):
        path = os.path.join(ROOT, scratch, "debug", "kit-modelgen")
        if os.path.exists(path):
            return path
    return os.path.join(ROOT, ".build-modelgen/debug/kit-modelgen")


def load_resources(path=None, definitions=DEFINITIONS):
    """kit-modelgen's resource table (`--resources`): one dict per served resource, with
    group, version, kind, plural, shortNames, namespaced."""
    if path:
        text = open(path).read()
    else:
        text = subprocess.run([modelgen(), "--definitions", definitions, "--resources"],
                              check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in text.splitlines() if line]


class Discovery:
    """The discovery documents a server with `resources` serves."""

    def __init__(self, resources):
        self.resources = resources
        self.group_versions = {}  # "apps/v1" -> [rows]
        self.group_order = []
        for r in resources:
            self.group_versions.setdefault(self.group_version(r), []).append(r)
            if r["group"] not in self.group_order:
                self.group_order.append(r["group"])

    @staticmethod
    def group_version(r):
        return (r["group"] + "/" if r["group"] else "") + r["version"]

    def resource_list(self, gv):
        return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": [
            {"name": r["plural"], "singularName": r.get("singular", r["kind"].lower()), "namespaced": r["namespaced"],
             "kind": r["kind"], "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
             **({"shortNames": r["shortNames"]} if r["shortNames"] else {}),
             **({"categories": r["categories"]} if r.get("categories") else {})} for r in self.group_versions[gv]]}

    def group_list(self):
        groups = []
        for g in self.group_order:
            if not g:
                continue
            versions = []
            for r in self.resources:
                if r["group"] == g and r["version"] not in versions:
                    versions.append(r["version"])
            entries = [{"groupVersion": g + "/" + v, "version": v} for v in versions]
            groups.append({"name": g, "versions": entries, "preferredVersion": entries[0]})
        return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}

    def route(self, path):
        """The discovery document at `path`, or None."""
        if path == "/api":
            return {"kind": "APIVersions", "versions": ["v1"],
                    "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]}
        if path == "/apis":
            return self.group_list()
        if path == "/api/v1":
            return self.resource_list("v1")
        if path.startswith("/apis/") and path[len("/apis/"):] in self.group_versions:
            return self.resource_list(path[len("/apis/"):])
        return None


class BaseHandler(http.server.BaseHTTPRequestHandler):
    """Answers discovery from `self.server.discovery`; subclasses add routes in `route`."""

    def log_message(self, *args):
        pass

    def send(self, body, content_type="application/json", code=200):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def status(self, code, reason, message=""):
        self.send({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message,
                   "reason": reason, "code": code}, code=code)

    def route(self, path, query):
        """A subclass's own answer for a GET, or False to fall back to discovery."""
        return False

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if self.route(path, query) is not False:
            return
        document = self.server.discovery.route(path)
        if document is not None:
            return self.send(document)
        self.status(404, "NotFound", "the server could not find the requested resource")


class Stub:
    """A running stand-in server and a kubeconfig for it."""

    def __init__(self, server, tmp):
        self.server = server
        self.tmp = tmp
        self.kubeconfig = os.path.join(tmp, "config")
        with open(self.kubeconfig, "w") as f:
            f.write("apiVersion: v1\nkind: Config\nclusters:\n- name: oracle\n  cluster:\n    server: http://127.0.0.1:%d\n"
                    "contexts:\n- name: oracle\n  context:\n    cluster: oracle\n    user: oracle\ncurrent-context: oracle\n"
                    "users:\n- name: oracle\n  user: {}\n" % server.server_address[1])
        self.env = dict(os.environ, KUBECONFIG=self.kubeconfig, HOME=tmp)

    def kubectl(self, argv, binary="kubectl", cwd=None):
        """Runs kubectl against the server: (stdout, stderr, exit status)."""
        p = subprocess.run([binary, "--cache-dir", os.path.join(self.tmp, "cache")] + argv, env=self.env,
                           capture_output=True, cwd=cwd)
        return p.stdout, p.stderr, p.returncode


@contextlib.contextmanager
def serve(handler, discovery, **attributes):
    """Serves `handler` (a BaseHandler subclass) on 127.0.0.1; `discovery` and `attributes`
    become attributes of the server its requests see."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.discovery = discovery
    for name, value in attributes.items():
        setattr(server, name, value)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            yield Stub(server, tmp)
    finally:
        server.shutdown()
        server.server_close()
