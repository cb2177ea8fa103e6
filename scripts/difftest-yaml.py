#!/usr/bin/env python3
"""Differential test: kit's YAML reading and writing against `kubectl kustomize`.

For single-object files, `kit convert --to yaml --sort-keys FILE` must print exactly what
`kubectl kustomize DIR` prints when DIR holds FILE as a resource. This script generates many
such files from a seeded RNG, runs kustomize once per batch (one kustomization listing every
file) and kit once per batch (every file on one command line), and compares the documents by
their `metadata.name`. When a batch fails as a whole, it is split in halves until the failing
files are found, so that one bad file costs a few extra runs, not a failed batch.

Modes:
  emission  ConfigMaps whose data and annotations hold tricky strings, custom objects with
            nested maps/lists, numbers, nulls, empty collections, and objects whose keys are
            tricky or test the natural key order. Mismatching documents are re-checked one
            entry at a time, so the report names the smallest failing entries.
  scalars   plain scalars (curated + generated) as the value of a custom object's field: what
            each one resolves to (go-yaml v3 on input) and how it prints (go-yaml v2 on output).
  tags      explicitly tagged scalars (!!str, !!int, !!binary, ...), including conflicts.
  reading   multi-line scalars in every source style (literal and folded blocks with
            indicators, more-indented and blank lines, tabs; plain, single- and
            double-quoted scalars over several lines with escapes): kit's reader (libyaml)
            against kustomize's (go-yaml v3), through the printed value.

  --write-fixtures DIR writes the golden tables the XCTests load (DIR/scalars/*.json,
  DIR/emission/*.json); tests must never need kubectl.

Only the Python standard library is used.
"""

import argparse
import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

NAME_PREFIX = "kitdiff-"
# A line break before `  name:` may be a raw U+2028/U+2029 that ends a block scalar.
NAME_RE = re.compile(r"(?:^|[\u2028\u2029])  name: " + NAME_PREFIX + r"(\d+)$", re.M)


# ---------------------------------------------------------------------------------------------
# Writing input YAML
# ---------------------------------------------------------------------------------------------

def dq(s):
    """A YAML double-quoted scalar that every YAML parser reads back as exactly `s`."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or 0x7F <= o <= 0x9F:
            out.append("\\x%02X" % o)
        elif ch in "\u2028\u2029\ufeff" or o in (0xFFFE, 0xFFFF) or 0xD800 <= o <= 0xDFFF:
            out.append("\\u%04X" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def printable(ch):
    """YAML's c-printable, minus the characters a YAML reader treats as line breaks."""
    o = ord(ch)
    if ch in "\t\n":
        return True
    if 0x20 <= o <= 0x7E:
        return True
    if o == 0x85 or ch in "\u2028\u2029\ufeff":
        return False
    return (0xA0 <= o <= 0xD7FF) or (0xE000 <= o <= 0xFFFD) or (0x10000 <= o <= 0x10FFFF)


SAFE_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_./=+-]*( [A-Za-z0-9_./=+-]+)*$")
YAML11_WORDS = {
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
}


def scalar_text(s, rng, styles, indent):
    """`s` as an input scalar in a style picked by `rng` (only styles that can hold it)."""
    if not styles:
        return dq(s)
    choices = ["dq"]
    if s and all(printable(c) for c in s) and "\n" not in s and "\t" not in s:
        choices.append("sq")
    if SAFE_PLAIN.match(s) and s.lower() not in YAML11_WORDS and len(s) < 60:
        choices.append("plain")
    if "\n" in s and all(printable(c) for c in s) and "\r" not in s and s.strip("\n") != "" \
            and not any(line.endswith((" ", "\t")) for line in s.split("\n")) \
            and not s.startswith(("\t",)):
        choices.append("literal")
    style = rng.choice(choices)
    if style == "sq":
        return "'" + s.replace("'", "''") + "'"
    if style == "plain":
        return s
    if style == "literal":
        body = s
        if body.endswith("\n\n"):
            chomp = "+"
        elif body.endswith("\n"):
            chomp = ""
        else:
            chomp = "-"
        lines = body.split("\n")
        if body.endswith("\n"):
            lines = lines[:-1]
        pad = " " * (indent + 2)
        text = "|2" + chomp + "\n" + "\n".join((pad + ln) if ln else "" for ln in lines)
        return text
    return dq(s)


class Num:
    """A number (or other non-string scalar) written as plain text in the input."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return "Num(%r)" % self.text


def write_node(value, indent, out, rng, styles):
    """Appends `value` in block style at `indent` (the caller wrote `key:` or `- `)."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            out.append(" {}\n")
            return
        out.append("\n")
        for k, v in value.items():
            out.append(pad + dq(k) + ":")
            write_node(v, indent + 2, out, rng, styles)
    elif isinstance(value, list):
        if not value:
            out.append(" []\n")
            return
        out.append("\n")
        for v in value:
            out.append(pad + "-")
            write_node(v, indent + 2, out, rng, styles)
    elif value is None:
        out.append(" null\n")
    elif value is True:
        out.append(" true\n")
    elif value is False:
        out.append(" false\n")
    elif isinstance(value, Num):
        out.append(" " + value.text + "\n")
    else:
        out.append(" " + scalar_text(value, rng, styles, indent - 2) + "\n")


def document_text(doc, rng, styles=False):
    out = []
    for k, v in doc.items():
        out.append(k + ":")
        write_node(v, 2, out, rng, styles)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Generating values
# ---------------------------------------------------------------------------------------------

SPECIAL_WORDS = [
    "yes", "no", "on", "off", "y", "n", "Y", "N", "Yes", "NO", "On", "OFF", "true", "false",
    "True", "FALSE", "tRUE", "null", "Null", "NULL", "nULL", "~", "<<", "=", "1", "0", "-0",
    "0x1F", "0X1f", "1.5", "1e3", "1E3", "0755", "0o17", "0b101", "1_000", "1:20",
    "190:20:30.15", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2002-12-14 21:59:43.10 -5",
    ".inf", "-.inf", "+.INF", ".nan", ".NaN", "+1", "-1", ".5", "5.", "1e400", "0.0", "00",
    "08", "09.5", "123abc", "0x", "12:", "-", "--", "---", "...", "....", "--- a", "... a",
    "- ", "? ", ": ", "#", " #", "a#", "a #b", "&a", "*a", "!x", "!!str", "|", ">", "%", "@",
    "`", "'", '"', "\\", "[", "]", "{", "}", ",", "?", ":", "a:b", "a: b", "a:", "http://x.y/z",
    "key=value", "-a", "?a", ":a", "a,b", "a[0]", "{a}", "x- y", "- x", "%x", "@x",
]

