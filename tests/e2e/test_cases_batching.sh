#!/usr/bin/env bash
# Demo 09's batching suites: exact syscall counts, one-byte forms clearly slower, no datagram lost, the table.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

suites='WriteSize.*:Batching.*:Sink.*:Telemetry.*:Logging.*'
expect_status 0 "$DEMO" --quick --gtest_filter="$suites" --csv "$WORK/b.csv" --json "$WORK/b.json"
csv=$WORK/b.csv
! grep -q FAILED "$WORK/out" || fail "a case failed: $(grep FAILED "$WORK/out")"

# sys CASE: syscallsPerCall of CASE (fails when the row is missing).
sys() { csv_get "$csv" "$1" syscallsPerCall || fail "no row for $1: $(grep -F "$1" "$WORK/out")"; }
# The fastest repeat of each case: a busy machine slows some repeats, rarely all of them.
us() { csv_get "$csv" "$1" wallMin || fail "no row for $1"; }
exactly() { [[ $(sys "$1") == "$2" ]] || fail "$1: $(sys "$1") syscalls/call, expected exactly $2"; }
# within CASE LO HI: LO <= syscalls/call < HI (for counts that include rare log rotations).
within() {
  awk -v v="$(sys "$1")" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v >= lo && v < hi) }' \
    || fail "$1: $(sys "$1") syscalls/call, expected in [$2, $3)"
}
slower() { # slower SLOW FAST FACTOR
  local s f
  sanitized_build && return 0 # sanitizers slow user space, not syscalls: ratios shift
  s=$(us "$1") f=$(us "$2")
  at_least "$s" "$f" "$3" || fail "$1 ($s us) is not ${3}x slower than $2 ($f us)"
}

for n in 1 4 16 64 256 1024 4096 16384 65536; do exactly "WriteSize.Bytes/$n" $((65536 / n)); done
slower WriteSize.Bytes/1 WriteSize.Bytes/64 5
slower WriteSize.Bytes/64 WriteSize.Bytes/4096 5
slower WriteSize.Bytes/1 WriteSize.Bytes/65536 100
ok "WriteSize: 65536/N syscalls per call, cost falls with the write size"

exactly Batching.Records/OneByteWrites 1024
for t in StdioFullyBuffered Writev UserBuffer; do exactly "Batching.Records/$t" 1; done
slower Batching.Records/OneByteWrites Batching.Records/Writev 10
slower Batching.Records/OneByteWrites Batching.Records/UserBuffer 10
slower Batching.Records/OneByteWrites Batching.Records/StdioFullyBuffered 2
if grep -q '^Batching.Records/IoUring .*SKIPPED' "$WORK/out"; then
  grep -Eq '^Batching.Records/IoUring +SKIPPED: .{10,}' "$WORK/out" || fail "io_uring skipped without a reason"
  ok "Batching: 1024 against 1; io_uring skipped: $(grep -o 'SKIPPED: .*' "$WORK/out" | head -1)"
else
  exactly Batching.Records/IoUring 1
  grep -q '^Batching.Records/IoUring .*(1 self-counted) syscalls/call' "$WORK/out" \
    || fail "io_uring's count is not labelled self-counted: $(grep IoUring "$WORK/out")"
  ok "Batching: 1024 against 1, io_uring's one io_uring_enter self-counted"
fi

for s in DevNull Pipe TmpfsFile UnixSocket Pty; do
  exactly "Sink.$s/OneByte" 1024
  exactly "Sink.$s/Batched" 1
  slower "Sink.$s/OneByte" "Sink.$s/Batched" 10
done
ok "Sinks: 1024 against 1 syscalls, one byte at a time >= 10x slower on every sink"

# A lost datagram fails its case (exit 1, FAILED line): both rows being here means none was lost.
exactly Telemetry.Udp/OneSendtoPerDatagram 1024
exactly Telemetry.Udp/Sendmmsg 1
grep -q '^Telemetry.Udp/Sendmmsg .*(1 self-counted)' "$WORK/out" || fail "sendmmsg count not labelled self-counted"
ok "Telemetry: no datagram lost, 1024 sendto against 1 sendmmsg (self-counted)"

within Logging.Lines/OneFlushPerLine 1024 1025
within Logging.Lines/LineBuffered 1024 1025
within Logging.Lines/FullyBuffered 1 1.1
slower Logging.Lines/OneFlushPerLine Logging.Lines/FullyBuffered 2
ok "Logging: a flush per line and line buffering both write 1024 times, full buffering once"

expect_status 0 "$BENCH" batching "$csv" --json "$WORK/b.json"
grep -Eq '^Sink\.Pipe/OneByte +1024 +[0-9.]+ +Sink\.Pipe/Batched +1 +[0-9.]+ +[0-9.]+x$' "$WORK/out" \
  || fail "no Pipe pair in the table: $(cat "$WORK/out")"
grep -Eq '^WriteSize\.Bytes/1 +65536 .* WriteSize\.Bytes/65536 ' "$WORK/out" || fail "no sweep pair in the table"
grep -Eq '^Telemetry\.Udp/OneSendtoPerDatagram +1024 \(self-counted\)' "$WORK/out" \
  || fail "self-counted syscalls not labelled in the table"
[[ $(grep -c 'Batching.Records/OneByteWrites' "$WORK/out") -ge 3 ]] || fail "Batching baseline not paired with each technique"
expect_status 0 "$BENCH" batching "$csv" --format markdown
grep -q '^| Sink.Pty/OneByte ' "$WORK/out" || fail "markdown table: $(head -3 "$WORK/out")"
ok "bench batching pairs cases by name, in text and markdown"

leftover=$(find /dev/shm "${TMPDIR:-/tmp}" -maxdepth 1 -name 'syscost-demo09.*' 2>/dev/null || true)
[[ -z $leftover ]] || fail "scratch files left: $leftover"
ok "no scratch files left"
