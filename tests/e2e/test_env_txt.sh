#!/usr/bin/env bash
# --env-txt FILE: the machine and build as key: value lines from the program's own probe, published at the end like --csv: never half-written, not at all on a stop or when no case passed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

expect_status 0 "$DEMO" --gtest_filter='*SingleBatchedWrite*' --cycles 100 --repeats 2 --env-txt "$WORK/env.txt"
for key in kernel cpu cores clocksource governor runner 'container markers' build compiler user; do
  grep -q "^$key: ." "$WORK/env.txt" || fail "no '$key:' line: $(cat "$WORK/env.txt")"
done
grep -qx "kernel: $(uname -srm)" "$WORK/env.txt" || fail "kernel is not uname -srm: $(grep ^kernel "$WORK/env.txt")"
grep -qx "cores: $(nproc)" "$WORK/env.txt" || fail "cores is not nproc ($(nproc)): $(grep ^cores "$WORK/env.txt")"
grep -qx "user: $(id -un) (uid $(id -u))" "$WORK/env.txt" || fail "user: $(grep ^user "$WORK/env.txt")"
grep -qx "runner: native" "$WORK/env.txt" || fail "runner: $(grep ^runner "$WORK/env.txt")"
if [[ -e /.dockerenv || -e /run/.containerenv ]]; then want='yes (/.dockerenv or /run/.containerenv present)'; else want=none; fi
grep -qxF "container markers: $want" "$WORK/env.txt" || fail "container markers: $(grep '^container' "$WORK/env.txt")"
[[ $(grep -vc '^[a-z][a-z ]*: ' "$WORK/env.txt") -eq 0 ]] || fail "a line that is not 'key: value': $(cat "$WORK/env.txt")"
# The console said its warnings on stderr; env.txt says the same ones.
diff <(grep '^warning:' "$WORK/err") <(grep '^warning:' "$WORK/env.txt") >/dev/null \
  || fail "env.txt's warnings differ from stderr's: $(grep warning "$WORK/env.txt")"
ok "every key, from the program's own probe, and its warnings"

SYSCOST_IN_COMPOSE=1 "$DEMO" --gtest_filter='*SingleBatchedWrite*' --cycles 100 --repeats 2 --env-txt "$WORK/env2.txt" >/dev/null 2>&1
grep -qx "runner: compose (dev container)" "$WORK/env2.txt" || fail "SYSCOST_IN_COMPOSE: $(grep ^runner "$WORK/env2.txt")"
ok "runner: compose when the compose service started it"

expect_status 2 "$DEMO" --gtest_filter='*SingleBatchedWrite*' --cycles 10 --repeats 1 --csv "$WORK/same" --env-txt "$WORK/same"
stderr_is_one_line "^error: $DEMO_NAME: --csv .*/same and --env-txt .*/same are the same file"
[[ ! -e $WORK/same ]] || fail "a file was written before refusing"
ok "--env-txt naming the --csv file: one line, exit 2, nothing written"

echo "old contents" >"$WORK/old.txt"
"$DEMO" --repeats 100000 --cycles 200 --gtest_filter='*ManySmallWrites*' --env-txt "$WORK/old.txt" >"$WORK/log" 2>&1 &
pid=$!
CLEANUP_PIDS+=("$pid")
wait_measuring "$pid" "$WORK/log"
kill -s INT "$pid"
status=0
wait "$pid" || status=$?
[[ $status -eq 130 ]] || fail "SIGINT: exit $status: $(cat "$WORK/log")"
[[ $(cat "$WORK/old.txt") == "old contents" ]] || fail "an interrupted run replaced env.txt"
[[ -z $(find "$WORK" -name '*.tmp.*') ]] || fail "temporary files left: $(find "$WORK" -name '*.tmp.*')"
ok "an interrupted run leaves the old env.txt and no temporary file"
