#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, SYSCOST_FUZZ=ON) in BUILD_DIR and runs
# each, one after the other on one core, for SECONDS seconds on its corpus.
#   tests/fuzz/run-fuzzers.sh [BUILD_DIR] [SECONDS] [TARGET...]
# New inputs go to BUILD_DIR/corpus/<target> (the seed corpus stays as it is);
# a crash is saved as BUILD_DIR/crashes/<target>/crash-* and stops the run:
# fix the code, then copy the input into tests/fuzz/corpus/<target>/ so the
# ctest replay test keeps it fixed.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build/fuzz}
seconds=${2:-60}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
((${#targets[@]})) || targets=(csv_reader hist_json filter bench_args gbench_json options name_escapes)

if ! command -v clang >/dev/null; then
  echo "error: fuzzing needs clang (libFuzzer): run 'make deps'" >&2
  exit 2
fi
[[ $seconds =~ ^[0-9]+$ ]] || { echo "error: FUZZ_SECONDS must be a whole number, not '$seconds'" >&2; exit 2; }

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSYSCOST_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build" -j2 --target fuzzers

# Leaks are bugs here too; halt on the first report of any sanitizer.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
for t in "${targets[@]}"; do
  work="$build/corpus/$t" crashes="$build/crashes/$t"
  mkdir -p "$work" "$crashes"
  dict=()
  [[ -f $src/tests/fuzz/$t.dict ]] && dict=(-dict="$src/tests/fuzz/$t.dict")
  echo "fuzz: $t for ${seconds}s"
  # -close_fd_mask=3: the targets' own stdout/stderr noise would slow the run;
  # libFuzzer keeps its own copy of stderr for reports.
  if ! "$build/bin/fuzz/fuzz_$t" "$work" "$src/tests/fuzz/corpus/$t" \
      "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=8192 -close_fd_mask=3 -print_final_stats=1 \
      -artifact_prefix="$crashes/" 2>"$build/fuzz-$t.log"; then
    tail -n 60 "$build/fuzz-$t.log" >&2
    echo "fuzz: $t FOUND A CRASH: $(ls "$crashes")" >&2
    exit 1
  fi
  echo "fuzz: $t: $(grep -E '^Done [0-9]+ runs' "$build/fuzz-$t.log" | tail -n 1), no crash"
done
echo "fuzz: all targets ran ${seconds}s each without a crash"