UNICODE_BITS = [
    "é", "ß", "Ω", "ø", "日本語", "中文字", "한국어", "e\u0301", "a\u0308", "\u00a0", "\u200b",
    "\u00ad", "\ufffd", "\u0663", "\u00bd", "😀", "👍🏽", "\U0001F600", "𝔘", "\u3000",
    "\u2028", "\u2029", "\u0085", "\ufeff", "\u00e9\u00e9", "Ⅻ", "²", "ǅ", "ʰ", "\u0600",
]

BREAK_BITS = ["\n", "\n\n", " \n", "\n ", "  \n  ", "\r\n", "\r", "\t", " \t", "\t ", "\n\t"]

CONTROL_BITS = ["\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x00", "\x7f", "\x80", "\x9f"]

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
WORD_CHARS = LETTERS + "0123456789"


def rand_word(rng, lo=1, hi=10):
    return "".join(rng.choice(WORD_CHARS) for _ in range(rng.randint(lo, hi)))


def sentence(rng, total):
    words = []
    length = 0
    while length < total:
        w = rand_word(rng, 1, 12)
        words.append(w)
        length += len(w) + 1
    sep = rng.choice([" ", " ", " ", "  "])
    return sep.join(words)


def fragment(rng, controls):
    r = rng.random()
    if r < 0.22:
        return rand_word(rng)
    if r < 0.40:
        return rng.choice(SPECIAL_WORDS)
    if r < 0.50:
        return " " * rng.randint(1, 3)
    if r < 0.62:
        return rng.choice(BREAK_BITS)
    if r < 0.76:
        return rng.choice(UNICODE_BITS)
    if r < 0.82:
        return "".join(rng.choice(LETTERS) for _ in range(rng.randint(60, 130)))
    if r < 0.92:
        return sentence(rng, rng.randint(55, 200))
    if r < 0.96 and controls:
        return rng.choice(CONTROL_BITS)
    return rng.choice(["'", '"', "\\", ":", "#", "-", "?", ",", "[", "]", "{", "}", "&", "*",
                       "!", "|", ">", "%", "@", "`"])


def gen_string(rng, controls=True):
    r = rng.random()
    if r < 0.03:
        return ""
    if r < 0.10:
        return rng.choice(SPECIAL_WORDS)
    if r < 0.14:
        return chr(rng.randint(0x20, 0x7E))
    if r < 0.20:
        # Line lengths around the 80-column folding point.
        return sentence(rng, rng.randint(60, 100))
    n = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6])
    return "".join(fragment(rng, controls) for _ in range(n))


KEY_PARTS = ["a", "b", "B", "Z", "z", "_", "-", ".", "/", "0", "00", "1", "01", "2", "9",
             "10", "010", "100", "1a", "a1", "a01", "a10", "a2", "é", "Å", "ß", "ǅ", "\u0663",
             "²", "~", "$", " ", "x", "X", "日", "😀", "aa", "A1"]


def gen_key(rng):
    r = rng.random()
    if r < 0.55:
        return "".join(rng.choice(KEY_PARTS) for _ in range(rng.randint(1, 4)))
    if r < 0.62:
        # kustomize drops every `<<` key when it reads a resource (kyaml's merge-key handling
        # clears them); that is the reader's business, reported apart.
        return rng.choice([w for w in SPECIAL_WORDS if w != "<<"])
    if r < 0.66:
        return "k" * rng.randint(120, 140)
    if r < 0.68:
        return rand_word(rng, 1, 3) + " " + sentence(rng, rng.randint(110, 140))
    s = gen_string(rng, controls=False)
    return s if s != "<<" else "<<<"


def gen_number_text(rng):
    r = rng.random()
    if r < 0.25:
        return str(rng.randint(-10**rng.randint(1, 19), 10**rng.randint(1, 19)))
    if r < 0.50:
        e = rng.randint(-30, 30)
        f = rng.uniform(-10, 10) * (10.0 ** e)
        return rng.choice([repr(f), "%.17g" % f, "%e" % f, "%.3f" % f, "%g" % f])
    if r < 0.60:
        return rng.choice(["%d.0" % rng.randint(0, 10**6), "%de%d" % (rng.randint(1, 9), rng.randint(0, 25)),
                           "%d.5" % rng.randint(0, 100)])
    return rng.choice(NUMBER_WORDS)


NUMBER_WORDS = [
    "0", "-0", "+0", "0.0", "-0.0", "1.0", "1e3", "1E3", "1e+3", "1.5e-7", "1e-4", "1e-5",
    "0.0001", "0.00001", "123456", "1234567", "1e6", "1e20", "1e21", "1e22", "12345678901234567890",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    "18446744073709551615", "18446744073709551616", "9007199254740993", "1.7976931348623157e308",
    "5e-324", "4.9e-324", "2.2250738585072014e-308", "0x1F", "0o17", "0b101", "0755", "1_000",
    "3.14159265358979323846", "100000000000000000000", "1e15", "1e16", "1e17", "123456789012.5",
    "0.1", "0.2", "0.30000000000000004", "+12", "-1.5", ".5", "-.5", "+.5", "5.", "1e-7",
]


def gen_tree(rng, depth):
    r = rng.random()
    if depth <= 0 or r < 0.45:
        s = rng.random()
        if s < 0.40:
            return gen_string(rng)
        if s < 0.75:
            return Num(gen_number_text(rng))
        if s < 0.82:
            return None
        if s < 0.90:
            return rng.random() < 0.5
        if s < 0.95:
            return {}
        return []
    if r < 0.75:
        return {gen_key(rng) if rng.random() < 0.3 else rand_word(rng, 1, 8): gen_tree(rng, depth - 1)
                for _ in range(rng.randint(0, 5))}
    return [gen_tree(rng, depth - 1) for _ in range(rng.randint(0, 4))]


def name_of(i):
    return "%s%06d" % (NAME_PREFIX, i)


def configmap(i, rng):
    data = {"k%02d" % j: gen_string(rng) for j in range(rng.randint(1, 8))}
    doc = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name_of(i)}, "data": data}
    if rng.random() < 0.4:
        doc["metadata"]["annotations"] = {"kit.test/a%d" % j: gen_string(rng) for j in range(rng.randint(1, 3))}
    return doc


def thing(i, rng):
    spec = {"f%02d" % j: gen_tree(rng, 3) for j in range(rng.randint(1, 6))}
    return {"apiVersion": "kit.test/v1", "kind": "Thing", "metadata": {"name": name_of(i)}, "spec": spec}


