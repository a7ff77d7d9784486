#!/usr/bin/env bash
# Docs: every command, flag, make target, script and link the docs show exists; make docs's generator fills blocks and refuses a missing artifact.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SRC=$SYSCOST_SOURCE_DIR
EXTRACT=(python3 "$SRC/tests/e2e/doc_commands.py")
command -v python3 >/dev/null || fail "python3 is missing (make deps installs it)"

"$DEMO" --help >"$WORK/demo.help"
"$BENCH" --help >"$WORK/bench.help"
make -s -C "$SRC" help >"$WORK/make.help"
awk '/^  [a-zA-Z0-9_.-]+ / { print $1 }' "$WORK/make.help" >"$WORK/make.targets"
[[ -s $WORK/make.targets ]] || fail "'make help' listed no target"

# has_word FILE WORD: WORD appears in FILE as a whole option or name.
has_word() { grep -Eq -- "(^|[^A-Za-z0-9_-])$(sed 's/[.[\*^$]/\\&/g' <<<"$2")([^A-Za-z0-9_-]|$)" "$1"; }

# check_docs FILE...: one line per problem on stdout; the count is the status.
check_docs() {
  local where kind problems=0 flag w dir
  local -a words
  while IFS=$'\t' read -r -a words; do
    where=${words[0]} kind=${words[1]}
    words=("${words[@]:2}")
    case $kind in
      demo)
        for w in "${words[@]:1}"; do
          [[ $w == -?* ]] || continue
          flag=${w%%=*}
          has_word "$WORK/demo.help" "$flag" \
            || { echo "$where: the benchmark program has no $flag (not in its --help)"; problems=$((problems + 1)); }
        done ;;
      bench)
        local sub=${words[1]:-}
        if [[ -z $sub ]] || ! grep -Eq "^  $sub( |$)" "$WORK/bench.help" \
            || ! "$BENCH" "$sub" --help >"$WORK/sub.help" 2>&1; then
          echo "$where: bench has no command '$sub'"
          problems=$((problems + 1))
          continue
        fi
        if [[ $sub == plot && -n ${words[2]:-} ]] && ! has_word "$WORK/sub.help" "${words[2]}"; then
          echo "$where: bench plot has no kind '${words[2]}'"
          problems=$((problems + 1))
        fi
        for w in "${words[@]:2}"; do
          [[ $w == -?* ]] || continue
          flag=${w%%=*}
          has_word "$WORK/sub.help" "$flag" \
            || { echo "$where: bench $sub has no $flag (not in 'bench $sub --help')"; problems=$((problems + 1)); }
        done ;;
      make)
        for w in "${words[@]:1}"; do
          [[ $w == -* || $w == *=* ]] && continue
          grep -qx -- "$w" "$WORK/make.targets" \
            || { echo "$where: make has no target '$w' (not in 'make help')"; problems=$((problems + 1)); }
        done ;;
      script)
        [[ -x $SRC/${words[0]#./} ]] \
          || { echo "$where: ${words[0]} is not an executable file of the repo"; problems=$((problems + 1)); } ;;
      service)
        grep -Eq "^  ${words[0]}:" "$SRC/compose.yaml" \
          || { echo "$where: compose.yaml has no service '${words[0]}'"; problems=$((problems + 1)); } ;;
      link)
        dir=$(dirname "${where%:*}")
        [[ -e $dir/${words[0]} ]] \
          || { echo "$where: link target ${words[0]} does not exist"; problems=$((problems + 1)); } ;;
      *)
        echo "$where: cannot read this command: ${words[*]}"
        problems=$((problems + 1)) ;;
    esac
  done < <("${EXTRACT[@]}" "$@")
  return $((problems > 0))
}

# The checker itself must catch each kind of stale command.
cat >"$WORK/stale.md" <<'EOF'
```bash
build/native-linux-debug/bin/ptests/BenchDemo_09_BpftraceProfiler --quick --no-such-flag 3
sudo build/native-linux-debug/bin/tools/bench frobnicate x.csv
build/native-linux-debug/bin/tools/bench compare a.csv b.csv --no-such-option && make debug
make no-such-target RUNNER=native
docker compose run --rm -T no-such-service make test
ci/no-such-script.sh
```
See [nowhere](no/such/file.md).
EOF
check_docs "$WORK/stale.md" >"$WORK/stale.out" && fail "a doc full of stale commands passed: $(cat "$WORK/stale.out")"
for want in 'no --no-such-flag' "no command 'frobnicate'" 'bench compare has no --no-such-option' \
    "no target 'no-such-target'" "no service 'no-such-service'" 'no-such-script.sh is not' 'no/such/file.md does not'; do
  grep -qF -- "$want" "$WORK/stale.out" || fail "the checker missed '$want': $(cat "$WORK/stale.out")"
done
[[ $(wc -l <"$WORK/stale.out") -eq 7 ]] || fail "expected 7 problems in the stale doc: $(cat "$WORK/stale.out")"
ok "the checker catches stale flags, commands, targets, services, scripts and links"

