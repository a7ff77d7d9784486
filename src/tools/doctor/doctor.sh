#!/usr/bin/env bash
# make doctor: can this machine run each part of Demo 09? One line per part, OK, WARN or
# MISSING, with what to do about it. Tries what it can for real (a tp_btf attach with the
# kit's libbpf tracer, perf trace), and changes nothing.
#   doctor.sh BIN_DIR       (the build make demo-09 uses: build/native-linux-release/bin)
# Exit status: 0 the whole demo can run here (WARN lines are about noisy numbers or
# optional parts); 1 a part is MISSING (the demo skips it, or stops); 2 bad usage.
set -euo pipefail

bin=${1:?usage: doctor.sh BIN_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
# shellcheck source=ci/lib.sh
. "$root/ci/lib.sh"
demo=$bin/ptests/BenchDemo_09_BpftraceProfiler

missing=0 warnings=0
line() { # line OK|WARN|MISSING WHAT DETAIL
  printf '%-8s %-14s %s\n' "$1" "$2" "$3"
  case $1 in MISSING) missing=$((missing + 1)) ;; WARN) warnings=$((warnings + 1)) ;; esac
}
first_line() { "$@" 2>&1 | head -n 1; }

echo "doctor: can this machine run each part of Demo 09?"

# Privileges: run_demo.sh traces as root only; the program itself takes CAP_BPF+CAP_PERFMON.
cap_eff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
caps=()
for cap in 21:CAP_SYS_ADMIN 38:CAP_PERFMON 39:CAP_BPF; do
  (((16#${cap_eff:-0} >> ${cap%%:*}) & 1)) && caps+=("${cap#*:}")
done
privileged=0
if [[ $(id -u) -eq 0 ]]; then
  privileged=1
  line OK privileges "root (${caps[*]:-no capabilities?}): the tracing steps run"
else
  line MISSING privileges "$(id -un), ${caps[*]:-no CAP_BPF, CAP_PERFMON or CAP_SYS_ADMIN}: steps 2-3 and the observer effect are skipped; run 'sudo make demo-09', or RUNNER=compose"
fi

# From the mount table: tracefs itself is root's to read.
tracefs=$(awk '$3 == "tracefs" { print $2; exit }' /proc/self/mounts)
if [[ -n $tracefs ]]; then
  line OK tracefs "mounted at $tracefs"
elif ((privileged)); then
  line WARN tracefs "not mounted: the demo mounts it as root (ci/ensure-tracefs.sh)"
else
  line MISSING tracefs "not mounted: sudo ci/ensure-tracefs.sh"
fi

btf=0
if [[ -r /sys/kernel/btf/vmlinux ]]; then
  btf=1
  line OK BTF "/sys/kernel/btf/vmlinux"
else
  line MISSING BTF "no /sys/kernel/btf/vmlinux: a kernel without CONFIG_DEBUG_INFO_BTF; the libbpf tracer cannot load (bpftrace still works)"
fi

# tp_btf for real: the libbpf tracer attaches for one call and detaches as the program exits.
if [[ ! -x $demo ]]; then
  line WARN tp_btf "not tried: $demo is not built (make demo-09 builds it, or make release)"
elif ((!privileged)); then
  line MISSING tp_btf "not tried: attaching needs the privileges above"
elif ((!btf)); then
  line MISSING tp_btf "not tried: needs BTF (above)"
else
  probe=$(mktemp -d)
  if err=$(timeout 60 "$demo" --profile libbpf --gtest_filter=BpftraceProfiler.SingleBatchedWrite \
      --cycles 1 --repeats 1 --warmup 0 --artifact-root "$probe" 2>&1 >/dev/null); then
    line OK tp_btf "the libbpf tracer attached to tp_btf/sys_enter and sys_exit, and detached"
  else
    line MISSING tp_btf "the libbpf tracer failed: $(grep -m 1 error <<<"$err" || head -n 1 <<<"$err")"
  fi
  rm -rf "$probe"
fi

if have bpftrace; then
  line OK bpftrace "$(first_line bpftrace --version)"
else
  line MISSING bpftrace "not installed: steps 2-3 stop the demo as root; make deps"
fi

if ! have perf; then
  line MISSING perf "not installed: the observer effect has no perf trace row; make deps (linux-perf)"
elif ((!privileged)); then
  line MISSING perf "$(first_line perf --version); perf trace not tried: it needs the privileges above"
elif perf trace -s -o /dev/null -- true >/dev/null 2>&1; then
  line OK perf "$(first_line perf --version); perf trace works"
else
  line MISSING perf "$(first_line perf --version), but 'perf trace -- true' fails: the observer effect has no perf trace row (needs tracefs and a perf that knows this kernel)"
fi

if have strace; then
  line OK strace "$(first_line strace --version)"
else
  line MISSING strace "not installed: the observer effect has no strace row; make deps"
fi

if docker_answers; then
  line OK docker "engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) answers"
  compose=$(compose_cmd)
  if [[ $compose == "docker compose" ]]; then
    line OK compose "$(first_line docker compose version) (v2 plugin)"
  elif [[ -n $compose ]]; then
    line OK compose "$(first_line docker-compose version) (v1)"
  else
    line WARN compose "none: RUNNER=compose needs one (ci/install-container-tools.sh)"
  fi
else
  line WARN docker "no engine answers: make demo-09 runs natively (RUNNER=compose needs one: ci/start-dockerd.sh as root, or systemctl start docker)"
  if [[ -n $(compose_cmd) ]]; then
    line OK compose "$(compose_cmd): $(first_line $(compose_cmd) version)"
  else
    line WARN compose "none: ci/install-container-tools.sh installs it"
  fi
fi

governor=$(cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor 2>/dev/null || true)
if [[ -z $governor ]]; then
  line OK governor "none (no cpufreq: a VM, whose host sets the clock)"
elif [[ $governor == performance ]]; then
  line OK governor "performance"
else
  line WARN governor "$governor: numbers are noisier; sudo cpupower frequency-set -g performance (docs/CPU_GUIDE.md)"
fi

# Steal time: CPU time the hypervisor gave to others, over half a second.
read -r -a a < <(grep '^cpu ' /proc/stat)
sleep 0.5
read -r -a b < <(grep '^cpu ' /proc/stat)
total=0
for i in 1 2 3 4 5 6 7 8; do total=$((total + ${b[i]:-0} - ${a[i]:-0})); done
steal=$((${b[8]:-0} - ${a[8]:-0}))
pct=$(awk -v s="$steal" -v t="$total" 'BEGIN { printf "%.1f", (t > 0 ? 100 * s / t : 0) }')
if awk -v p="$pct" 'BEGIN { exit !(p >= 1) }'; then
  line WARN steal "$pct% of CPU time stolen by the hypervisor: numbers vary between runs; compare within one run"
else
  line OK steal "$pct% of CPU time stolen by the hypervisor"
fi

cache=$bin/../CMakeCache.txt
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$cache" 2>/dev/null || true)
case ${build_type:-} in
  Release | RelWithDebInfo) line OK build "$build_type ($(dirname "$bin"))" ;;
  "") line WARN build "$(dirname "$bin") is not built yet: make demo-09 builds it" ;;
  *) line WARN build "$build_type ($(dirname "$bin")): the cases run unoptimized; quote numbers from make demo-09 (release)" ;;
esac

if have gnuplot; then
  line OK gnuplot "$(first_line gnuplot --version)"
else
  line MISSING gnuplot "not installed: no charts; make deps (gnuplot-nox)"
fi

if ((missing)); then
  echo "doctor: $missing missing, $warnings warning(s): the demo runs, without what is MISSING"
  exit 1
fi
echo "doctor: nothing missing, $warnings warning(s): the whole demo can run here"