def keyset(i, rng):
    keys = {}
    for j in range(rng.randint(2, 12)):
        keys[gen_key(rng)] = j
    return {"apiVersion": "kit.test/v1", "kind": "KeySet", "metadata": {"name": name_of(i)},
            "spec": {k: Num(str(v)) for k, v in keys.items()}}


GENERATORS = [configmap, configmap, thing, keyset]


# ---------------------------------------------------------------------------------------------
# go-yaml v2's key order (sorter.go keyList.Less), to recognise key sets it cannot order
# ---------------------------------------------------------------------------------------------

def _is_letter(c):
    return unicodedata.category(c) in ("Lu", "Ll", "Lt", "Lm", "Lo")


def _is_digit(c):
    return unicodedata.category(c) == "Nd"


def _wrap64(n):
    n &= (1 << 64) - 1
    return n - (1 << 64) if n >= 1 << 63 else n


def key_less(a, b):
    for i in range(min(len(a), len(b))):
        if a[i] == b[i]:
            continue
        al, bl = _is_letter(a[i]), _is_letter(b[i])
        if al and bl:
            return a[i] < b[i]
        if al or bl:
            return bl
        an = bn = 0
        if a[i] == "0" or b[i] == "0":
            j = i - 1
            while j >= 0 and _is_digit(a[j]):
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and _is_digit(a[ai]):
            an = _wrap64(an * 10 + ord(a[ai]) - 48)
            ai += 1
        bi = i
        while bi < len(b) and _is_digit(b[bi]):
            bn = _wrap64(bn * 10 + ord(b[bi]) - 48)
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return a[i] < b[i]
    return len(a) < len(b)


def all_ordered_consistently(value):
    """ordered_consistently for every mapping in a generated value."""
    if isinstance(value, dict):
        return ordered_consistently(list(value.keys())) and all(all_ordered_consistently(v) for v in value.values())
    if isinstance(value, list):
        return all(all_ordered_consistently(v) for v in value)
    return True


def ordered_consistently(keys):
    """False when key_less is not transitive on `keys`: Go's sort then depends on the order it
    gets the keys in (map iteration, random), so kustomize's output changes from run to run."""
    for a in keys:
        for b in keys:
            if a == b or not key_less(a, b):
                continue
            for c in keys:
                if c != a and c != b and key_less(b, c) and not key_less(a, c):
                    return False
    return True


# ---------------------------------------------------------------------------------------------
# Running the two tools
# ---------------------------------------------------------------------------------------------

class Failure:
    def __init__(self, message):
        text = message.strip().splitlines()[-1] if message.strip() else "(no message)"
        # kubectl: E1129 05:20:54.690474 19569 run.go:72] "command failed" err="...: REASON"
        m = re.search(r'err="(.*)"$', text)
        if m:
            text = m.group(1).replace('\\"', '"')
            # The reason follows the dump of the object (which can be long).
            text = re.sub(r"^map\[string\]interface \{\}\{.*\}: ", "", text)
        self.message = text

    def __repr__(self):
        return "ERROR: " + self.message


def split_docs(text):
    """Documents of a stream whose documents are separated by `---` lines."""
    if not text:
        return []
    # A document can end in a raw U+2028/U+2029 (the last line break of a block scalar) with
    # no line feed after it: go-yaml and libyaml then write the next `---` right after it.
    return re.split(r"(?m)(?:^|(?<=[\u2028\u2029]))---\n", text)


class Runner:
    def __init__(self, kit, kubectl, workdir):
        self.kit = kit
        self.kubectl = kubectl
        self.workdir = workdir
        self.runs = {"kustomize": 0, "kit": 0}
        self.counter = 0

    def batch_dir(self, items):
        self.counter += 1
        d = os.path.join(self.workdir, "b%05d" % self.counter)
        os.makedirs(d)
        names = []
        for name, text in items:
            fn = name + ".yaml"
            with open(os.path.join(d, fn), "w", encoding="utf-8", newline="") as f:
                f.write(text)
            names.append(fn)
        with open(os.path.join(d, "kustomization.yaml"), "w") as f:
            f.write("resources:\n" + "".join("- %s\n" % n for n in names))
        return d, names

    @staticmethod
    def by_name(stdout):
        """The documents of a build's output, keyed by the generated object name."""
        out = {}
        for doc in split_docs(stdout.decode("utf-8", "surrogateescape")):
            m = NAME_RE.search(doc)
            if m:
                out[NAME_PREFIX + m.group(1)] = doc
        return out

    def bisect(self, items, attempt):
        """attempt(items) -> (name -> document, or None and the error): a failing batch is
        split in halves until each failure belongs to one document."""
        result, error = attempt(items)
        if result is not None:
            return result
        if len(items) == 1:
            return {items[0][0]: Failure(error)}
        mid = len(items) // 2
        out = self.bisect(items[:mid], attempt)
        out.update(self.bisect(items[mid:], attempt))
        return out

    def build(self, tool, command, items, no_output_message=""):
        """Runs `command + [dir]` on a kustomization of `items`, as `bisect` wants it."""
        d, _ = self.batch_dir(items)
        self.runs[tool] += 1
        p = subprocess.run(command + [d], capture_output=True)
        shutil.rmtree(d, ignore_errors=True)
        if p.returncode == 0:
            return self.by_name(p.stdout), ""
        return None, p.stderr.decode("utf-8", "replace") or no_output_message

    def kustomize(self, items):
        """name -> output document text, or Failure."""
        return self.bisect(items, lambda batch: self.build("kustomize", [self.kubectl, "kustomize"], batch))

    def kit_convert(self, items):
        """name -> output document text, or Failure (documents come out in file order)."""
        if getattr(self, "render", False):
            return self.bisect(items, lambda batch: self.build("kit", [self.kit, "render"], batch, "unexpected output"))
        return self.bisect(items, self.convert)

    def convert(self, items):
        d, names = self.batch_dir(items)
        self.runs["kit"] += 1
        p = subprocess.run([self.kit, "convert", "--to", "yaml", "--sort-keys"] + names, cwd=d, capture_output=True)
        shutil.rmtree(d, ignore_errors=True)
        if p.returncode == 0:
            docs = split_docs(p.stdout.decode("utf-8", "surrogateescape"))
            if len(docs) == len(items):
                return {name: doc for (name, _), doc in zip(items, docs)}, ""
        return None, p.stderr.decode("utf-8", "replace") or "unexpected output"


