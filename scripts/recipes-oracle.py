#!/usr/bin/env python3
"""Record the seed's kubectl/jq recipes (Tests/KitCLITests/Recipes/*) on the example snapshot:
each recipe's pipeline runs as the article wrote it — jq 1.6, grep, awk, sort, paste, tr, and
kubectl 1.32 talking to the stand-in API server of scripts/query-oracle.py that serves
examples/cluster — and its output is kept as `seed-stdout`. RecipeTests then runs kit's one
command for the recipe and compares its output with the seed's, as the case's `compare` says.

    scripts/recipes-oracle.py            # re-record every recipe
    scripts/recipes-oracle.py NAME…      # some

A recipe directory holds `args` (kit's arguments, one per line), `seed` (the pipeline, a shell
command; `kubectl` there is kubectl 1.32 against the stand-in server), `compare` (how the two
outputs must agree: exact, cells, lines, top, nodeports, moved-secrets; see RecipeTests.swift)
and the recorded `seed-stdout`.
"""
import importlib.util, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("query_oracle", os.path.join(HERE, "query-oracle.py"))
oracle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oracle)
stub = oracle.stub

RECIPES = os.path.join(oracle.ROOT, "Tests", "KitCLITests", "Recipes")


def main():
    names = sys.argv[1:] or sorted(os.listdir(RECIPES))
    kubectl = oracle.find_kubectl()
    objects = oracle.load_objects([oracle.DEFAULT_SNAPSHOT])
    resources = oracle.resources_for(objects)
    with stub.serve(oracle.make_handler(objects, resources), stub.Discovery(resources)) as server, \
            tempfile.TemporaryDirectory() as bin_dir:
        # `kubectl` in the pipelines is kubectl 1.32 itself (no version dispatcher).
        os.symlink(kubectl, os.path.join(bin_dir, "kubectl"))
        env = dict(server.env, PATH=bin_dir + ":" + os.environ["PATH"])
        failed = 0
        for name in names:
            case = os.path.join(RECIPES, name)
            seed = open(os.path.join(case, "seed")).read().strip()
            p = subprocess.run(["bash", "-c", seed], cwd=oracle.ROOT, env=env, capture_output=True)
            if p.returncode not in (0, 1) or p.stderr.strip() and b"Warning" not in p.stderr:
                print("%s: the seed pipeline failed (%d): %s" % (name, p.returncode, p.stderr.decode()), file=sys.stderr)
                failed += 1
            with open(os.path.join(case, "seed-stdout"), "wb") as f:
                f.write(p.stdout)
            print("%s: %d bytes" % (name, len(p.stdout)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
