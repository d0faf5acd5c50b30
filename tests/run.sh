#!/bin/bash
# run.sh TIPREPORT UNIT_TESTS: every test of the project (make test runs it twice: with the
# normal build and with the AddressSanitizer/UBSan build). Exits 1 when anything fails.
set -u
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
unit=$(realpath "$2")
python=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
step() { printf '%-40s' "$1"; }
ok() { echo "ok${1:+ ($1)}"; }
bad() { echo "FAILED"; fail=1; }

step "unit tests"
if out=$("$unit" templates 2>&1); then ok "$(echo "$out" | tail -1 | sed 's/unit tests: //')"; else bad; echo "$out"; fi

# Functional cases: tests/functional/NAME/{args,input/,expected/}. The whole output
# folder must equal expected/ (reviewed goldens), and hold the checks of check_outputs.py.
for d in tests/functional/*/; do
  name=$(basename "$d")
  step "functional: $name"
  if ! (cd "$d" && "$bin" $(cat args) -q -o "$tmp/$name") >"$tmp/$name.log" 2>&1; then
    bad; cat "$tmp/$name.log"; continue
  fi
  if ! diff -ru "$d/expected" "$tmp/$name" >"$tmp/$name.diff"; then
    bad; head -40 "$tmp/$name.diff"; continue
  fi
  if ! "$python" tests/check_outputs.py "$tmp/$name" "$d/input"; then bad; continue; fi
  ok
done

step "error contract"
if out=$(tests/run_errors.sh "$bin" 2>&1); then ok "$(echo "$out" | tail -1 | sed 's/error contract: //')"; else bad; echo "$out"; fi

step "sample: the 2008 figures"
if "$python" tests/sample_figures.py "$tmp/sample"; then ok; else bad; fi

step "same input, same bytes"
if "$bin" report input -q -o "$tmp/again" && diff -r "$tmp/sample" "$tmp/again" >/dev/null; then ok; else bad; fi

step "validate writes nothing"
before=$(find . -newer "$tmp/again" -type f -not -path './build/*' | wc -l)
if "$bin" validate input >/dev/null 2>&1 && [ "$(find . -newer "$tmp/again" -type f -not -path './build/*' | wc -l)" = "$before" ]; then ok; else bad; fi

step "README lists the Makefile's packages"
pk=$(sed -n 's/^PACKAGES = //p' Makefile)
if grep -qF "$pk" README.md; then ok; else bad; echo "  Makefile: $pk"; fi

step "country names mean one country each"
if "$python" tests/check_places.py; then ok; else bad; fi

step "docs cover every profile alias"
if "$python" tests/check_docs.py; then ok; else bad; fi

exit $fail