def run_both(runner, items, batch):
    """Runs both tools over `items` [(name, text)] in batches; returns (kustomize, kit) maps."""
    ours, theirs = {}, {}
    for start in range(0, len(items), batch):
        chunk = items[start:start + batch]
        theirs.update(runner.kustomize(chunk))
        ours.update(runner.kit_convert(chunk))
    return theirs, ours


def same(a, b):
    if isinstance(a, Failure) and isinstance(b, Failure):
        return True
    return a == b


def agreement(doc, theirs, ours):
    """"same", "unordered" (same lines, in a document with a key set whose go-yaml order is
    not transitive: kustomize's own order varies from run to run there) or "differ"."""
    name = doc["metadata"]["name"]
    if same(theirs.get(name), ours.get(name)):
        return "same"
    if not all_ordered_consistently(doc) and same_lines(theirs.get(name), ours.get(name)):
        return "unordered"
    return "differ"


def same_lines(a, b):
    """The same lines in any order (documents whose mappings differ only in key order)."""
    if isinstance(a, Failure) or isinstance(b, Failure) or a is None or b is None:
        return False
    return sorted(a.splitlines()) == sorted(b.splitlines())


def short_diff(expected, actual, limit=24):
    if expected is None or actual is None:
        return ["  kustomize: %r" % (expected,)[:300], "  kit:       %r" % (actual,)[:300]]
    if isinstance(expected, Failure) or isinstance(actual, Failure):
        return ["  kustomize: %r" % (expected if isinstance(expected, Failure) else "(output)"),
                "  kit:       %r" % (actual if isinstance(actual, Failure) else "(output)")] + \
            (["  output: " + repr(expected)[:300]] if not isinstance(expected, Failure) else []) + \
            (["  output: " + repr(actual)[:300]] if not isinstance(actual, Failure) else [])
    lines = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(), "kustomize", "kit", n=1, lineterm=""))
    lines = ["  " + repr(l)[1:-1] if any(ord(c) > 0x7E or ord(c) < 0x20 for c in l) else "  " + l for l in lines]
    if len(lines) > limit:
        lines = lines[:limit] + ["  ... (%d more lines)" % (len(lines) - limit)]
    return lines


# ---------------------------------------------------------------------------------------------
# Modes
# ---------------------------------------------------------------------------------------------

def entries_of(doc):
    """The separately checkable entries of a generated document: (path, value)."""
    if doc["kind"] == "ConfigMap":
        out = [(("data", k), v) for k, v in doc["data"].items()]
        for k, v in doc["metadata"].get("annotations", {}).items():
            out.append((("metadata", "annotations", k), v))
        return out
    if doc["kind"] == "Thing":
        return [(("spec", k), v) for k, v in doc["spec"].items()]
    return []  # key sets fail as a whole (the order is the point)


def single_entry_doc(kind_doc, path, value, i):
    doc = {"apiVersion": kind_doc["apiVersion"], "kind": kind_doc["kind"], "metadata": {"name": name_of(i)}}
    if path[0] == "metadata":
        doc["metadata"]["annotations"] = {path[2]: value}
    else:
        doc[path[0]] = {path[1]: value}
    return doc


def emission_mode(args, runner, rng):
    docs = []
    for i in range(args.docs):
        gen = GENERATORS[i % len(GENERATORS)]
        docs.append(gen(i, rng))
    texts = [(d["metadata"]["name"], document_text(d, rng, args.input_styles)) for d in docs]
    theirs, ours = run_both(runner, texts, args.batch)
    values = sum(len(entries_of(d)) for d in docs)
    bad = []
    unordered = 0
    for d in docs:
        verdict = agreement(d, theirs, ours)
        if verdict == "unordered":
            unordered += 1  # same entries; kustomize's order is not deterministic here
        elif verdict == "differ":
            bad.append(d)
    failures = sum(1 for v in theirs.values() if isinstance(v, Failure))
    print("emission: %d documents (%d top-level entries), kustomize refused %d, key sets kustomize "
          "orders nondeterministically %d, mismatching %d" % (len(docs), values, failures, unordered, len(bad)))
    if not bad:
        return 0
    # Re-check the mismatching documents one entry at a time.
    singles = []
    origin = {}
    base = 10**6
    for d in bad:
        for path, value in entries_of(d):
            base += 1
            sd = single_entry_doc(d, path, value, base)
            singles.append(sd)
            origin[sd["metadata"]["name"]] = (d["metadata"]["name"], path, value)
    s_texts = [(d["metadata"]["name"], document_text(d, rng, False)) for d in singles]
    s_theirs, s_ours = run_both(runner, s_texts, args.batch)
    explained = set()
    shown = 0
    for sd, (name, text) in zip(singles, s_texts):
        if agreement(sd, s_theirs, s_ours) != "differ":
            continue
        parent, path, value = origin[name]
        explained.add(parent)
        if shown < args.show:
            shown += 1
            print("\nMISMATCH %s (from %s) %s = %r" % (name, parent, "/".join(path), value))
            print("\n".join(short_diff(s_theirs.get(name), s_ours.get(name))))
    for d in bad:
        name = d["metadata"]["name"]
        if name in explained or shown >= args.show:
            continue
        shown += 1
        print("\nMISMATCH %s (%s, whole document)" % (name, d["kind"]))
        if d["kind"] == "KeySet":
            print("  keys: %r" % list(d["spec"].keys()))
        print("\n".join(short_diff(theirs.get(name), ours.get(name))))
    return len(bad)


