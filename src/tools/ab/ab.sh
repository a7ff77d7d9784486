#!/usr/bin/env bash
# make ab and make noise: bench ab on the demo's cases.
#   ab.sh noise BIN_DIR        A/A: the cases against themselves (bench ab --aa)
#   ab.sh ab BIN_DIR REF OUT   REF's release build (a git worktree under build/ab/) against
#                              BIN_DIR's demo (the working tree), into OUT: ab.txt, ab.md,
#                              ab.json and ab.png/ab.svg (per-round ratios, the interval)
# From the environment (make passes its variables so, never through shell code):
#   AB_FILTER (the cases, a --gtest_filter), AB_ROUNDS (empty: bench ab's default),
#   AB_THRESHOLD, AB_TRIALS (noise).
# OUT appears whole or not at all: everything goes to a staging folder first.
set -euo pipefail
usage="usage: ab.sh noise BIN_DIR | ab.sh ab BIN_DIR REF OUT"
mode=${1:?$usage}
bin=${2:?$usage}
filter=${AB_FILTER:-BpftraceProfiler.ManySmallWrites:BpftraceProfiler.SingleBatchedWrite}
rounds=()
[[ -z ${AB_ROUNDS:-} ]] || rounds=(--rounds "$AB_ROUNDS")
threshold=${AB_THRESHOLD:-5}
demo_of() { printf '%q --gtest_filter=%q' "$1/ptests/BenchDemo_09_BpftraceProfiler" "$filter"; }
bench="$bin/tools/bench"
[[ -x $bench ]] || { echo "error: ab.sh: $bench is missing: build it first (make release)" >&2; exit 2; }

case $mode in
noise)
  exec "$bench" ab --aa "${AB_TRIALS:-10}" "${rounds[@]}" --threshold "$threshold" "$(demo_of "$bin")"
  ;;
ab) ;;
*)
  echo "error: ab.sh: unknown mode '$mode' ($usage)" >&2
  exit 2
  ;;
esac

ref=${3:?$usage}
final=${4:?$usage}
root=$(git rev-parse --show-toplevel)
[[ $ref != -* ]] || { echo "error: make ab: BASELINE '$ref' starts with '-': give a branch, tag or hash" >&2; exit 2; }
sha=$(git rev-parse --verify --quiet "$ref^{commit}") \
  || { echo "error: make ab: BASELINE '$ref' is not a commit here (a branch, tag or hash: BASELINE=main)" >&2; exit 2; }
tree=$root/build/ab/$sha
if [[ ! -e $tree/.git ]]; then
  rm -rf "$tree"
  git worktree prune
  git worktree add --detach "$tree" "$sha" >/dev/null 2>&1 \
    || { echo "error: make ab: cannot check out $ref ($sha) in $tree (git worktree add)" >&2; exit 2; }
fi
echo "make ab: building $ref (${sha:0:12}) in $tree, release preset"
log=$tree/build/ab-build.log
mkdir -p "$tree/build"
(cd "$tree" && cmake --preset native-linux-release &&
  cmake --build --preset native-linux-release --target BenchDemo_09_BpftraceProfiler) >"$log" 2>&1 \
  || { tail -n 20 "$log" | sed 's/^/  /' >&2
       echo "error: make ab: the build of $ref failed (its log: $log)" >&2; exit 2; }

mkdir -p "$(dirname "$final")"
stage=$(mktemp -d "$(dirname "$final")/.$(basename "$final").staging.XXXXXX")
trap 'rm -rf "$stage"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
status=0
"$bench" ab "${rounds[@]}" --threshold "$threshold" --fail-on-regression \
  --save "$stage/ab.txt" --save "$stage/ab.md" --save "$stage/ab.json" \
  "$(demo_of "$tree/build/native-linux-release/bin")" "$(demo_of "$bin")" || status=$?
((status <= 1)) || exit "$status"
"$bench" plot ab "$stage/ab.json" -o "$stage" >/dev/null
rm -rf "$final.old"
[[ -e $final ]] && mv "$final" "$final.old"
mv "$stage" "$final"
rm -rf "$final.old"
trap - EXIT
echo "artifacts: $final (ab.txt, ab.md, ab.json, ab.png, ab.svg)"
exit "$status"
