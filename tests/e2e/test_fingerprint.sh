#!/usr/bin/env bash
# The machine fingerprint goes with every run: env.txt's lines, the JSON context and the CSV's envTxt column say what this machine's files say, and a CPU quota draws a one-line warning.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

expect_status 0 "$DEMO" --gtest_filter='Syscall.Null' --cycles 100 --repeats 2 --env-txt "$WORK/env.txt" \
  --json "$WORK/r.json" --csv "$WORK/r.csv"
env_is() { grep -qxF "$1: $2" "$WORK/env.txt" || fail "env.txt: expected '$1: $2', got: $(grep "^$1:" "$WORK/env.txt")"; }
vulns=/sys/devices/system/cpu/vulnerabilities
if [[ -d $vulns ]]; then
  n=0
  for f in "$vulns"/*; do
    env_is "vulnerability ${f##*/}" "$(head -n 1 "$f")"
    n=$((n + 1))
  done
  [[ $(grep -c '^vulnerability ' "$WORK/env.txt") -eq $n ]] || fail "env.txt has other vulnerability lines than $vulns's $n files"
else
  env_is vulnerabilities "unknown (no $vulns)"
fi
# The program's own seccomp state: the same as a child of this shell's, which inherits it.
mode=$(awk '$1 == "Seccomp:" { print $2 }' /proc/self/status)
case $mode in 0) env_is seccomp "0 (disabled)" ;; 2) env_is seccomp "2 (filter)" ;; esac
filters=$(awk '$1 == "Seccomp_filters:" { print $2 }' /proc/self/status)
[[ -z $filters ]] || env_is "seccomp filters" "$filters"
for key in mitigations pti isolcpus nohz_full; do
  grep -q "^cmdline $key: ." "$WORK/env.txt" || fail "env.txt has no 'cmdline $key' line"
done
if grep -qw mitigations=auto,no_guest_host,no_guest_guest /proc/cmdline; then
  env_is "cmdline mitigations" auto,no_guest_host,no_guest_guest
fi
grep -Eq '^steal during run: [0-9]+ ms \([0-9.]+% of CPU time\)$' "$WORK/env.txt" || fail "steal: $(grep ^steal "$WORK/env.txt")"
for key in microcode hypervisor 'cgroup cpu limit'; do
  grep -q "^$key: ." "$WORK/env.txt" || fail "env.txt has no '$key:' line"
done
ok "env.txt: every vulnerabilities line, seccomp, the cmdline's settings, steal time"

python3 - "$WORK/r.json" "$WORK/env.txt" <<'PY' || fail "the JSON context's fingerprint differs from env.txt"
import json, sys
fp = json.load(open(sys.argv[1]))["context"]["fingerprint"]
env = dict(l.rstrip("\n").split(": ", 1) for l in open(sys.argv[2]) if ": " in l and not l.startswith("warning"))
assert fp["microcode"] == env["microcode"] and fp["hypervisor"] == env["hypervisor"], fp
for k, v in (fp["vulnerabilities"] or {}).items():
    assert env["vulnerability " + k] == v, k
for k, v in fp["cmdline"].items():
    assert env["cmdline " + k] == v, k
assert env["seccomp"].startswith(str(fp["seccomp"])), fp["seccomp"]
assert fp["steal_ms"] is not None and fp["steal_ms"] >= 0
PY
[[ $(csv_get "$WORK/r.csv" Syscall.Null envTxt) == env.txt ]] || fail "the CSV does not name its env.txt: $(head -2 "$WORK/r.csv")"
expect_status 0 "$DEMO" --gtest_filter='Syscall.Null' --cycles 100 --repeats 2 --csv "$WORK/plain.csv"
head -1 "$WORK/plain.csv" | grep -q ',samples,seed,processes$' || fail "a CSV without env.txt has an envTxt column: $(head -1 "$WORK/plain.csv")"
ok "JSON context and CSV name the same fingerprint"

# A CPU quota: a cgroup v1 cpu hierarchy (as on this VM) or v2 with the cpu controller.
[[ $(id -u) -eq 0 ]] || skip "the quota check makes a cgroup: needs root"
cg=
if [[ -f /sys/fs/cgroup/cgroup.controllers ]] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers; then
  cg=/sys/fs/cgroup/syscost-fp-$$
  mkdir "$cg" 2>/dev/null && echo "50000 100000" >"$cg/cpu.max" 2>/dev/null || cg=
elif [[ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]]; then
  cg=/sys/fs/cgroup/cpu/syscost-fp-$$
  mkdir "$cg" 2>/dev/null && echo 50000 >"$cg/cpu.cfs_quota_us" 2>/dev/null || cg=
fi
[[ -n $cg ]] || skip "no cgroup with a CPU quota could be made here"
trap 'rmdir "$cg" 2>/dev/null; cleanup' EXIT
expect_status 0 bash -c 'echo $$ >"$1/cgroup.procs" && exec "$2" --gtest_filter=Syscall.Null --cycles 100 --repeats 2 --env-txt "$3"' \
  _ "$cg" "$DEMO" "$WORK/q.txt"
grep -qxF "cgroup cpu limit: 50000/100000 us = 0.50 CPUs" "$WORK/q.txt" || fail "quota: $(grep ^cgroup "$WORK/q.txt")"
[[ $(grep -c '^warning: the cgroup caps this process at 0.50 CPUs' "$WORK/err") -eq 1 ]] \
  || fail "no one-line quota warning: $(cat "$WORK/err")"
ok "a 0.5-CPU quota: recorded, and warned about in one line"