CURATED_SCALARS = [
    # bools and nulls (YAML 1.2 on input: only true/false; yes/no/on/off are strings)
    "true", "True", "TRUE", "tRue", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No",
    "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N", "~", "null", "Null", "NULL",
    "nULL", "nil", "None",
    # infinities and NaN
    ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".iNf",
    ".nan", ".NaN", ".NAN", ".Nan", "inf", "nan", "Infinity", "-Infinity", "NaN",
    # integers
    "0", "-0", "+0", "00", "000", "1", "+1", "-1", "12", "012", "0012", "-012", "+012", "08", "09",
    "0755", "-0755", "+0755", "0777", "0o17", "0O17", "-0o17", "+0o17", "0o", "0o8", "0x1F",
    "0X1F", "0x1f", "-0x1F", "+0x1F", "0x", "0xG", "0b101", "0B101", "-0b101", "+0b101", "0b",
    "0b2", "1_000", "1__000", "_1000", "1000_", "0x_1F", "0b_1", "0o_7", "1_0_0",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "0xFFFFFFFFFFFFFFFF", "0x10000000000000000", "0x7FFFFFFFFFFFFFFF", "-0x8000000000000000",
    "123456789012345678901234567890", "0b-1", "0b+1", "-0b-1", "-0b+1", "0o-7", "0o+7", "0x-1", "0x+1",
    "-0b1" + "0" * 63, "0b" + "1" * 64, "0b1" + "0" * 64, "-0o1" + "0" * 21, "0o" + "1" + "7" * 21,
    "-0x8000000000000000", "0b_1", "0o_7", "0b-" + "1" * 63, "0b-1" + "0" * 63,
    # floats
    "1.0", "-1.0", "+1.0", "1.", "-1.", ".5", "-.5", "+.5", "0.5", "00.5", "1.5", "1e3", "1E3",
    "1e+3", "1e-3", "1.5e3", "1.5E-3", "-1e3", "+1e3", "1e", "1e+", "e3", ".e3", "1.e3", "0e0",
    "-0.0", "0.0", "1e21", "1e20", "1e22", "1e16", "1e15", "123456789.123", "1e-4", "1e-5",
    "0.0001", "0.00001", "1e6", "1e5", "1234567.0", "123456.7", "1e400", "-1e400", "1e-400",
    "1.7976931348623157e308", "4.9e-324", "3.14159265358979323846", "0.1", "0.30000000000000004",
    "9007199254740993", "9007199254740993.0", "1_000.5", "1_0e1_0", "0x1p3", "1e1_0", ".",
    "..", "-.", "+.", "+", "-", "._5", "5._", "1.2.3", "1,000", "1 000", "١٢٣",
    "12345678901234567890.0", "18446744073709551616.0", "1e19", "1.8446744073709552e19",
    # base 60 (strings on input, quoted on output)
    "1:20", "1:20:30", "190:20:30.15", "-1:20", "+1:20", "1:2", "1:60", "1:70", "1:020", "1_0:20",
    "12:30:45", "1:", ":1",
    # timestamps
    "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43.10", "2001-12-15T02:59:43.1Z",
    "2001-12-14T21:59:43Z", "2001-12-14T21:59:43+01:00", "2001-12-14T21:59:43.123456789Z",
    "2001-12-14T21:59:43.1234567891Z", "2001-1-2", "2001-01-02T3:04:05Z", "2001-12-14T21:59:43",
    "2001-12-14 21:59:43", "2001-12-14  21:59:43", "2001-12-14T21:59:43.10 -05:00",
    "2001-12-14t21:59:43Z", "2001-13-01", "2001-02-29", "2000-02-29", "2001-12-32", "2001-12-14T25:00:00Z",
    "2001-12-14T21:59:60Z", "2001-12-14T21:59:43+24:00", "2001-12-14T21:59:43-0500",
    "2001-12-14T21:59:43,5Z", "20011214", "2001-12", "201-12-14", "02001-12-14", "2001-12-14x",
    "2001-12-14 ", "0000-01-01", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
    "2001-12-14T21:59Z", "2001-12-14 21:59:43Z", "2001-12-14 21:59:43 Z", "2001-12-14 21:59:43 +01:00",
    # other strings
    "<<", "=", "abc", "12abc", "abc12", "1a", "0x1Fg", "1-2-3", "1/2", "-abc", "+abc", ".abc",
    "a b", "a  b", "'", "\"x\"", "x\"", "a'b", "a#b", "a #b", "@", "`", "%", "a: b",
    "http://example.com:8080/x", "key=value", "a,b", "a[0]", "{x}", "é", "日本語", "😀",
]


def gen_scalar(rng):
    r = rng.random()
    digits = lambda lo, hi: "".join(rng.choice("0123456789_" if rng.random() < 0.1 else "0123456789")
                                    for _ in range(rng.randint(lo, hi)))
    sign = rng.choice(["", "", "", "-", "+"])
    if r < 0.3:
        s = sign + digits(1, 22)
    elif r < 0.55:
        s = sign + rng.choice(["", digits(1, 6)]) + "." + rng.choice(["", digits(1, 8)])
        if rng.random() < 0.5:
            s += rng.choice("eE") + rng.choice(["", "-", "+"]) + digits(1, 3)
    elif r < 0.7:
        p = rng.choice(["0x", "0X", "0o", "0O", "0b", "0B"])
        alphabet = {"x": "0123456789abcdefABCDEFg", "o": "012345678", "b": "012"}[p[1].lower()]
        inner = rng.choice(["", "", "", "-", "+"])  # go-yaml reads a sign after 0b/0o
        s = sign + p + inner + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 17)))
    elif r < 0.85:
        y = "%04d" % rng.randint(0, 9999)
        mo = str(rng.randint(0, 13)).zfill(rng.choice([1, 2]))
        d = str(rng.randint(0, 32)).zfill(rng.choice([1, 2]))
        s = "%s-%s-%s" % (y, mo, d)
        if rng.random() < 0.7:
            sep = rng.choice(["T", "t", " ", "  ", "x"])
            t = "%s:%s:%s" % (rng.randint(0, 25), str(rng.randint(0, 61)).zfill(2), str(rng.randint(0, 61)).zfill(2))
            if rng.random() < 0.5:
                t += rng.choice([".", ","]) + digits(1, 11).replace("_", "")
            z = rng.choice(["", "Z", "z", "+01:00", "-05:00", " -5", " +0130", "+24:00", "-0500", " Z", "+1"])
            s += sep + t + z
    elif r < 0.93:
        s = sign + "%d:%s" % (rng.randint(0, 200), str(rng.randint(0, 70)).zfill(rng.choice([1, 2])))
        if rng.random() < 0.5:
            s += ":%02d" % rng.randint(0, 70)
        if rng.random() < 0.3:
            s += "." + digits(0, 3)
    else:
        s = rng.choice(["", "+", "-", "."]) + rng.choice([".inf", ".nan", "inf", "true", "null", "~", "yes"])
    return s


def plain_ok(s):
    """Scalars that can be written plain as a block mapping value on one line."""
    if not s or s != s.strip() or "\n" in s:
        return False
    if s[0] in "-?:" and (len(s) == 1 or s[1] == " "):
        return False
    if s[0] in ",[]{}#&*!|>'\"%@`":
        return False
    if ": " in s or " #" in s or s.endswith(":"):
        return False
    return True


def value_text(doc_text):
    """The printed value of `spec.v` in a kustomize-style document."""
    if doc_text is None:
        return None
    m = re.search(r"^spec:\n  v:(.*?)(?=^\S|\Z)", doc_text, re.M | re.S)
    if not m:
        return None
    v = m.group(1)
    return v[1:-1] if v.startswith(" ") else v[:-1]


