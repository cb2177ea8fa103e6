#!/usr/bin/env python3
"""Records how PyYAML's SafeLoader (YAML 1.1, kubernetes-validate's reader) types plain scalars,
as the golden file Tests/KitCoreTests/Fixtures/yaml11-scalars.json that YAML11ScalarTests checks
kit's YAML11ScalarResolver against.

    python3 scripts/yaml11-scalars.py            # rewrite the golden file
    python3 scripts/yaml11-scalars.py --check    # exit 1 if it would change

Needs PyYAML (pip install pyyaml). The scalars are a fixed hand-picked list plus every string of
up to three characters over a small alphabet of the characters the resolvers look at, and a
seeded sample of longer ones.
"""
import datetime, itertools, json, math, os, random, sys
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "KitCoreTests", "Fixtures", "yaml11-scalars.json")

PICKED = """
yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF y Y n N yES oN
null Null NULL ~ nULL = << <<< ~~
0 00 07 08 0755 0o17 0b 0b1 0b_ 0b101 -0b11 0x 0x_ 0x1F 0X1F -0x10 +0x10 0x_f 1_000 -1_000 +12 012_3
1:20 -1:20 1:60 1:05 190:20:30 1:2:3 0:30 1:20.5 1:20. 1:5.5
1.0 1. .5 -.5 +.5 ._5 .5_5 1e3 1E3 1.0e3 1.0e+3 1.0E-3 1.e+3 1.0e+ .5e+3 1_0.5 1._ 6.8523015e+5 685.230_15e+03 -1.5
.inf .Inf .INF -.inf +.inf .nan .NaN .NAN .NAn inf nan -.nan
2001-12-14 2001-12-14t21:59:43.10-05:00 2001-12-14 21:59:43.10 -5 2001-12-15T02:59:43.1Z 2001-12-15 2:59:43.10
2001-1-1 2001-01-01T00:00:00 2001-13-01 2001-02-30 2000-02-29 1900-02-29 0000-01-01 2001-01-01T24:00:00 2001-01-01T23:60:00
2001-01-01T00:00:60 2001-01-01T00:00:00+23:59 2001-01-01T00:00:00+24 2001-01-01T00:00:00+1 2001-01-01 00:00:00 Z
9999999999999999999 -9223372036854775808 -9223372036854775809 18446744073709551616 99999999999999999999999
0x10000000000000000 0b1111111111111111111111111111111111111111111111111111111111111111 1_2_3 +0 -0 +0_ 1e+3 1.5e3
""".split()
PICKED += ["2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43.10 Z", "2001-01-01 00:00:00"]


def construct_value(loader, node):
    # kubernetes-validate reads `=` as a string (PyYAML has no constructor for its tag).
    return str(node.value)


yaml.SafeLoader.add_constructor("tag:yaml.org,2002:value", construct_value)


def classify(text):
    try:
        v = yaml.safe_load("k: " + text + "\n")["k"]
    except Exception as e:
        return {"text": text, "type": "error"}
    if v is None:
        return {"text": text, "type": "null"}
    if isinstance(v, bool):
        return {"text": text, "type": "bool", "value": v}
    if isinstance(v, int):
        return {"text": text, "type": "int", "value": str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            r = "nan"
        elif math.isinf(v):
            r = "inf" if v > 0 else "-inf"
        else:
            r = repr(v)
        return {"text": text, "type": "float", "value": r}
    if isinstance(v, (datetime.date, datetime.datetime)):
        return {"text": text, "type": "timestamp"}
    if isinstance(v, str):
        return {"text": text, "type": "str"} if v == text else None
    return None


def main():
    alphabet = "01279_.:-+xbeE"
    texts = list(dict.fromkeys(PICKED))
    for n in (1, 2, 3):
        for t in itertools.product(alphabet, repeat=n):
            texts.append("".join(t))
    rng = random.Random(11)
    for _ in range(1500):
        texts.append("".join(rng.choice(alphabet + "5") for _ in range(rng.randint(4, 9))))
    rows, seen = [], set()
    for t in texts:
        if t in seen:
            continue
        seen.add(t)
        # Only what is one plain scalar on its own (no flow or comment indicators, no
        # leading or trailing spaces) is recorded.
        try:
            events = list(yaml.parse("k: " + t + "\n"))
            scalars = [e for e in events if isinstance(e, yaml.ScalarEvent)]
            if len(scalars) != 2 or scalars[1].value != t or scalars[1].style is not None:
                continue
        except Exception:
            continue
        row = classify(t)
        if row is not None:
            rows.append(row)
    text = "[\n" + ",\n".join(json.dumps(r, sort_keys=True) for r in rows) + "\n]\n"
    if "--check" in sys.argv:
        old = open(OUT).read() if os.path.exists(OUT) else ""
        sys.exit(0 if old == text else 1)
    with open(OUT, "w") as f:
        f.write(text)
    print("%d scalars written to %s" % (len(rows), os.path.relpath(OUT, ROOT)))


if __name__ == "__main__":
    main()
