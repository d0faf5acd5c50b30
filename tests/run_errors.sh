#!/bin/bash
# run_errors.sh TIPREPORT: checks every line of tests/errors.tsv (exit code and exact stderr).
set -u
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
templates=$(cd "$here/../templates" && pwd)
fail=0 n=0
while IFS=$'\t' read -r name code args want; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  n=$((n + 1))
  args=${args//OUT/$out}
  want=${want//TEMPLATES/$templates}
  [[ "$args" == "-" ]] && args=""
  # sh -c: redirections in args apply to the program; stderr is what is compared.
  got=$(cd "$here/errors" && TIPREPORT_TEMPLATES="$templates" sh -c "\"$bin\" $args" 2>&1 1>/dev/null)
  rc=$?
  want=$(printf '%b' "$want")
  if [[ "$rc" != "$code" || "$got" != "$want" ]]; then
    fail=1
    echo "FAIL $name: exit $rc (expected $code)"
    diff <(echo "$want") <(echo "$got") | sed 's/^/    /'
  fi
done < "$here/errors.tsv"
echo "error contract: $n cases"
exit $fail