def scalar_docs(scalars, prefix_tags=False):
    items = []
    for i, s in enumerate(scalars):
        name = name_of(i)
        text = "apiVersion: kit.test/v1\nkind: Scalar\nmetadata:\n  name: %s\nspec:\n  v: %s\n" % (name, s)
        items.append((name, text))
    return items


def scalars_mode(args, runner, rng, scalars, label):
    items = scalar_docs(scalars)
    theirs, ours = run_both(runner, items, args.batch)
    bad = []
    for s, (name, _) in zip(scalars, items):
        if not same(theirs.get(name), ours.get(name)):
            bad.append((s, name))
    refused = sum(1 for v in theirs.values() if isinstance(v, Failure))
    print("%s: %d scalars, kustomize refused %d, mismatching %d" % (label, len(scalars), refused, len(bad)))
    for s, name in bad[:args.show]:
        t, o = theirs.get(name), ours.get(name)
        tv = t if isinstance(t, Failure) else value_text(t)
        ov = o if isinstance(o, Failure) else value_text(o)
        print("  %-40r kustomize: %-30r kit: %r" % (s, tv, ov))
    return len(bad), theirs


# ---------------------------------------------------------------------------------------------
# Reading: scalars written in every style YAML has, multi-line, compared through the output
# ---------------------------------------------------------------------------------------------

LINE_WORDS = ["alpha", "b", "#c", "d:e", "'q'", '"dq"', "x y", "-", "é", "日本", "\\", "{a}", "[1]", "%p", "&r",
              "*s", "!t", "|", ">", "?", "1", "yes", "~", "0x1F", "2001-12-14"]


def raw_line(rng):
    words = [rng.choice(LINE_WORDS + [rand_word(rng)]) for _ in range(rng.randint(1, 6))]
    return rng.choice([" ", " ", "  ", "\t"]).join(words)


def raw_block_scalar(rng, indent=4):
    """A literal or folded block scalar as source text (for the value of `  v:`)."""
    style = rng.choice("|>")
    chomp = rng.choice(["", "-", "+"])
    explicit = rng.random() < 0.3
    header = style + (str(indent - 2) if explicit else "") + chomp if rng.random() < 0.5 else \
        style + chomp + (str(indent - 2) if explicit else "")
    if rng.random() < 0.15:
        header += "  # comment"
    pad = " " * indent
    lines = []
    for i in range(rng.randint(1, 7)):
        r = rng.random()
        if r < 0.15:
            lines.append("")  # an empty line
        elif r < 0.22:
            lines.append(pad + " " * rng.randint(1, 3))  # spaces only
        elif r < 0.40 and (i > 0 or explicit):
            lines.append(pad + " " * rng.randint(1, 4) + raw_line(rng))  # more indented
        elif r < 0.45 and (i > 0 or explicit):
            lines.append(pad + "\t" + raw_line(rng))  # a tab after the indentation
        else:
            line = raw_line(rng)
            if line.startswith(("\t", " ")) and not explicit and i == 0:
                line = "x" + line
            lines.append(pad + line + rng.choice(["", "", "", " ", "  ", "\t"]))
    trailing = rng.choice(["", "", "\n", "\n\n", "\n" + pad + "\n"])
    return header + "\n" + "\n".join(lines) + trailing


def raw_flow_scalar(rng, indent=4):
    """A plain, single- or double-quoted scalar spread over several lines."""
    pad = " " * indent
    kind = rng.choice(["plain", "single", "double"])
    parts = []
    for i in range(rng.randint(1, 4)):
        if kind == "plain":
            w = " ".join(rand_word(rng, 1, 8) for _ in range(rng.randint(1, 4)))
        elif kind == "single":
            w = rng.choice(["a''b", "''", "x y", "#z", ": w", "é", "\\n", rand_word(rng)]) + " " + rand_word(rng)
        else:
            w = rng.choice(["\\t", "\\x41", "\\u00e9", "\\U0001F600", "\\N", "\\_", "\\L", "\\P", "\\/",
                            "\\e", "\\0", "\\ ", "\\\"", "'", "a  b", rand_word(rng)]) + rng.choice(["", " ", "\\"])
        parts.append(w)
    text = parts[0]
    for w in parts[1:]:
        text += rng.choice(["\n" + pad, "\n\n" + pad, "\n" + pad + "  ", " \n" + pad, "\n \n" + pad, "\t\n" + pad])
        text += w
    if kind == "plain":
        return text if plain_ok(text.split("\n")[0]) else "p" + text
    if kind == "single":
        return "'" + text + "'"
    if text.endswith("\\") and not text.endswith("\\\\"):
        text += "x"
    return '"' + text + '"'


def reading_difference(source, theirs, ours):
    """A name for the known kinds of reading difference (kit's reader is libyaml; kustomize
    reads with go-yaml v3, then writes every node back in its source style with go-yaml v3
    and reads that again)."""
    if isinstance(theirs, Failure) and not isinstance(ours, Failure):
        if "unknown escape" in theirs.message:
            return "kustomize refuses: go-yaml v3 has no \\/ escape"
        if "tab character where an indentation space" in theirs.message:
            return "kustomize refuses: block scalar whose text starts with a tab (re-written without indentation indicator)"
        return "kustomize refuses: " + theirs.message[-80:]
    if isinstance(ours, Failure) and not isinstance(theirs, Failure):
        return "kit refuses: " + ours.message[-80:]
    if source.startswith(">"):
        return "folded block: go-yaml v3's folded writer (kyaml round trip) changes line breaks"
    return "other"


def reading_mode(args, runner, rng):
    scalars = []
    for _ in range(args.scalars):
        scalars.append(raw_block_scalar(rng) if rng.random() < 0.6 else raw_flow_scalar(rng))
    items = scalar_docs(scalars)
    theirs, ours = run_both(runner, items, args.batch)
    bad = [(s, name) for s, (name, _) in zip(scalars, items) if not same(theirs.get(name), ours.get(name))]
    refused = sum(1 for v in theirs.values() if isinstance(v, Failure))
    print("reading: %d multi-line scalars, kustomize refused %d, mismatching %d" % (len(scalars), refused, len(bad)))
    kinds = {}
    for s, name in bad:
        kinds[reading_difference(s, theirs.get(name), ours.get(name))] = kinds.get(reading_difference(s, theirs.get(name), ours.get(name)), 0) + 1
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print("  %5d  %s" % (n, kind))
    for s, name in bad[:args.show]:
        t, o = theirs.get(name), ours.get(name)
        print("\n  source: %r" % s)
        print("  kustomize: %r" % (t if isinstance(t, Failure) else value_text(t)))
        print("  kit:       %r" % (o if isinstance(o, Failure) else value_text(o)))
    return len(bad)


