#!/usr/bin/env bash
# Regenerates the expected outputs of the kit render golden cases with the oracle,
# `kubectl kustomize` (kustomize v5.5.0 inside kubectl v1.32).
#
#   ./regenerate.sh                 every case (every NNN-* directory beside this script)
#   ./regenerate.sh 012-foo 040-bar only the named cases (a trailing / is accepted)
#
# For each case it runs, from inside the case directory,
#   kubectl kustomize BUILD ARGS...
# where BUILD is the one line of the case's `build` file (`.` when there is none) and ARGS
# are the lines of its `args` file, and rewrites:
#   stdout  what kubectl printed on stdout (removed when it printed nothing)
#   stderr  what it printed on stderr, normalised (removed when empty):
#             * klog's error line `E1129 05:05:44.315602 1819 run.go:72] "command failed" err="…"`
#               (or its multi-line form `err=<` … ` >`) becomes just the error text, unquoted,
#               with Go's escaping undone, followed by a newline;
#             * any other klog line (`I1129 05:48:04.251951 16093 log.go:245] text`) loses its
#               timestamp/pid/source prefix and becomes just `text`;
#             * the case directory's absolute (physical) path becomes `<CASE_DIR>`;
#             * Go heap addresses that some messages print (`&{0xc00072af70 <nil>}`) become
#               `<PTR>` (they change from run to run);
#   status  the exit status, when it is not 0 (removed when it is 0)
# and prints the name of every case whose files changed. Exits 0 even when cases changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$here"

KUBECTL="${KUBECTL:-kubectl}"
TIMEOUT="${TIMEOUT:-60}"
command -v "$KUBECTL" >/dev/null || { echo "regenerate.sh: $KUBECTL not found" >&2; exit 2; }

cases=()
if [ "$#" -gt 0 ]; then
  for c in "$@"; do
    c="${c%/}"; c="${c##*/}"
    [ -d "$here/$c" ] || { echo "regenerate.sh: no case $c" >&2; exit 2; }
    cases+=("$c")
  done
else
  for d in "$here"/[0-9][0-9][0-9]-*/; do
    d="${d%/}"; cases+=("${d##*/}")
  done
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

normalise() { # normalise CASE_DIR < raw-stderr > stderr
  python3 -c '
import re, sys

case_dir = sys.argv[1]
raw = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
HEAD = re.compile(r"^[EWIF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [^ \]]+\] \"command failed\" err=(.*)$")
KLOG = re.compile(r"^[EWIF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [^ \]]+\] (.*)$")
SIMPLE = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92, "\"": 34, "'"'"'": 39}

def unquote_go(s):
    # s is a Go double-quoted string literal (strconv.Quote); returns its text.
    assert s[0] == "\"" and s[-1] == "\"", s
    s = s[1:-1]
    out = bytearray()
    i = 0
    while i < len(s):
        ch = s[i]
        if ch != "\\":
            out += ch.encode("utf-8", "surrogateescape"); i += 1; continue
        e = s[i + 1]
        if e in SIMPLE:
            out.append(SIMPLE[e]); i += 2
        elif e == "x":
            out.append(int(s[i + 2:i + 4], 16)); i += 4
        elif e == "u":
            out += chr(int(s[i + 2:i + 6], 16)).encode("utf-8"); i += 6
        elif e == "U":
            out += chr(int(s[i + 2:i + 10], 16)).encode("utf-8"); i += 10
        elif e in "01234567":
            out.append(int(s[i + 1:i + 4], 8)); i += 4
        else:
            raise SystemExit("unknown escape \\" + e)
    return out.decode("utf-8", "surrogateescape")

lines = raw.split("\n")
out = []
i = 0
while i < len(lines):
    m = HEAD.match(lines[i])
    if not m:
        k = KLOG.match(lines[i])
        out.append(k.group(1) if k else lines[i]); i += 1; continue
    v = m.group(1)
    if v == "<":
        # klog multi-line form: each line indented by a tab, closed by " >"
        body = []
        i += 1
        while i < len(lines) and lines[i] != " >":
            l = lines[i]
            body.append(l[1:] if l.startswith("\t") else l)
            i += 1
        i += 1
        out.append("\n".join(body))
    else:
        out.append(unquote_go(v)); i += 1
text = "\n".join(out)
text = text.replace(case_dir, "<CASE_DIR>")
text = re.sub(r"\b0xc[0-9a-f]{7,}\b", "<PTR>", text)
sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
' "$1"
}

snapshot() { # the expected-output files of a case, as one checksum per file
  local f
  for f in stdout stderr status; do
    if [ -f "$1/$f" ]; then echo "$f $(cksum <"$1/$f")"; fi
  done
}

changed=0
for c in "${cases[@]}"; do
  dir="$here/$c"
  build="."
  if [ -f "$dir/build" ]; then build="$(head -n1 "$dir/build")"; fi
  args=()
  if [ -f "$dir/args" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      [ -n "$line" ] && args+=("$line")
    done < "$dir/args"
  fi
  status=0
  (cd "$dir" && timeout "$TIMEOUT" "$KUBECTL" kustomize "$build" ${args[@]+"${args[@]}"}) \
    >"$tmp/out" 2>"$tmp/rawerr" || status=$?
  normalise "$dir" <"$tmp/rawerr" >"$tmp/err"
  python3 -c 'import sys; d = sys.stdin.buffer.read(); sys.stdout.buffer.write(d.replace(sys.argv[1].encode(), b"<CASE_DIR>"))' "$dir" <"$tmp/out" >"$tmp/out2"

  before="$(snapshot "$dir")"
  rm -f "$dir/stdout" "$dir/stderr" "$dir/status"
  if [ -s "$tmp/out2" ]; then cp "$tmp/out2" "$dir/stdout"; fi
  if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/stderr"; fi
  if [ "$status" -ne 0 ]; then echo "$status" >"$dir/status"; fi
  after="$(snapshot "$dir")"
  if [ "$before" != "$after" ]; then
    echo "changed: $c"
    changed=$((changed + 1))
  fi
done
echo "${#cases[@]} cases, $changed changed" >&2
