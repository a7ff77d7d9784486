#!/usr/bin/env bash
# --profile without privileges, without bpftrace, or with a missing script fails fast with one line and exit 2.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# An unprivileged copy of the program: nobody cannot enter a private build tree.
chmod 755 "$WORK"
mkdir -m 755 "$WORK/bin"
cp "$DEMO" "$WORK/bin/"
demo_copy="$WORK/bin/$(basename "$DEMO")"
if [[ $(id -u) -eq 0 ]]; then
  command -v setpriv >/dev/null || skip "setpriv (util-linux) is needed to drop root"
  as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --bounding-set=-all)
else
  as_nobody=()
fi

for tool in bpftrace libbpf libbpf-count libbpf-floor; do
  expect_status 2 "${as_nobody[@]}" "$demo_copy" --profile "$tool" --gtest_filter='*ManySmallWrites*' \
    --cycles 1 --repeats 1 --artifact-root "$WORK/art-$tool"
  stderr_is_one_line "^error: --profile $tool: --profile needs root or CAP_BPF\+CAP_PERFMON: run with sudo or in the dev-cuda container$"
  [[ ! -e "$WORK/art-$tool" ]] || fail "$tool: an artifact directory was created before failing"
  ok "$tool without privileges: one line, exit 2"
done

# The rest needs the privilege check to pass.
[[ $(id -u) -eq 0 ]] || skip "the missing-bpftrace and missing-script checks need root"

expect_status 2 env PATH=/nonexistent "$DEMO" --profile bpftrace --cycles 1 --repeats 1 \
  --artifact-root "$WORK/art"
stderr_is_one_line "bpftrace binary not found in PATH"
expect_status 2 env BPFTRACE=/nonexistent/bpftrace "$DEMO" --profile bpftrace --cycles 1 --repeats 1 \
  --artifact-root "$WORK/art"
stderr_is_one_line "bpftrace binary not found: BPFTRACE=/nonexistent/bpftrace"
ok "a missing bpftrace binary is named as such"

if command -v bpftrace >/dev/null; then
  expect_status 2 "$DEMO" --profile bpftrace --bpf syslat,nosuchscript --cycles 1 --repeats 1 \
    --artifact-root "$WORK/art"
  stderr_is_one_line "bpftrace script nosuchscript\.bt not found in "
  expect_status 2 "$DEMO" --profile bpftrace --bpf 'syslat;rm' --cycles 1 --repeats 1 \
    --artifact-root "$WORK/art"
  stderr_is_one_line "is not a .*script name"
  ok "a missing or malformed script name: one line, exit 2"
fi
