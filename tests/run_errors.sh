#!/bin/bash
# run_errors.sh TIPREPORT [SUITE]: checks every line of tests/SUITE.tsv (default errors: exit
# code and exact stderr), run in tests/SUITE/; SUITE/generate.py, when there is one, writes the
# inputs too big for git into a temporary folder that the lines call GEN.
set -u
bin=$(realpath "$1")
suite=${2:-errors}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
templates=$(cd "$here/../templates" && pwd)
if [ -x "$here/$suite/generate.py" ]; then
  "$here/$suite/generate.py" "$out/gen" || { echo "$suite/generate.py failed"; exit 1; }
fi
fail=0 n=0 skipped=0
while IFS=$'\t' read -r name code args want; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ -n "${SKIP_CASES:-}" && "$name" == *"$SKIP_CASES"* ]] && { skipped=$((skipped + 1)); continue; }
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
    fail=1
    echo "FAIL $name: exit $rc (expected $code)"
    diff <(echo "$want") <(echo "$got") | sed 's/^/    /'
  fi
done < "$here/$suite.tsv"
echo "$suite contract: $n cases${SKIP_CASES:+, $skipped skipped (SKIP_CASES=$SKIP_CASES)}"
exit $fail
