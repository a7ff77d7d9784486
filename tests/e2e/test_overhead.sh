#!/usr/bin/env bash
# make overhead's script, shrunk: one CSV per tool and round with profileTool set, a floor row, a table with every tool (root); without privileges the tracers' rows say why they were skipped.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root "the tracers need CAP_BPF+CAP_PERFMON (and setpriv drops them for the unprivileged part)"

dir="$WORK/art/overhead"
# strace and perf trace run the program under ptrace, where LeakSanitizer cannot work.
"${NO_LSAN[@]}" OVERHEAD_ROUNDS=2 OVERHEAD_CYCLES=20 OVERHEAD_REPEATS=2 OVERHEAD_SLOW_CYCLES=2 \
  "$SYSCOST_SOURCE_DIR/src/tools/overhead/overhead.sh" "$SYSCOST_BIN" "$WORK/art" >"$WORK/out" 2>&1 \
  || fail "overhead.sh failed: $(cat "$WORK/out"; tail -n 5 "$dir"/*.log 2>/dev/null)"
tools=(none libbpf-floor libbpf-count libbpf)
command -v bpftrace >/dev/null && tools+=(bpftrace)
command -v strace >/dev/null && tools+=(strace)
for tool in "${tools[@]}"; do
  for round in 1 2; do
    got=$(csv_get "$dir/$tool.$round.csv" BpftraceProfiler.ManySmallWrites profileTool) \
      || fail "$tool: no ManySmallWrites row in $dir/$tool.$round.csv"
    [[ $got == "$tool" ]] || fail "$tool.$round.csv: profileTool is '$got'"
  done
done
# The libbpf tools ran in pairs: each run's file also holds its untraced repeats.
for tool in libbpf-floor libbpf-count libbpf; do
  got=$(csv_get "$dir/$tool.1.csv" BpftraceProfiler.ManySmallWrites/detached profileTool) \
    || fail "$tool.1.csv has no ManySmallWrites/detached row (--profile-pairs): $(cat "$dir/$tool.1.csv")"
  [[ $got == none ]] || fail "$tool.1.csv: the detached row's profileTool is '$got'"
done
grep -q '^libbpf-count, floor, libbpf: added measured inside each run' "$dir/overhead.txt" \
  || grep -q '^floor, libbpf-count, libbpf: added measured inside each run' "$dir/overhead.txt" \
  || grep -Eq '^(libbpf-count|floor|libbpf)(, (libbpf-count|floor|libbpf)){2}: added measured inside each run' "$dir/overhead.txt" \
  || fail "no line naming the rows measured in-process: $(cat "$dir/overhead.txt")"
for f in overhead.txt overhead.md skipped.tsv; do
  [[ -e $dir/$f ]] || fail "$f is missing"
done
grep -Eq '^untraced +[0-9.]+ +- ' "$dir/overhead.txt" || fail "no untraced row: $(cat "$dir/overhead.txt")"
# Tiny runs are noisy: a floor that happened to add nothing has no "x floor".
grep -Eq '^floor +[0-9.]+ +[+-][0-9.]+ \([0-9.]+x\) +- +(1\.00|-) +[0-9.]+ +2 ' "$dir/overhead.txt" \
  || fail "no floor row with its BPF statistics over 2 rounds: $(cat "$dir/overhead.txt")"
grep -Eq '^libbpf +[0-9.]+ +[+-][0-9.]+ \([0-9.]+x\) +[+-][0-9.]+ +(-?[0-9.]+|-) +[0-9.]+ +2 ' "$dir/overhead.txt" \
  || fail "no libbpf row with above-floor, x floor and BPF figures: $(cat "$dir/overhead.txt")"
grep -Eq '^libbpf-count +[0-9.]+ +[+-][0-9.]+ ' "$dir/overhead.txt" || fail "no libbpf-count row: $(cat "$dir/overhead.txt")"
grep -Eq '^libbpf: BPF statistics say [+-][0-9.]+ ns per syscall above the floor' "$dir/overhead.txt" \
  || fail "no BPF statistics line: $(cat "$dir/overhead.txt")"
grep -q '^| TOOL ' "$dir/overhead.md" || fail "overhead.md is not a markdown table"
[[ -z $(find "$dir" -name '*.tmp' -o -name '.rounds.*') ]] || fail "temporary files left in $dir"
ok "overhead: ${tools[*]} measured side by side in rounds, floor row and table written"

# Without privileges: the untraced row is measured, each tracer's row says why it was skipped.
command -v setpriv >/dev/null || skip "setpriv (util-linux) is needed to drop root"
chmod 755 "$WORK"
mkdir -p "$WORK/bin/ptests" "$WORK/bin/tools" "$WORK/nobody"
cp "$DEMO" "$WORK/bin/ptests/"
cp "$BENCH" "$WORK/bin/tools/"
# The script too: nobody may not reach the checkout (a clone under a private mktemp -d).
cp "$SYSCOST_SOURCE_DIR/src/tools/overhead/overhead.sh" "$WORK/bin/"
chmod 777 "$WORK/nobody" # by mode, not chown: a container's root may lack CAP_CHOWN
status=0
setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --bounding-set=-all \
  "${NO_LSAN[@]}" OVERHEAD_ROUNDS=1 OVERHEAD_CYCLES=5 OVERHEAD_REPEATS=1 OVERHEAD_SLOW_CYCLES=1 PATH=/usr/bin:/bin \
  bash "$WORK/bin/overhead.sh" "$WORK/bin" "$WORK/nobody/art" \
  >"$WORK/out" 2>&1 || status=$?
((status == 0)) || fail "unprivileged overhead.sh exited $status: $(cat "$WORK/out")"
table=$WORK/nobody/art/overhead/overhead.txt
grep -Eq '^untraced +[0-9.]+ +- ' "$table" || fail "no untraced row: $(cat "$WORK/out")"
for tool in libbpf-floor libbpf-count libbpf; do
  grep -Eq "^$tool .*skipped: --profile $tool: --profile needs root or CAP_BPF\+CAP_PERFMON" "$table" \
    || fail "$tool: no skipped row naming the missing privilege: $(cat "$table")"
done
ok "overhead without privileges: untraced measured, each tracer a skipped row with the reason"
