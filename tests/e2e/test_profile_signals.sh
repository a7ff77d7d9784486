#!/usr/bin/env bash
# SIGINT/SIGTERM during a profiled run: exit 130/143, bpftrace stopped too, no partial artifacts (root only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root "bpftrace and the libbpf tracer need CAP_BPF+CAP_PERFMON"

tools=(libbpf)
command -v bpftrace >/dev/null && tools=(bpftrace libbpf)

for tool in "${tools[@]}"; do
  for sig in INT TERM; do
    art="$WORK/art-$tool-$sig"
    scripts=()
    [[ $tool == bpftrace ]] && scripts=(--bpf syslat)
    "$DEMO" --profile "$tool" "${scripts[@]}" --gtest_filter='*ManySmallWrites*' \
      --cycles 200 --repeats 100000 --artifact-root "$art" >"$WORK/log" 2>&1 &
    pid=$!
    CLEANUP_PIDS+=("$pid")
    # Measuring starts only once the tracer is live (bpftrace can take seconds).
    wait_measuring "$pid" "$WORK/log"
    children=$(pgrep -P "$pid" || true)
    if [[ $tool == bpftrace ]]; then
      [[ -n $children ]] || fail "bpftrace: no bpftrace child while measuring"
    fi
    kill -s "$sig" "$pid"
    status=0
    wait "$pid" || status=$?
    want=$((128 + $(kill -l "$sig")))
    [[ $status -eq $want ]] || fail "$tool SIG$sig: exit status $status, expected $want; $(cat "$WORK/log")"
    for child in $children; do
      # A reaped child has no /proc entry; a zombie or live one does.
      [[ ! -e /proc/$child ]] || fail "$tool SIG$sig: child $child ($(cat /proc/$child/comm 2>/dev/null)) is still there"
    done
    files=$(find "$art" -type f 2>/dev/null)
    [[ -z $files ]] || fail "$tool SIG$sig: files left in the artifact directory: $files"
    ok "$tool SIG$sig: exit $status, tracer stopped, no partial artifacts"
  done
done
