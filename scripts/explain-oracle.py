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
import argparse, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import apiserver_stub as stub  # noqa: E402

ROOT = stub.ROOT


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
    ap.add_argument("--definitions", default=stub.DEFINITIONS)
    ap.add_argument("--resources", help="kit-modelgen --resources output (default: run kit-modelgen)")
    ap.add_argument("--batch", action="store_true", help="read JSON argument lists from stdin, print JSON results")
    ap.add_argument("kubectl_args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    args = a.kubectl_args[1:] if a.kubectl_args[:1] == ["--"] else a.kubectl_args

    defs = json.load(open(a.definitions))["$defs"]
    schemas = {name: convert(d) for name, d in defs.items()}
    discovery = stub.Discovery(stub.load_resources(a.resources, a.definitions))
    group_versions = discovery.group_versions

    def openapi_doc(gv):
        paths = {}
        for r in group_versions[gv]:
            prefix = "/api/" + r["version"] if not r["group"] else "/apis/" + gv
            path = prefix + ("/namespaces/{namespace}/" if r["namespaced"] else "/") + r["plural"]
            paths[path] = {"get": {"x-kubernetes-group-version-kind": {"group": r["group"], "kind": r["kind"], "version": r["version"]},
                                   "responses": {"200": {"description": "OK"}}}}
        return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": "v1.37.0"}, "paths": paths,
                "components": {"schemas": schemas}}

    class Handler(stub.BaseHandler):
        def route(self, path, query):
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
            return False

    with stub.serve(Handler, discovery) as server:
        if a.batch:
            # One JSON array of arguments per input line; one JSON result per output line.
            for line in sys.stdin:
                if line.strip():
                    out, err, status = server.kubectl(json.loads(line))
                    print(json.dumps({"stdout": out.decode(), "stderr": err.decode(), "status": status}), flush=True)
            return
        out, err, status = server.kubectl(args)
    sys.stdout.buffer.write(out)
    sys.stderr.buffer.write(err)
    sys.exit(status)


if __name__ == "__main__":
    main()