CURATED_TAGGED = [
    "!!str 123", "!!str true", "!!str ~", "!!str", "! 123", "! true", "!!int 12", "!!int 0x1F",
    "!!int 0755", "!!int 1_000", "!!int 1.5", "!!int abc", "!!int true", "!!int \"12\"",
    "!!int '12'", "!!float 1", "!!float 1.5", "!!float 1e3", "!!float .inf", "!!float abc",
    "!!float 0x1F", "!!float \"1.5\"", "!!bool true", "!!bool yes", "!!bool 1", "!!bool \"true\"",
    "!!null ~", "!!null null", "!!null ''", "!!null", "!!null 0", "!!binary aGVsbG8=",
    "!!binary aGVs bG8=", "!!binary \"aGVsbG8=\"", "!!binary !!!", "!!binary /w==", "!!binary ''",
    "!!timestamp 2001-12-14", "!!timestamp 2001-12-14T21:59:43Z", "!!timestamp abc",
    "!!timestamp \"2001-12-14\"", "!!str 2001-12-14", "!!seq []", "!!map {}", "!custom x",
    "!<tag:yaml.org,2002:str> 12", "!<tag:yaml.org,2002:int> 12", "!!merge <<", "!!int -0",
    "!!float -0", "!!float 1e400", "!!int 18446744073709551615", "!!int 99999999999999999999",
    "!!float 99999999999999999999", "!!str 0x1F", "!!str |\n    a\n    b", "!!int ' 12'",
]


# ---------------------------------------------------------------------------------------------
# Golden tables
# ---------------------------------------------------------------------------------------------

EMISSION_CURATED = [
    "", " ", "  ", "a", "a ", " a", "a b", "a  b", "\n", "\n\n", "a\n", "a\n\n", "a\n\n\n",
    "\na", "\n\na", " \na", "a \nb", "a\n b", "a\nb\n", "a\r\nb", "a\rb", "\r", "\t", "a\tb",
    "\ta", "a\t", "x\x00y", "x\x07y", "x\x1by", "x\x7fy", "\x85", "a\x85b", "a\x85\x85b",
    "a \x85 b", "\x85a", "a\x85", "a\u2028b", "\u2028", "a\u2029b", "\ufeff", "\ufeffabc",
    "a\ufeffb", "a\u00a0b", "\u00a0", "é", "日本語", "😀", "a😀b", "e\u0301", "\ufffd",
    "\ufffe", "yes", "no", "on", "off", "y", "n", "Y", "true", "null", "~", "<<", "=",
    "1", "1.5", "0x1F", "1e3", "0755", "1:20", "190:20:30.15", "2001-12-14", ".inf", "-.inf",
    ".nan", "+1", "-", "--", "---", "---a", "--- a", "...", "... a", "....", "- a", "-a", "? a",
    "?a", ": a", ":a", "a:", "a: b", "a:b", "#a", "a#b", "a #b", "a# b", "&a", "*a", "!a",
    "|a", ">a", "%a", "@a", "`a", "'a", "\"a", "a'", "a\"", "'", "\"", "\\", "a\\b", "[a]",
    "{a}", "a,b", ",a", "a,", "a[", "a]", "a{", "a}", "?", ":", "#", ",", "[", "]", "{", "}",
    "a\n b\n  c", "  leading", "trailing  ", "line1\nline2\n", "line1\n\nline2", "\n\nx\n\n",
    " \n ", "a \n", "a\n ", "x\n\t", "\tx\ny",
    "word " * 20, "word " * 20 + "end", "w" * 100, "a " + "w" * 100, "a  " + "b " * 50,
    "x" * 70 + " " + "y" * 20, "x" * 76 + " yy zz", "x" * 77 + " yy zz", "x" * 78 + " yy zz",
    "x" * 79 + " yy zz", "'" + "x" * 76 + " yy zz", "x" * 72 + "  yy  zz  ww",
    "é" * 40 + " " + "é" * 40 + " z", "日本語 " * 30, "a\n" + "long " * 30,
    "- " + "item " * 20, "x" * 75 + " : y", "a" * 130, ("ab " * 30).strip(),
    "x" * 76 + " \x85 y", "x" * 80 + "\t" + "y" * 5 + " z", "😀 " * 40,
    "0o-7", "0o17", "0b-1", "0b+1", "-0b1", "-0b-1", "0b2", "0x-1", "1e", "+.5", "-", "+",
]


def emission_fixture_rows(args, runner, rng):
    strings = list(EMISSION_CURATED)
    seen = set(strings)
    while len(strings) < len(EMISSION_CURATED) + args.fixture_random:
        s = gen_string(rng)
        if s not in seen:
            seen.add(s)
            strings.append(s)
    keys = ["v"] * len(strings)
    extra_keys = ["yes", "1", "", " a", "a b", "a: b", "#x", "- a", "k" * 128, "k" * 129,
                  "k" * 126 + "é", "k" * 127 + "é", "a\nb", "x\u2028y", "\ufeffk", "😀" * 32,
                  "😀" * 33, "~", "null", "-", "?", "?x", "k" * 200 + " " + "k" * 3]
    for k in extra_keys:
        strings.append("x")
        keys.append(k)
    items = []
    for i, (k, s) in enumerate(zip(keys, strings)):
        doc = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name_of(i)}, "data": {k: s}}
        items.append((name_of(i), document_text(doc, rng)))
    theirs, ours = run_both(runner, items, args.batch)
    rows = []
    for (name, _), k, s in zip(items, keys, strings):
        out = theirs.get(name)
        if isinstance(out, Failure):
            rows.append({"key": k, "value": s, "error": out.message})
            continue
        # From `data:` to `kind:` (which may follow a raw U+2028/U+2029, not a line feed).
        if "\ndata:" not in out:
            raise SystemExit("no data in kustomize's output for %r: %r" % ((k, s), out))
        start, end = out.index("\ndata:") + 1, out.rindex("kind: ConfigMap\nmetadata:\n")
        rows.append({"key": k, "value": s, "output": out[start:end]})
    mismatches = sum(1 for (name, _) in items if not same(theirs.get(name), ours.get(name)))
    return rows, mismatches


