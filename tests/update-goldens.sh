#!/bin/bash
# update-goldens.sh NAME...: rewrites tests/functional/NAME/expected from the current build.
# Review the diff (git diff tests/functional) before committing: goldens are hand-checked.
set -eu
cd "$(dirname "$0")/.."
for name in "$@"; do
  d=tests/functional/$name
  rm -rf "$d/expected"
  ledger=()  # each case's releases alone, in a ledger thrown away
  case " $(cat "$d/args") " in *" --public "*|" region "*) ledger=(--ledger "$(mktemp -u)") ;; esac
  (cd "$d" && ../../../tipreport $(cat args) -q -o expected "${ledger[@]}")
  # A PDF's golden is its text, an HTML page's too (tests/compare_outputs.py).
  for pdf in "$d"/expected/*.pdf; do
    pdftotext -layout "$pdf" "$pdf.txt"
    rm "$pdf"
  done
  for page in "$d"/expected/*.html; do
    python3 tests/html_text.py "$page" >"$page.txt"
    rm "$page"
  done
done
