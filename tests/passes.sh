#!/bin/bash
# passes.sh FUZZER...: make test's passes over the built programs, in two lanes, one a core:
# the optimised build's, then valgrind's second half (the contracts) and the fuzzers, in the
# foreground; beside it the AddressSanitizer + UBSan build's, then valgrind's first half (the
# unit tests and functional cases), whose output is shown when the first lane ends. Every
# failing step prints FAILED with its name; exits 1 when any pass failed. STEP_TIMES=FILE:
# each step's seconds (FILE for the optimised pass, FILE.asan, FILE.valgrind1, FILE.valgrind2).
set -u
cd "$(dirname "$0")/.."
side=$(mktemp)
trap 'rm -f "$side"' EXIT

valgrind_half() {
  echo "== valgrind (memcheck, no leaks) on the optimised build: the core tests, part $1 of 2"
  CORE_ONLY=$1 BIG_INPUTS= STEP_TIMES=${STEP_TIMES:+$STEP_TIMES.valgrind$1} \
    tests/run.sh build/valgrind/tipreport build/valgrind/unit_tests
}
sanitizers() {
  echo "== AddressSanitizer + UBSan build"
  ASAN_OPTIONS=detect_leaks=1 \
    LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1 BRIEFS="08 21 24" GENERATED_BRIEFS= STRESS_RUNS=0 \
    KILL_RUNS=20 WORDS_ONCE=1 BIG_INPUTS= SINGLE_BRIEFS=08 STEP_TIMES=${STEP_TIMES:+$STEP_TIMES.asan} \
    tests/run.sh build/asan/tipreport build/asan/unit_tests
  local a=$?
  valgrind_half 1
  return $((a || $?))
}
sanitizers >"$side" 2>&1 &
pid=$!

rc=0
echo "== optimised build"
tests/run.sh ./tipreport build/unit_tests || rc=1
valgrind_half 2 || rc=1
echo "== fuzzing, a few seconds per target"
tests/fuzz/run.sh 5 "$@" || rc=1
echo "(the sanitizers' pass and valgrind's first half, run beside the above:)"
wait $pid || rc=1
cat "$side"
[ $rc = 0 ] || echo "make test: FAILED (the passes above say which steps)"
exit $rc
