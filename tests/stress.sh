#!/bin/bash
# stress.sh TIPREPORT [RUNS] [PARALLEL]: RUNS briefs of the sample (default 500: every region
# 01..25 in turn), PARALLEL at once (default 4). A run fails when it exits non-zero (a signal
# too: 128 + its number) or its outputs differ from the same region's first run. Prints the
# runs, the failures and the seconds; exits 1 when any run failed.
set -u
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
runs=${2:-500}
par=${3:-4}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)

# one_run I: the brief of region I mod 25 + 1 into its own folder; writes "I REGION STATUS"
# to I.status (STATUS: the exit code, or "differs"). The first 25 runs are the references.
one_run() {
  local i=$1 r out status
  r=$(printf '%02d' $((i % 25 + 1)))
  out=$tmp/run-$i
  # A ledger of its own (in a folder of its own: runs sharing a ledger take turns).
  "$bin" region "$r" input -q --any-period -o "$out" --ledger "$tmp/ledger-$i/ledger.tsv" >"$tmp/$i.log" 2>&1
  status=$?
  if [ $status = 0 ] && [ "$i" -ge 25 ]; then
    diff -r "$tmp/run-$((i % 25))" "$out" >>"$tmp/$i.log" 2>&1 || status=differs
  fi
  [ "$i" -ge 25 ] && rm -rf "$out"
  echo "$i $r $status" >"$tmp/$i.status"
}
export -f one_run
export bin tmp

# The references first, then the rest; xargs would stop at a run killed by a signal, so
# one_run itself always succeeds and leaves its status in a file.
first=$((runs < 25 ? runs : 25))
seq 0 $((first - 1)) | xargs -P "$par" -I{} bash -c 'one_run {}'
[ "$runs" -gt 25 ] && seq 25 $((runs - 1)) | xargs -P "$par" -I{} bash -c 'one_run {}'

failed=0
for ((i = 0; i < runs; i++)); do
  if [ ! -e "$tmp/$i.status" ]; then
    echo "  run $i: no status (the harness itself failed)"; failed=$((failed + 1)); continue
  fi
  read -r _ r status <"$tmp/$i.status"
  [ "$status" = 0 ] && continue
  failed=$((failed + 1))
  case $status in
    differs) echo "  run $i (region $r): its outputs differ from region $r's first run" ;;
    *) if [ "$status" -ge 128 ]; then
         echo "  run $i (region $r): killed by signal $((status - 128)) (exit $status)"
       else echo "  run $i (region $r): exit $status"; fi ;;
  esac
  head -5 "$tmp/$i.log" | sed 's/^/    /'
done
secs=$(($(date +%s) - start))
if [ $failed = 0 ]; then
  echo "stress: $runs runs, $par in parallel, 0 failed, ${secs}s"
else
  echo "stress: FAILED: $failed of $runs runs, $par in parallel, ${secs}s"
  exit 1
fi