mapfile -t docs < <(cd "$SRC" && { echo README.md; find docs -name '*.md' | sort; })
[[ ${#docs[@]} -ge 3 ]] || fail "expected README.md and the docs, found: ${docs[*]}"
n=$(cd "$SRC" && "${EXTRACT[@]}" "${docs[@]}" | grep -c $'\t\\(demo\\|bench\\|make\\)\t' || true)
[[ $n -ge 20 ]] || fail "only $n kit commands found in ${docs[*]}: is the extractor reading the bash blocks?"
(cd "$SRC" && check_docs "${docs[@]}") >"$WORK/docs.out" || fail "stale docs:"$'\n'"$(cat "$WORK/docs.out")"
ok "${#docs[@]} docs, $n kit commands: every command, flag, target, script and link exists"

# The generator, in a copy of the docs, on fixture artifacts.
repo=$WORK/repo art=$WORK/art
mkdir -p "$repo" "$art"
(cd "$SRC" && cp --parents "${docs[@]}" docs/gen_docs.py src/tools/bench/run_layout.py src/tools/bench/run_layout.h "$repo/")
cp -r "$SRC/tests/fixtures/report/full/." "$SRC/tests/fixtures/docs/." "$art/"
"$BENCH" summary "$art/demo.csv" >"$art/summary.txt"
"$BENCH" compare "$art/slow.csv" "$art/fast.csv" >"$art/compare.txt"
"$BENCH" hist "$art/BpftraceProfiler.ManySmallWrites.syslat.json" >"$art/hist-ManySmallWrites.txt"
"$BENCH" overhead "$art/overhead" >"$art/overhead/overhead.txt"
"$BENCH" batching "$art/demo.csv" --format markdown >"$art/batching.md"
if command -v gnuplot >/dev/null; then
  "$BENCH" plot all "$art" >/dev/null
else # The generator only copies the bytes: any PNG will do.
  mkdir -p "$art/plots"
  for p in hist-syslat compare overhead sweep samples; do printf '\x89PNG\r\n\x1a\n%s' "$p" >"$art/plots/$p.png"; done
fi
doc=$repo/docs/demos/09-bpftrace-syscall-overhead.md
# text_outside DOC: the hand-written part, block contents and inline values left out.
text_outside() {
  awk '/^<!-- end (output|image) -->/ { skip = 0 } !skip { print } /^<!-- (output|image): / { skip = 1 }' "$1" \
    | sed -E 's/(<!-- value: [^>]*-->).*(<!-- end value -->)/\1\2/g'
}
text_outside "$doc" >"$WORK/before.txt"

expect_status 0 env ARTIFACTS="$art" python3 "$repo/docs/gen_docs.py"
text_outside "$doc" | diff -u "$WORK/before.txt" - >"$WORK/diff" || fail "text outside the blocks changed: $(cat "$WORK/diff")"
grep -qxF "$(grep '^BpftraceProfiler.ManySmallWrites ' "$art/summary.txt")" "$doc" || fail "summary block not filled from the fixture"
grep -qF "$(head -n 1 "$art/compare.txt")" "$doc" || fail "compare block not filled from the fixture"
grep -qF '| Case ' "$doc" || fail "batching.md not inserted as markdown"
# The fixture's ManySmallWrites median, 138.257 us over 1024 writes: 135 ns each.
grep -qF -- '<!-- value: demo.csv write_ns -->135<!-- end value -->' "$doc" || fail "inline value not computed from the fixture CSV"
grep -qF '| write() syscalls (counted) | 1024 | 1 |' "$doc" || fail "costs table not computed from the fixture CSV"
cmp -s "$art/plots/compare.png" "$repo/docs/img/demo-09-compare.png" || fail "plots/compare.png not copied to docs/img"
grep -qF '](../img/demo-09-compare.png)' "$doc" || fail "image link not written relative to the doc"
ok "gen_docs fills output blocks, tables, values and images from the artifacts, text outside untouched"

sum=$(cat "$doc" "$repo/README.md" | md5sum)
expect_status 0 env ARTIFACTS="$art" python3 "$repo/docs/gen_docs.py"
grep -q '(0 changed)' "$WORK/out" || fail "a second run changed files: $(cat "$WORK/out")"
ok "a second run changes nothing"

rm "$art/compare.txt"
expect_status 2 env ARTIFACTS="$art" python3 "$repo/docs/gen_docs.py"
stderr_is_one_line '09-bpftrace-syscall-overhead\.md:[0-9]+: artifact .*/compare\.txt is missing \(written by bench compare in step compare\)'
[[ $(cat "$doc" "$repo/README.md" | md5sum) == "$sum" ]] || fail "a refused run still changed the docs"
ok "a missing artifact: exit 2, one line naming the doc line, the file and the step that writes it, nothing written"

# A block naming a file that no run folder has (the contract's): refused, even when it exists.
cp "$art/summary.txt" "$art/env-warnings.txt"
cp "$art/summary.txt" "$art/compare.txt"
cp "$doc" "$WORK/doc.saved"
printf '<!-- output: env-warnings.txt -->\n<!-- end output -->\n' >>"$doc"
expect_status 2 env ARTIFACTS="$art" python3 "$repo/docs/gen_docs.py"
stderr_is_one_line "09-bpftrace-syscall-overhead\.md:[0-9]+: env-warnings\.txt is no file of a run folder \(see docs/ARTIFACTS\.md"
cp "$WORK/doc.saved" "$doc"
ok "a block naming a file outside the run folder's contract: exit 2, named"

printf '<!-- output: env.txt -->\n' >>"$doc"
cp "$SRC/tests/fixtures/report/full/slow.csv" "$art/compare.txt"
expect_status 2 env ARTIFACTS="$art" python3 "$repo/docs/gen_docs.py"
stderr_is_one_line "has no '<!-- end output -->'"
ok "an unclosed marker: exit 2, named"
