#!/usr/bin/env bash
# A bpftrace that takes long to stop (detaching probe after probe, as under load) is waited for while it makes progress, and killed with one clear line when it stalls (root only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root "--profile needs CAP_BPF+CAP_PERFMON"

# A stand-in for bpftrace: attaches at once; on SIGINT "detaches" its 12 probes
# (open files) one every 0.25 s, then writes its map; FAKE_STALL=1 never does;
# FAKE_LOSE_FIRST=1 misses the first SIGINT (as a signal lost in bpftrace's loop).
fake=$WORK/bpftrace
cat >"$fake" <<'FAKE'
#!/usr/bin/env bash
out=
while (($#)); do [[ $1 == -o ]] && { out=$2; shift; }; shift; done
for fd in {20..31}; do eval "exec $fd</dev/null"; done
stopping=0 asked=0
trap 'asked=$((asked + 1)); ((asked > ${FAKE_LOSE_FIRST:-0})) && stopping=1' INT
echo "${__BPFTRACE_NOTIFY_PROBES_ATTACHED:+__BPFTRACE_NOTIFY_PROBES_ATTACHED}"
while ((!stopping)); do sleep 0.05; done
if [[ -n ${FAKE_STALL:-} ]]; then while :; do sleep 1; done; fi
for fd in {20..31}; do sleep 0.25; eval "exec $fd<&-"; done
printf '{"type": "map", "data": {"@syscalls": {"write": 1}}}\n' >"$out"
FAKE
chmod +x "$fake"

run=("$DEMO" --profile bpftrace --bpf syscount --gtest_filter='*ManySmallWrites*' --cycles 1
  --repeats 1 --artifact-root "$WORK/art")
# Stopping takes 3 s, six times the 0.5 s the stall limit allows without progress.
expect_status 0 env BPFTRACE="$fake" SYSCOST_BPFTRACE_STOP_STALL_MS=500 "${run[@]}"
[[ -s $WORK/art/BpftraceProfiler.ManySmallWrites.syscount.json ]] || fail "no syscount.json: $(cat "$WORK/err")"
ok "a bpftrace that stops slowly but steadily is waited for"

expect_status 2 env BPFTRACE="$fake" FAKE_STALL=1 SYSCOST_BPFTRACE_STOP_STALL_MS=500 "${run[@]}"
grep -Eq "bpftrace syscount made no progress stopping for 1 s after SIGINT \(no probe detached, no output, asked twice; it was state . in [^,]+, [0-9]+ open files\): killed it" "$WORK/err" \
  || fail "no clear line for a stalled bpftrace: $(cat "$WORK/err")"
pgrep -f "$fake" >/dev/null && fail "the stalled stand-in was left running"
ok "a stalled bpftrace is killed with one clear line, exit 2"

# Nothing at all for a sixth of the limit: asked once more, and then it stops.
expect_status 0 env BPFTRACE="$fake" FAKE_LOSE_FIRST=1 SYSCOST_BPFTRACE_STOP_STALL_MS=3000 "${run[@]}"
[[ -s $WORK/art/BpftraceProfiler.ManySmallWrites.syscount.json ]] || fail "no syscount.json after a lost SIGINT: $(cat "$WORK/err")"
ok "a bpftrace that missed the first SIGINT is asked again and stops"