def keyorder_rows(args, runner, rng):
    sets = [
        ["a", "b", "B", "A", "_", "1", "10", "2", "01", "a1", "a10", "a2", "a01", "é", "Z", "z"],
        ["x1y", "x01y", "x001y", "x10y", "x2y", "x0y", "x00y", "x", "xa", "x_", "x-", "x.", "x/"],
        ["10", "9", "09", "009", "0", "00", "1", "01", "100", "1000", "0010", "a", "-", "~"],
        ["a1b2", "a1b10", "a01b2", "a1b02", "a10b1", "a2b1", "a1b", "a1"],
        ["\u0663", "3", "٣1", "31", "a\u0663", "a3", "ǅ", "ʰ", "²", "2", "Ⅻ", "12"],
        ["spec", "apiVersion", "kind", "metadata", "data", "status", "Spec", "API", "_x"],
        ["a 1", "a 10", "a 2", "a\t1", "a-1", "a.1", "a1", "a/1", "a:1"],
        ["12345678901234567890", "12345678901234567891", "99999999999999999999", "1", "a"],
        ["0a", "00a", "0b", "1a", "a0", "a00", "a000", "a0b", "a00b"],
        ["日本", "中文", "한국", "abc", "ABC", "😀", "é", "e"],
    ]
    for _ in range(args.keyorder_random):
        n = rng.randint(3, 10)
        s = []
        while len(s) < n:
            k = "".join(rng.choice(KEY_PARTS[:-1]) for _ in range(rng.randint(1, 4))).strip()
            if k and k not in s and plain_key_ok(k):
                s.append(k)
        sets.append(s)
    sets = [keys for keys in sets if ordered_consistently(keys)]
    items = []
    for i, keys in enumerate(sets):
        text = "apiVersion: kit.test/v1\nkind: KeySet\nmetadata:\n  name: %s\nspec:\n" % name_of(i)
        text += "".join("  %s: %d\n" % (dq(k), j) for j, k in enumerate(keys))
        items.append((name_of(i), text))
    theirs, ours = run_both(runner, items, args.batch)
    rows = []
    for keys, (name, _) in zip(sets, items):
        out = theirs[name]
        m = re.search(r"^spec:\n(.*?)(?=^\S|\Z)", out, re.M | re.S)
        order = [int(line.rsplit(": ", 1)[1]) for line in m.group(1).splitlines()]
        rows.append({"keys": keys, "sorted": [keys[j] for j in order]})
    mismatches = sum(1 for (name, _) in items if not same(theirs.get(name), ours.get(name)))
    return rows, mismatches


def plain_key_ok(k):
    return "\n" not in k and len(k) < 100


def write_json(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(r, ensure_ascii=True, sort_keys=True) for r in rows))
        f.write("\n]\n")


def write_fixtures(args, runner, rng):
    scalars = [s for s in CURATED_SCALARS if plain_ok(s)]
    _, theirs = scalars_mode(args, runner, rng, scalars, "fixture scalars")
    rows = []
    for i, s in enumerate(scalars):
        out = theirs[name_of(i)]
        if isinstance(out, Failure):
            rows.append({"scalar": s, "error": out.message})
        else:
            rows.append({"scalar": s, "output": value_text(out)})
    write_json(os.path.join(args.write_fixtures, "scalars", "plain.json"), rows)
    _, theirs = scalars_mode(args, runner, rng, CURATED_TAGGED, "fixture tagged scalars")
    rows = []
    for i, s in enumerate(CURATED_TAGGED):
        out = theirs[name_of(i)]
        if isinstance(out, Failure):
            rows.append({"scalar": s, "error": out.message})
        else:
            rows.append({"scalar": s, "output": value_text(out)})
    write_json(os.path.join(args.write_fixtures, "scalars", "tagged.json"), rows)
    rows, bad = emission_fixture_rows(args, runner, rng)
    write_json(os.path.join(args.write_fixtures, "emission", "strings.json"), rows)
    print("fixture emission strings: %d rows, kit mismatches %d" % (len(rows), bad))
    rows, bad = keyorder_rows(args, runner, rng)
    write_json(os.path.join(args.write_fixtures, "emission", "keyorder.json"), rows)
    print("fixture key order sets: %d rows, kit mismatches %d" % (len(rows), bad))


# ---------------------------------------------------------------------------------------------

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kit", default=os.path.join(repo, ".build-yaml", "debug", "kit"), help="kit binary")
    ap.add_argument("--render", action="store_true",
                    help="run kit as `kit render DIR` on the same kustomization as kustomize (default: kit convert --sort-keys)")
    ap.add_argument("--kubectl", default="kubectl", help="kubectl binary (with kustomize built in)")
    ap.add_argument("--mode", default="all", choices=["all", "emission", "scalars", "tags", "reading"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--docs", type=int, default=2000, help="documents in emission mode")
    ap.add_argument("--scalars", type=int, default=3000, help="generated scalars (besides the curated ones)")
    ap.add_argument("--batch", type=int, default=400, help="documents per kustomize run")
    ap.add_argument("--input-styles", action="store_true",
                    help="write input strings in mixed styles (plain, single-quoted, literal), not only double-quoted")
    ap.add_argument("--show", type=int, default=25, help="mismatches to print per mode")
    ap.add_argument("--write-fixtures", metavar="DIR", help="write golden tables under DIR (scalars/, emission/)")
    ap.add_argument("--fixture-random", type=int, default=120, help="generated strings in the emission table")
    ap.add_argument("--keyorder-random", type=int, default=60, help="generated key sets in the key-order table")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    args = ap.parse_args()

    if not os.access(args.kit, os.X_OK):
        sys.exit("kit binary not found: %s (build it or pass --kit)" % args.kit)
    workdir = args.keep or tempfile.mkdtemp(prefix="difftest-yaml-")
    os.makedirs(workdir, exist_ok=True)
    runner = Runner(os.path.abspath(args.kit), args.kubectl, workdir)
    runner.render = args.render
    rng = random.Random(args.seed)
    total = 0
    try:
        if args.write_fixtures:
            write_fixtures(args, runner, rng)
        else:
            if args.mode in ("all", "emission"):
                total += emission_mode(args, runner, rng)
            if args.mode in ("all", "scalars"):
                scalars = [s for s in CURATED_SCALARS if plain_ok(s)]
                seen = set(scalars)
                target = len(scalars) + args.scalars
                while len(scalars) < target:
                    s = gen_scalar(rng)
                    if plain_ok(s) and s not in seen:
                        seen.add(s)
                        scalars.append(s)
                total += scalars_mode(args, runner, rng, scalars, "scalars")[0]
            if args.mode in ("all", "reading"):
                total += reading_mode(args, runner, rng)
            if args.mode in ("all", "tags"):
                total += scalars_mode(args, runner, rng, CURATED_TAGGED, "tagged scalars")[0]
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print("runs: kustomize %d, kit %d; seed %d" % (runner.runs["kustomize"], runner.runs["kit"], args.seed))
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
