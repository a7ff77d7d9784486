#!/usr/bin/env bash
# make overhead's script, shrunk: one CSV per tool with profileTool set, and a table with every tool (root only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root "the tracers need CAP_BPF+CAP_PERFMON"

dir="$WORK/art/overhead"
# strace and perf trace run the program under ptrace, where LeakSanitizer cannot work.
"${NO_LSAN[@]}" OVERHEAD_CYCLES=20 OVERHEAD_REPEATS=3 OVERHEAD_SLOW_CYCLES=2 \
  "$SYSCOST_SOURCE_DIR/src/tools/overhead/overhead.sh" "$SYSCOST_BIN" "$WORK/art" >"$WORK/out" 2>&1 \
  || fail "overhead.sh failed: $(cat "$WORK/out"; tail -n 5 "$dir"/*.log 2>/dev/null)"
tools=(none libbpf)
command -v bpftrace >/dev/null && tools+=(bpftrace)
command -v strace >/dev/null && tools+=(strace)
for tool in "${tools[@]}"; do
  got=$(csv_get "$dir/$tool.csv" BpftraceProfiler.ManySmallWrites profileTool) \
    || fail "$tool: no ManySmallWrites row in $dir/$tool.csv"
  [[ $got == "$tool" ]] || fail "$tool.csv: profileTool is '$got'"
done
for f in overhead.txt overhead.md; do
  [[ -s $dir/$f ]] || fail "$f is missing or empty"
done
grep -Eq '^untraced +[0-9.]+ +- ' "$dir/overhead.txt" || fail "no untraced row: $(cat "$dir/overhead.txt")"
grep -Eq '^libbpf +[0-9.]+ +[+-][0-9.]+ \(' "$dir/overhead.txt" || fail "no libbpf row: $(cat "$dir/overhead.txt")"
grep -q '^| TOOL ' "$dir/overhead.md" || fail "overhead.md is not a markdown table"
[[ -z $(find "$dir" -name '*.tmp') ]] || fail "temporary files left in $dir"
ok "overhead: ${tools[*]} measured side by side, table written"
