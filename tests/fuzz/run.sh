#!/bin/bash
# run.sh SECONDS TARGET...: runs each fuzzer (build/fuzz/fuzz_TARGET) for SECONDS, seeded
# from the tests' inputs, the templates and tests/fuzz/seeds/TARGET; first replays every
# file of tests/fuzz/regressions/TARGET (inputs that once crashed). A crash is kept in
# build/fuzz/findings/ and fails the run. Prints executions and corpus size per target.
set -u
cd "$(dirname "$0")/../.."
secs=$1; shift
fail=0
mkdir -p build/fuzz/findings
for t in "$@"; do
  bin=build/fuzz/fuzz_$t corpus=build/fuzz/corpus-$t seeds=build/fuzz/seeds-$t
  mkdir -p "$corpus" && rm -rf "$seeds" && mkdir -p "$seeds"
  case $t in
    csv) find tests/hostile tests/errors tests/functional/*/input/ input -name '*.csv' -size -64k \
           -exec cp --backup=numbered -t "$seeds" {} + ;;
    profile) cp templates/profiles/*.ini tests/hostile/*.ini "$seeds" ;;
    template) cp templates/reports/*.txt "$seeds" ;;
  esac
  [ -d "tests/fuzz/seeds/$t" ] && cp tests/fuzz/seeds/$t/* "$seeds"
  if [ -d "tests/fuzz/regressions/$t" ] && ls tests/fuzz/regressions/$t/* >/dev/null 2>&1; then
    if ! "$bin" tests/fuzz/regressions/$t/* >build/fuzz/$t-regressions.log 2>&1; then
      echo "fuzz $t: a regression input fails again"; tail -30 build/fuzz/$t-regressions.log; fail=1
    fi
  fi
  log=build/fuzz/$t.log
  if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix=build/fuzz/findings/$t- "$corpus" "$seeds" >"$log" 2>&1; then
    runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*')
    printf 'fuzz %-10s %9s runs in %ss, corpus %s inputs, no crash\n' "$t" "$runs" "$secs" \
      "$(ls "$corpus" | wc -l)"
  else
    echo "fuzz $t: FOUND A CRASH (build/fuzz/findings/$t-*)"; grep -A15 'ERROR\|==ERROR\|deadly' "$log" | head -40
    fail=1
  fi
done
exit $fail
