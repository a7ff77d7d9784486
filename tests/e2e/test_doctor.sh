#!/usr/bin/env bash
# make doctor: one line per part of the demo (OK, WARN or MISSING), exit 0 only when nothing is MISSING; it names a missing bpftrace and a user without privileges.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DOCTOR=$SYSCOST_SOURCE_DIR/src/tools/doctor/doctor.sh
parts=(privileges tracefs BTF tp_btf bpftrace perf strace docker compose governor steal build gnuplot)

# check_screen STATUS: every part has one line with a verdict; the status says whether one is MISSING.
check_screen() {
  local status=$1 part
  for part in "${parts[@]}"; do
    [[ $(grep -Ec "^(OK|WARN|MISSING) +$part +[^ ]" "$WORK/out") -eq 1 ]] \
      || fail "no single OK/WARN/MISSING line for $part: $(cat "$WORK/out")"
  done
  [[ $(wc -l <"$WORK/out") -le 24 ]] || fail "more than one screen: $(wc -l <"$WORK/out") lines"
  if grep -q '^MISSING ' "$WORK/out"; then
    [[ $status -eq 1 ]] || fail "a part is MISSING, yet exit status $status: $(cat "$WORK/out")"
  else
    [[ $status -eq 0 ]] || fail "nothing MISSING, yet exit status $status: $(cat "$WORK/out")"
  fi
}

status=0
"$DOCTOR" "$SYSCOST_BIN" >"$WORK/out" 2>"$WORK/err" || status=$?
check_screen "$status"
[[ ! -s $WORK/err ]] || fail "doctor wrote to stderr: $(cat "$WORK/err")"
ok "one line per part, exit $status ($(grep -c '^MISSING' "$WORK/out" || true) missing)"

# A PATH with every command of this machine but bpftrace.
mkdir "$WORK/path"
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  for f in "$d"/*; do
    name=${f##*/}
    [[ -x $f && ! -d $f && $name != bpftrace && ! -e $WORK/path/$name ]] && ln -s "$f" "$WORK/path/$name"
  done
done
status=0
PATH=$WORK/path "$DOCTOR" "$SYSCOST_BIN" >"$WORK/out" 2>"$WORK/err" || status=$?
check_screen "$status"
grep -Eq '^MISSING +bpftrace +not installed: .*make deps' "$WORK/out" || fail "bpftrace is not named as missing: $(cat "$WORK/out")"
[[ $status -eq 1 ]] || fail "exit $status without bpftrace"
ok "without bpftrace on the PATH: MISSING bpftrace, what to do, exit 1"

if [[ $(id -u) -eq 0 ]]; then
  command -v setpriv >/dev/null || skip "setpriv (util-linux) is needed to drop root"
  as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --bounding-set=-all)
  "${as_nobody[@]}" test -x "$DOCTOR" -a -r "$SYSCOST_SOURCE_DIR/ci/lib.sh" \
    || skip "nobody cannot read $SYSCOST_SOURCE_DIR, so the unprivileged run cannot be tried"
  status=0
  "${as_nobody[@]}" "$DOCTOR" "$SYSCOST_BIN" >"$WORK/out" 2>"$WORK/err" || status=$?
  check_screen "$status"
  grep -Eq "^MISSING +privileges +nobody, no CAP_BPF, CAP_PERFMON or CAP_SYS_ADMIN: .*sudo make demo-09" "$WORK/out" \
    || fail "privileges: $(cat "$WORK/out")"
  grep -Eq "^MISSING +tp_btf +not tried: attaching needs the privileges above" "$WORK/out" || fail "tp_btf: $(grep tp_btf "$WORK/out")"
  [[ $status -eq 1 ]] || fail "exit $status without privileges"
  ok "as nobody: MISSING privileges and tp_btf, saying why and what to do, exit 1"
fi
