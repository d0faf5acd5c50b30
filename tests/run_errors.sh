#!/bin/bash
# run_errors.sh TIPREPORT [SUITE]: checks every line of tests/SUITE.tsv (default errors: exit
# code and exact stderr), run in tests/SUITE/; SUITE/generate.py, when there is one, writes the
# inputs too big for git into a temporary folder that the lines call GEN. Each failing case
# prints FAILED with its name; the last line counts the cases; exits 1 when any failed.
# SKIP_CASES=TEXT leaves out the cases whose name holds TEXT, SKIP_CODE=N those of exit N.
set -u
bin=$(realpath "$1")
suite=${2:-errors}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
templates=$(cd "$here/../templates" && pwd)
if [ -x "$here/$suite/generate.py" ]; then
  "$here/$suite/generate.py" "$out/gen" || { echo "FAILED: $suite/generate.py"; exit 1; }
fi
failed=0 n=0 skipped=0
while IFS=$'\t' read -r name code args want; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ -n "${SKIP_CASES:-}" && "$name" == *"$SKIP_CASES"* ]] && { skipped=$((skipped + 1)); continue; }
  [[ -n "${SKIP_CODE:-}" && "$code" == "$SKIP_CODE" ]] && { skipped=$((skipped + 1)); continue; }
  n=$((n + 1))
  args=${args//GEN/$out/gen}
  args=${args//OUT/$out}
  want=${want//TEMPLATES/$templates}
  want=${want//GEN/$out/gen}
  [[ "$args" == "-" ]] && args=""
  # sh -c: redirections in args apply to the program; stderr is what is compared.
  got=$(cd "$here/$suite" && TIPREPORT_TEMPLATES="$templates" timeout 120 sh -c "\"$bin\" $args" 2>&1 1>/dev/null)
  rc=$?
  want=$(printf '%b' "$want")
  if [[ "$rc" != "$code" || "$got" != "$want" ]]; then
    failed=$((failed + 1))
    echo "FAILED $name: exit $rc (expected $code)"
    diff <(echo "$want") <(echo "$got") | sed 's/^/    /'
  fi
done < "$here/$suite.tsv"
skips=""
[ $skipped = 0 ] || skips=", $skipped skipped (${SKIP_CASES:+SKIP_CASES=$SKIP_CASES}${SKIP_CASES:+${SKIP_CODE:+, }}${SKIP_CODE:+SKIP_CODE=$SKIP_CODE})"
if [ $failed != 0 ] || [ $n = 0 ]; then
  echo "FAILED: $suite contract: $failed of $n cases failed$skips"
  exit 1
fi
echo "$suite contract: $n cases$skips"
