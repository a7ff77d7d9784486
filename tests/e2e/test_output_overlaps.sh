#!/usr/bin/env bash
# Outputs that overlap or cannot be written are refused with one line and status 2 before anything is measured, leaving old files as they were.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

cd "$WORK"
run=("$DEMO" --quick --gtest_filter='*SingleBatchedWrite*')

# --csv and --json naming one file, however spelled.
echo "old contents" >x
ln -s x sym
ln x hard
mkdir sub
ln -s "$WORK" dirlink
for other in x ./x sym hard dirlink/x "$WORK//x"; do
  expect_status 2 "${run[@]}" --csv x --json "$other"
  stderr_is_one_line "^error: $DEMO_NAME: --csv x and --json $other are the same file: one would replace the other"
  [[ $(cat x) == "old contents" ]] || fail "--json $other: the old file was changed"
done
expect_status 2 "${run[@]}" --csv sub/new.csv --json dirlink/sub/new.csv
stderr_is_one_line "^error: $DEMO_NAME: --csv sub/new.csv and --json dirlink/sub/new.csv are the same file"
[[ ! -e sub/new.csv ]] || fail "a refused run wrote sub/new.csv"
leftovers=$(find . -name '*.tmp.*')
[[ -z $leftovers ]] || fail "temporary files left: $leftovers"
ok "--csv and --json naming one file (name, ./, symlink, hard link, linked folder) are refused"

# Scripts only run under --profile bpftrace, and each once.
expect_status 2 "${run[@]}" --bpf syslat
stderr_is_one_line "^error: $DEMO_NAME: --bpf: only --profile bpftrace runs .bt scripts, and this run has --profile none"
expect_status 2 "${run[@]}" --profile libbpf --bpf-scripts "$SYSCOST_SOURCE_DIR/bpf"
stderr_is_one_line "^error: $DEMO_NAME: --bpf-scripts: only --profile bpftrace runs .bt scripts, and this run has --profile libbpf"
expect_status 2 "${run[@]}" --profile bpftrace --bpf syslat,syscount,syslat
stderr_is_one_line "^error: $DEMO_NAME: --bpf: 'syslat,syscount,syslat' names the script 'syslat' twice"
ok "--bpf without --profile bpftrace and a script named twice are refused"

# A /proc file looks regular but cannot be replaced; say that, not "missing".
expect_status 2 "${run[@]}" --csv /proc/self/mem
stderr_is_one_line "^error: cannot write /proc/self/mem: it is a kernel file in /proc, not a regular file that can be replaced"
ok "--csv /proc/self/mem is refused naming the real reason"

# An artifact folder that cannot take traces is found before the first case.
[[ $(id -u) -eq 0 ]] || skip "the --artifact-root checks need root (--profile does)"
echo "not a folder" >afile
expect_status 2 "${run[@]}" --profile libbpf --artifact-root afile
stderr_is_one_line "^error: --artifact-root: afile exists and is not a directory$"
[[ ! -s out ]] || fail "a case was measured before the refusal: $(cat out)"
mkdir ro
mount -t tmpfs -o ro tmpfs ro || skip "cannot mount a read-only tmpfs here"
status=0
"${run[@]}" --profile libbpf --artifact-root ro >out 2>err || status=$?
umount ro
[[ $status -eq 2 ]] || fail "read-only --artifact-root: exit status $status; $(cat err)"
stderr_is_one_line "^error: --artifact-root: cannot write in ro: Read-only file system$"
[[ ! -s out ]] || fail "a case was measured before the refusal: $(cat out)"
ok "--artifact-root naming a file or a read-only folder is refused before measuring"
