#!/bin/bash
# run.sh SECONDS TARGET...: runs each fuzzer (build/fuzz/fuzz_TARGET) for SECONDS, seeded
# from the tests' inputs, the templates and tests/fuzz/seeds/TARGET; first replays every
# file of tests/fuzz/regressions/TARGET (inputs that once crashed). A crash is kept in
# build/fuzz/findings/ and fails the run. Prints, per target, ok with its executions and corpus
# size, or FAILED; then "N passed, N failed"; exits 1 when any target failed.
set -u
cd "$(dirname "$0")/../.."
secs=$1; shift
passed=0 failed=0
mkdir -p build/fuzz/findings
for t in "$@"; do
  bin=build/fuzz/fuzz_$t corpus=build/fuzz/corpus-$t seeds=build/fuzz/seeds-$t
  if [ ! -x "$bin" ]; then
    printf '%-40s%s\n' "fuzz $t" "FAILED"; echo "  no $bin"; failed=$((failed + 1)); continue
  fi
  mkdir -p "$corpus" && rm -rf "$seeds" && mkdir -p "$seeds"
  case $t in
    csv) find tests/hostile tests/errors tests/functional/*/input/ input -name '*.csv' -size -64k \
           -exec cp --backup=numbered -t "$seeds" {} + ;;
    profile) cp templates/profiles/*.ini tests/hostile/*.ini "$seeds" ;;
    template) cp templates/reports/*.txt "$seeds" ;;
  esac
  [ -d "tests/fuzz/seeds/$t" ] && cp tests/fuzz/seeds/$t/* "$seeds"
  printf '%-40s' "fuzz $t"
  regressions=build/fuzz/$t-regressions.log
  if [ -d "tests/fuzz/regressions/$t" ] && ls tests/fuzz/regressions/$t/* >/dev/null 2>&1 &&
     ! "$bin" tests/fuzz/regressions/$t/* >"$regressions" 2>&1; then
    echo "FAILED"; echo "  a regression input fails again:"; tail -30 "$regressions" | sed 's/^/  /'
    failed=$((failed + 1)); continue
  fi
  log=build/fuzz/$t.log
  if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix=build/fuzz/findings/$t- "$corpus" "$seeds" >"$log" 2>&1; then
    runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*')
    printf 'ok (%s runs in %ss, corpus %s inputs, no crash)\n' "$runs" "$secs" "$(ls "$corpus" | wc -l)"
    passed=$((passed + 1))
  else
    echo "FAILED"; echo "  a crash, kept in build/fuzz/findings/$t-*:"
    grep -A15 'ERROR\|==ERROR\|deadly' "$log" | head -40 | sed 's/^/  /'
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
exit $((failed > 0))
