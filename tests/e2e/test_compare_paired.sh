#!/usr/bin/env bash
# bench compare on one file: two cases that ran in the same rounds also get the paired (per-round) verdict, next to the unpaired one; cases not in the same rounds, or two files, do not.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Round k: S.Slow takes 100+k us and S.Fast a quarter of it plus a drift the
# unpaired test sees as spread; the paired ratio is 4x in every round.
{
  echo "test,wallMedian,cvThreshold,samples,seed,processes"
  echo "S.Slow,104.5,0.05,$(seq -s ';' 100 109),42,1"
  echo "S.Fast,26.125,0.05,$(awk 'BEGIN { for (k = 0; k < 10; k++) printf "%s%.4f", (k ? ";" : ""), (100 + k) / 4 }'),42,1"
  echo "S.Other,26.125,0.05,$(awk 'BEGIN { for (k = 0; k < 10; k++) printf "%s%.4f", (k ? ";" : ""), (100 + k) / 4 }'),43,1"
} >"$WORK/run.csv"

expect_status 0 "$BENCH" compare "$WORK/run.csv" --pair S.Slow=S.Fast
grep -q 'Paired (per round)' "$WORK/out" || fail "no paired column: $(cat "$WORK/out")"
grep -Eq '^S\.Slow vs S\.Fast .*4\.00x faster \(p=.* n=10\+10\) +4\.00x faster \(CI 4\.00x\.\.4\.00x, p=0\.002, rounds=10\)$' "$WORK/out" \
  || fail "paired verdict: $(cat "$WORK/out")"
ok "one file, --pair: the unpaired change and the paired one, 4.00x faster (CI 4.00x..4.00x, p=0.002, rounds=10)"

expect_status 0 "$BENCH" compare "$WORK/run.csv" "$WORK/run.csv" --pair S.Slow=S.Fast --format json
python3 - "$WORK/out" <<'PY'
import json, sys
row = json.load(open(sys.argv[1]))["cases"][0]
p = row["paired"]
assert abs(p["ratio"] - 0.25) < 1e-9 and p["rounds"] == 10 and p["significant"], p
assert abs(p["ci_low"] - 0.25) < 1e-9 and abs(p["ci_high"] - 0.25) < 1e-9, p
PY
ok "the same file twice: the paired figures in json"

expect_status 0 "$BENCH" compare "$WORK/run.csv" --pair S.Slow=S.Other
grep -q 'Paired' "$WORK/out" && fail "different seeds were paired: $(cat "$WORK/out")"
cp "$WORK/run.csv" "$WORK/copy.csv"
expect_status 0 "$BENCH" compare "$WORK/run.csv" "$WORK/copy.csv" --pair S.Slow=S.Fast
grep -q 'Paired' "$WORK/out" && fail "two files were paired: $(cat "$WORK/out")"
ok "other rounds (seed) or two files: no paired column"

expect_status 2 "$BENCH" compare "$WORK/run.csv"
stderr_is_one_line "one file needs --pair BASE_TEST=CAND_TEST"
ok "one file without --pair: one line, exit 2"
