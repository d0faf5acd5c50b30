#!/bin/bash
# passes.sh FUZZER...: make test's passes over the built programs. The optimised build's runs
# in the foreground; beside it (the second core), the AddressSanitizer + UBSan build's and
# then valgrind's, whose output is shown when the first ends; then a few seconds of fuzzing.
# Every failing step prints FAILED with its name; exits 1 when any pass failed. STEP_TIMES=FILE:
# each step's seconds (FILE for the optimised pass, FILE.asan, FILE.valgrind).
set -u
cd "$(dirname "$0")/.."
side=$(mktemp)
trap 'rm -f "$side"' EXIT

sanitizers() {
  echo "== AddressSanitizer + UBSan build"
  ASAN_OPTIONS=detect_leaks=1 \
    LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1 BRIEFS="08 21 24" GENERATED_BRIEFS= STRESS_RUNS=0 \
    KILL_RUNS=20 WORDS_ONCE=1 BIG_INPUTS= SINGLE_BRIEFS=08 STEP_TIMES=${STEP_TIMES:+$STEP_TIMES.asan} \
    tests/run.sh build/asan/tipreport build/asan/unit_tests
  local a=$?
  echo "== valgrind (memcheck, no leaks) on the optimised build: the core tests"
  CORE_ONLY=1 BIG_INPUTS= STEP_TIMES=${STEP_TIMES:+$STEP_TIMES.valgrind} tests/run.sh build/valgrind/tipreport build/valgrind/unit_tests
  return $((a || $?))
}
sanitizers >"$side" 2>&1 &
pid=$!

echo "== optimised build"
tests/run.sh ./tipreport build/unit_tests
rc=$?
echo "(the sanitizers' and valgrind's passes, run beside it:)"
wait $pid || rc=1
cat "$side"
echo "== fuzzing, a few seconds per target"
tests/fuzz/run.sh 5 "$@" || rc=1
[ $rc = 0 ] || echo "make test: FAILED (the passes above say which steps)"
exit $rc
