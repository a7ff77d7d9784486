#!/usr/bin/env bash
# seccomp_rounds.sh end to end without a container engine: a stand-in compose runs each side's command here, and the rounds come out as the run folder's contract names them, the unconfined side with compose.seccomp-unconfined.yaml, the side going first alternating.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

root=$SYSCOST_SOURCE_DIR
bin_abs=$(cd "$SYSCOST_BIN" && pwd)
[[ $bin_abs == "$root"/* ]] || skip "the build ($bin_abs) is outside the repository: the script hands the container repository paths"
bin=${bin_abs#"$root"/}

# The stand-in: `compose [-f FILE]... run --rm -T SERVICE CMD...` runs CMD here and
# logs which files each run was given.
cat >"$WORK/compose" <<EOF
#!/usr/bin/env bash
files=()
while [[ \$1 == -f ]]; do files+=("\${2##*/}"); shift 2; done
[[ \$1 == run && \$2 == --rm && \$3 == -T ]] || { echo "stand-in compose: unexpected: \$*" >&2; exit 2; }
shift 4
echo "\${files[*]} :: \$1" >>"$WORK/calls"
exec "\$@"
EOF
chmod +x "$WORK/compose"

out=$(mktemp -d "$root/build/.e2e-seccomp-rounds.XXXXXX")
trap 'rm -rf "$out"; cleanup' EXIT
rel=${out#"$root"/}
SECCOMP_ROUNDS=2 SECCOMP_RUN_ARGS="--repeats 2 --min-time-ms 1" \
  "$root/src/demos/09_bpftrace_profiler/seccomp_rounds.sh" "$rel" "$bin" dev "$WORK/compose" -f compose.yaml \
  >"$WORK/out" 2>"$WORK/err" || fail "seccomp_rounds.sh failed: $(cat "$WORK/err")"

for f in default.1.csv unconfined.1.csv default.2.csv unconfined.2.csv default.env.txt unconfined.env.txt; do
  [[ -s $out/$f ]] || fail "$f was not written: $(ls "$out"); $(cat "$WORK/err")"
done
grep -q '^Syscall.Null,' "$out/default.1.csv" || fail "the rounds did not run the Syscall suite: $(head -3 "$out/default.1.csv")"
grep -q '^seccomp: ' "$out/default.env.txt" || fail "the default side's fingerprint has no seccomp line"
ok "2 rounds: each side's CSV and round 1's env.txt, named as run_layout.h says"

# Round 1 default first, round 2 unconfined first; only the unconfined side adds the override.
grep -v '/tools/bench$' "$WORK/calls" | sed 's/ :: .*//' >"$WORK/order"
printf '%s\n' "compose.yaml" "compose.yaml compose.seccomp-unconfined.yaml" \
  "compose.yaml compose.seccomp-unconfined.yaml" "compose.yaml" | diff - "$WORK/order" >/dev/null \
  || fail "the sides did not alternate, or the override went to the wrong side: $(cat "$WORK/calls")"
grep -q "^seccomp round 2/2 done (unconfined first)" "$WORK/out" || fail "no progress line: $(cat "$WORK/out")"
ok "the side going first alternates; the unconfined side alone adds compose.seccomp-unconfined.yaml"

expect_status 2 env SECCOMP_ROUNDS=0 "$root/src/demos/09_bpftrace_profiler/seccomp_rounds.sh" "$rel" "$bin" dev "$WORK/compose"
stderr_is_one_line "^seccomp_rounds.sh: SECCOMP_ROUNDS=0 is not a number of rounds \(1 to 64\)$"
ok "SECCOMP_ROUNDS=0: one line, exit 2"
