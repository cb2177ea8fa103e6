#!/usr/bin/env bash
# Regenerates the golden outputs of the kustomize corpus with the oracle
# `kubectl kustomize` (kustomize v5.5.0 inside kubectl v1.32).
#
# For every input NAME.yaml in this directory it builds a temporary
# kustomization whose only content is `resources: [r.yaml]` (r.yaml being a
# copy of NAME.yaml) and writes kubectl's stdout to NAME.golden.yaml.
# For every input NAME.yaml in ../kustomize-corpus-errors it writes kubectl's
# stderr to NAME.stderr and its exit status to NAME.status.
#
# Prints which files changed. Exits non-zero if a corpus input failed to
# render or an error-corpus input rendered successfully (those belong in the
# other directory).
#
# Usage: ./regenerate.sh            (uses `kubectl` from PATH)
#        KUBECTL=/path/to/kubectl ./regenerate.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="$(dirname "$here")"
corpus_dir="$here"
errors_dir="$fixtures/kustomize-corpus-errors"
kubectl_bin="${KUBECTL:-kubectl}"
expected_kustomize="v5.5.0"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
work="$tmp/k"
mkdir "$work"
printf 'resources:\n- r.yaml\n' > "$work/kustomization.yaml"

version="$("$kubectl_bin" version --client 2>/dev/null | tr '\n' ' ')"
echo "oracle: $version"
case "$version" in
  *"Kustomize Version: $expected_kustomize"*) ;;
  *) echo "warning: goldens were made with kustomize $expected_kustomize; this kubectl differs" >&2 ;;
esac

changed=0
unchanged=0
problems=0

# Runs the oracle on one input; sets $status, leaves stdout/stderr in $tmp.
render() {
  cp "$1" "$work/r.yaml"
  set +e
  "$kubectl_bin" kustomize "$work" > "$tmp/stdout" 2> "$tmp/stderr"
  status=$?
  set -e
}

# klog prefixes every error line with a timestamp and a pid
# ("E1129 05:15:02.222757    3788 run.go:72] ..."), and a message may name the
# temporary directory; those differ on every run, so stderr files are only
# rewritten when the rest of the text changes.
normalize_stderr() {
  sed -E -e 's/^[IWEF][0-9]{4} [0-9:.]+ +[0-9]+ /KLOG /' \
         -e 's#/[^ ]*/tmp\.[A-Za-z0-9]+/k(/|\b)#<DIR>\1#g' "$1"
}

# Replaces $2 by $1 if the contents differ; reports the change.
update() {
  local new="$1" dest="$2"
  if [[ -f "$dest" ]] && cmp -s "$new" "$dest"; then
    unchanged=$((unchanged + 1))
  else
    if [[ -f "$dest" ]]; then echo "changed: ${dest#"$fixtures/"}"; else echo "new:     ${dest#"$fixtures/"}"; fi
    cp "$new" "$dest"
    changed=$((changed + 1))
  fi
}

shopt -s nullglob

for input in "$corpus_dir"/*.yaml; do
  case "$input" in *.golden.yaml) continue ;; esac
  name="$(basename "$input" .yaml)"
  render "$input"
  if [[ $status -ne 0 ]]; then
    echo "FAILED:  kustomize-corpus/$name.yaml (exit $status) - move it to kustomize-corpus-errors:" >&2
    sed 's/^/    /' "$tmp/stderr" >&2
    problems=$((problems + 1))
    continue
  fi
  update "$tmp/stdout" "$corpus_dir/$name.golden.yaml"
done

for input in "$errors_dir"/*.yaml; do
  name="$(basename "$input" .yaml)"
  render "$input"
  if [[ $status -eq 0 ]]; then
    echo "RENDERS: kustomize-corpus-errors/$name.yaml succeeds - move it to kustomize-corpus" >&2
    problems=$((problems + 1))
    continue
  fi
  echo "$status" > "$tmp/status"
  update "$tmp/status" "$errors_dir/$name.status"
  dest="$errors_dir/$name.stderr"
  if [[ -f "$dest" ]] && cmp -s <(normalize_stderr "$tmp/stderr") <(normalize_stderr "$dest"); then
    unchanged=$((unchanged + 1))
  else
    update "$tmp/stderr" "$dest"
  fi
done

# Outputs whose input is gone.
for golden in "$corpus_dir"/*.golden.yaml; do
  [[ -f "${golden%.golden.yaml}.yaml" ]] || { echo "ORPHAN:  ${golden#"$fixtures/"} has no input" >&2; problems=$((problems + 1)); }
done
for out in "$errors_dir"/*.stderr "$errors_dir"/*.status; do
  [[ -f "${out%.*}.yaml" ]] || { echo "ORPHAN:  ${out#"$fixtures/"} has no input" >&2; problems=$((problems + 1)); }
done

echo "$changed file(s) changed, $unchanged unchanged, $problems problem(s)"
[[ $problems -eq 0 ]]
