#!/usr/bin/env python3
"""Run the real `kubectl explain` offline, against a stand-in API server built from the same
Kubernetes definitions kit's schema bundle comes from. It is the oracle for `kit explain`.

    scripts/explain-oracle.py [--definitions PATH] [--resources FILE] -- explain pods.spec --recursive
    scripts/explain-oracle.py --batch < lines-of-json-argument-lists   (one server, many runs)

kubectl explain needs a server: discovery (/api, /apis) to map a resource name to its kind,
and OpenAPI v3 (/openapi/v3) for the schema. This script serves both on 127.0.0.1 from
../shared/reference/kubernetes/v1.37.0/_definitions.json, shaped the way an API server serves
them (kube-openapi):
  - `#/$defs/X` references become `#/components/schemas/X`; a reference with a description
    beside it is wrapped in `allOf`, as the API server does;
  - `["string", "null"]` types become `"string"`;
  - the single-value `enum`s on apiVersion and kind, which the kubernetes-validate packaging
    added, are dropped (a server does not have them).
The resource table (plural, short names, scope) is kit-modelgen's (`kit-modelgen --resources`),
so scope and names agree with kit by construction; what this checks is the printing.
/openapi/v2 answers with an empty protobuf document: kubectl loads it eagerly but explain does
not use it when OpenAPI v3 is there.

The output (stdout, stderr, exit status) is kubectl's, unchanged.
"""
import argparse, http.server, json, os, subprocess, sys, tempfile, threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def convert(schema, name=None):
    out = {}
    for key, value in schema.items():
        if key == "type":
            if isinstance(value, list):
                types = [t for t in value if t != "null"]
                if len(types) == 1:
                    out["type"] = types[0]
                elif types:
                    out["type"] = types
            elif value != "null":
                out["type"] = value
        elif key == "$ref":
            out["$ref"] = value.replace("#/$defs/", "#/components/schemas/")
        elif key == "properties":
            out["properties"] = {k: convert(v, k) for k, v in value.items()}
        elif key in ("items", "additionalProperties"):
            out[key] = convert(value) if isinstance(value, dict) else value
        elif key == "oneOf":
            out["oneOf"] = [convert(v) for v in value]
        elif key == "enum" and name in ("apiVersion", "kind"):
            continue
        else:
            out[key] = value
    if "$ref" in out and len(out) > 1:
        ref = out.pop("$ref")
        out["allOf"] = [{"$ref": ref}]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--definitions", default=os.path.join(ROOT, "../shared/reference/kubernetes/v1.37.0/_definitions.json"))
    ap.add_argument("--resources", help="kit-modelgen --resources output (default: run .build-modelgen/debug/kit-modelgen)")
    ap.add_argument("--batch", action="store_true", help="read JSON argument lists from stdin, print JSON results")
    ap.add_argument("kubectl_args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    args = a.kubectl_args[1:] if a.kubectl_args[:1] == ["--"] else a.kubectl_args

    defs = json.load(open(a.definitions))["$defs"]
    schemas = {name: convert(d) for name, d in defs.items()}
    if a.resources:
        text = open(a.resources).read()
    else:
        text = subprocess.run([os.path.join(ROOT, ".build-modelgen/debug/kit-modelgen"), "--definitions", a.definitions, "--resources"],
                              check=True, capture_output=True, text=True).stdout
    resources = [json.loads(line) for line in text.splitlines() if line]

    group_versions = {}  # "apps/v1" -> [rows]
    group_order = []
    for r in resources:
        gv = (r["group"] + "/" if r["group"] else "") + r["version"]
        group_versions.setdefault(gv, []).append(r)
        if r["group"] not in group_order:
            group_order.append(r["group"])

    def resource_list(gv):
        return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": [
            {"name": r["plural"], "singularName": r["kind"].lower(), "namespaced": r["namespaced"], "kind": r["kind"],
             "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
             **({"shortNames": r["shortNames"]} if r["shortNames"] else {})} for r in group_versions[gv]]}

    def group_list():
        groups = []
        for g in group_order:
            if not g:
                continue
            versions = []
            for r in resources:
                if r["group"] == g and r["version"] not in versions:
                    versions.append(r["version"])
            entries = [{"groupVersion": g + "/" + v, "version": v} for v in versions]
            groups.append({"name": g, "versions": entries, "preferredVersion": entries[0]})
        return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}

    def openapi_doc(gv):
        paths = {}
        for r in group_versions[gv]:
            prefix = "/api/" + r["version"] if not r["group"] else "/apis/" + gv
            path = prefix + ("/namespaces/{namespace}/" if r["namespaced"] else "/") + r["plural"]
            paths[path] = {"get": {"x-kubernetes-group-version-kind": {"group": r["group"], "kind": r["kind"], "version": r["version"]},
                                   "responses": {"200": {"description": "OK"}}}}
        return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": "v1.37.0"}, "paths": paths,
                "components": {"schemas": schemas}}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send(self, body, content_type="application/json"):
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = self.path.split("?")[0]
            if path == "/api":
                return self.send({"kind": "APIVersions", "versions": ["v1"],
                                  "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]})
            if path == "/apis":
                return self.send(group_list())
            if path == "/api/v1":
                return self.send(resource_list("v1"))
            if path.startswith("/apis/") and path[len("/apis/"):] in group_versions:
                return self.send(resource_list(path[len("/apis/"):]))
            if path == "/openapi/v2":
                return self.send(b"", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")
            if path == "/openapi/v3":
                return self.send({"paths": {("api/" if gv == "v1" else "apis/") + gv: {"serverRelativeURL": "/openapi/v3/" + ("api/" if gv == "v1" else "apis/") + gv + "?hash=1"}
                                            for gv in group_versions}})
            if path.startswith("/openapi/v3/"):
                rest = path[len("/openapi/v3/"):]
                gv = rest[len("api/"):] if rest.startswith("api/") else rest[len("apis/"):]
                if gv in group_versions:
                    return self.send(openapi_doc(gv))
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404}).encode())

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        kubeconfig = os.path.join(tmp, "config")
        with open(kubeconfig, "w") as f:
            f.write("apiVersion: v1\nkind: Config\nclusters:\n- name: oracle\n  cluster:\n    server: http://127.0.0.1:%d\n"
                    "contexts:\n- name: oracle\n  context:\n    cluster: oracle\n    user: oracle\ncurrent-context: oracle\n"
                    "users:\n- name: oracle\n  user: {}\n" % server.server_address[1])
        env = dict(os.environ, KUBECONFIG=kubeconfig, HOME=tmp)

        def kubectl(argv):
            return subprocess.run(["kubectl", "--cache-dir", os.path.join(tmp, "cache")] + argv, env=env, capture_output=True)

        if a.batch:
            # One JSON array of arguments per input line; one JSON result per output line.
            for line in sys.stdin:
                if line.strip():
                    p = kubectl(json.loads(line))
                    print(json.dumps({"stdout": p.stdout.decode(), "stderr": p.stderr.decode(), "status": p.returncode}), flush=True)
            server.shutdown()
            return
        p = kubectl(args)
    server.shutdown()
    sys.stdout.buffer.write(p.stdout)
    sys.stderr.buffer.write(p.stderr)
    sys.exit(p.returncode)


if __name__ == "__main__":
    main()
