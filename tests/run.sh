#!/bin/bash
# run.sh TIPREPORT UNIT_TESTS: every test of the project (make test runs it twice: with the
# normal build and with the AddressSanitizer/UBSan build). Exits 1 when anything fails.
set -u
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
unit=$(realpath "$2")
check=$(dirname "$unit")/check_public   # built beside the unit tests, with the same flags
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
  if ! "$python" tests/compare_outputs.py "$d/expected" "$tmp/$name" >"$tmp/$name.diff"; then
    bad; head -60 "$tmp/$name.diff"; continue
  fi
  if [ -e "$tmp/$name/data_quality.csv" ]; then
    if ! "$python" tests/check_outputs.py "$tmp/$name" "$d/input"; then bad; continue; fi
    ok; continue
  fi
  # Public report or brief: a full run of the same input and options to read it against, and
  # the proof that no hidden count can be worked out.
  full=$(sed -e 's/^region [^ ]* /report /' -e 's/ --public//' "$d/args")
  if ! (cd "$d" && "$bin" $full -q -o "$tmp/$name.full") >"$tmp/$name.log" 2>&1 ||
     ! "$python" tests/check_outputs.py "$tmp/$name" "$d/input" "$tmp/$name.full"; then
    bad; cat "$tmp/$name.log"; continue
  fi
  if ! grep -q '^region ' "$d/args" &&
     ! "$python" tests/check_public_values.py "$bin" 3 "$tmp/$name" "$tmp/$name.full"; then bad; continue; fi
  if ! "$check" 3 "$tmp/$name/tables" >"$tmp/$name.check" 2>&1; then
    bad; cat "$tmp/$name.check"; continue
  fi
  ok "$(tail -1 "$tmp/$name.check" | sed 's/, 0 small counts shown//')"
done

# CORE_ONLY (the valgrind pass, 30 times slower): the unit tests, the functional cases and
# the error and hostile contracts; the steps that add runs of the same code are left to the
# other two passes.
if [ -z "${CORE_ONLY:-}" ]; then
# Public mode, read as a reader would. A journalist can hold the public report and every
# region's brief at once: check_public proves them safe together (BRIEFS, region codes, may
# narrow it: the sanitizer pass checks three).
step "public report and briefs together"
pubs="$tmp/public/tables" n=0
for r in ${BRIEFS:-$(seq -w 1 25)}; do
  "$bin" region "$r" input -q -o "$tmp/brief-$r" || { echo "region $r failed"; fail=1; }
  pubs="$pubs $r:$tmp/brief-$r/tables" n=$((n + 1))
done
if "$check" 3 $pubs >"$tmp/together.log" 2>&1; then ok "$n briefs"; else bad; tail -20 "$tmp/together.log"; fi

step "briefs read back (workbook, PDF)"
briefs_ok() { for r in ${BRIEFS:-$(seq -w 1 25)}; do "$python" tests/check_brief.py 3 "$tmp/brief-$r" || return 1; done; }
if briefs_ok && ! "$python" tests/check_brief.py 9 "$tmp/brief-cusco" >/dev/null; then ok; else bad; fi

# Every secondary "x" of the public sample is needed: shown as the full run's count, each one
# lets check_public work out a hidden count (so the check can fail, and nothing is overdone).
step "each secondary cell protects a count"
n=$("$python" tests/check_public_values.py "$bin" 3 "$tmp/public" "$tmp/public.full" --unhide 0 "$tmp/unhide")
failed=0
for ((i = 0; i < n; i++)); do
  rm -rf "$tmp/unhide"
  "$python" tests/check_public_values.py "$bin" 3 "$tmp/public" "$tmp/public.full" --unhide $i "$tmp/unhide" >/dev/null
  if "$check" 3 "$tmp/unhide/tables" >/dev/null 2>&1; then failed=$((failed + 1)); fi
done
if [ "$n" -gt 10 ] && [ $failed = 0 ]; then ok "$n cells"; else bad; echo "  $failed of $n unneeded"; fi

# A larger generated export, one year of it: the public report and (GENERATED_BRIEFS) briefs.
step "generated export: public outputs"
gen="$tmp/gen" one=(--from 2020-01-01 --to 2020-12-31)
pubs="$gen/public/tables"
gen_briefs() {
  for r in ${GENERATED_BRIEFS-08 15 21}; do
    "$bin" region $r "$gen/input" -q "${one[@]}" -o "$gen/$r" || return 1
    pubs="$pubs $r:$gen/$r/tables"
  done
}
if mkdir -p "$gen" && build/genexport 20000 "$gen/input" >/dev/null &&
   "$bin" report "$gen/input" -q "${one[@]}" -o "$gen/full" &&
   "$bin" report "$gen/input" -q --public "${one[@]}" -o "$gen/public" &&
   "$python" tests/check_public_values.py "$bin" 3 "$gen/public" "$gen/full" &&
   "$python" tests/check_outputs.py "$gen/public" "$gen/input" "$gen/full" &&
   gen_briefs && "$check" 3 $pubs >"$gen/check.log" 2>&1; then
  ok "$(tail -1 "$gen/check.log" | sed 's/, 0 small counts shown//')"
else bad; tail -20 "$gen/check.log" 2>/dev/null; fi

# As many age bands as allowed (MAX_BANDS, 16): every band, unknown and the totals in the
# CSV, the checklist, the workbook and the PDF.
step "16 age bands in every document"
bands=0-4,5-9,10-14,15-17,18-20,21-24,25-29,30-34,35-39,40-44,45-49,50-54,55-59,60-64,65-69,70+
if "$bin" report "$gen/input" -q --age-bands "$bands" -o "$gen/bands" &&
   "$python" tests/check_bands.py "$gen/bands" "$bands"; then ok; else bad; fi

fi

step "error contract"
if out=$(tests/run_errors.sh "$bin" 2>&1); then ok "$(echo "$out" | tail -1 | sed 's/errors contract: //')"; else bad; echo "$out"; fi

# Hostile input (tests/hostile.tsv): a clear message and exit code for each, never a crash
# or a hang; those that give a report account for every row (check_outputs.py).
step "hostile corpus"
if out=$(SKIP_CASES=${CORE_ONLY:+100 MB} tests/run_errors.sh "$bin" hostile 2>&1); then ok "$(echo "$out" | tail -1 | sed 's/hostile contract: //')"; else bad; echo "$out"; fi
[ -n "${CORE_ONLY:-}" ] && exit $fail
step "hostile corpus: reports reconcile"
n=0 failed=""
for d in tests/hostile/*/; do
  name=$(basename "$d")
  "$bin" report "$d" -q -o "$tmp/hostile-$name" 2>/dev/null || continue
  n=$((n + 1))
  "$python" tests/check_outputs.py "$tmp/hostile-$name" "$d" || failed="$failed $name"
done
if [ -z "$failed" ] && [ $n -ge 10 ]; then ok "$n reports"; else bad; echo " $failed"; fi

# Output faults: a full disk (files may not grow past 100 KB: ulimit -f, SIGXFSZ ignored),
# folders that cannot be written, an input file that cannot be read. Each gives its message
# and exit code, and the report already in place stays as it was, with no staging left.
# Root can write anywhere: those cases run as nobody (setpriv, util-linux), with copies of the
# program, templates and input that nobody can read wherever the clone is.
as_nobody() {
  if [ "$(id -u)" = 0 ]; then
    TIPREPORT_TEMPLATES=$tmp/faults/templates setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
  else TIPREPORT_TEMPLATES=$tmp/faults/templates "$@"; fi
}
expect_fail() {  # CODE MESSAGE COMMAND...: exit code and stderr exactly
  local code=$1 want=$2 got; shift 2
  got=$("$@" 2>&1 >/dev/null); local rc=$?
  [ "$rc" = "$code" ] && [ "$got" = "$want" ] && return 0
  echo "  $*: exit $rc, expected $code"; echo "    got:  $got"; echo "    want: $want"; return 1
}
faults() {
  local d=$tmp/faults
  mkdir -p "$d" && chmod 755 "$tmp" "$d" || return 1
  "$bin" report input -q -o "$d/good" && cp -a "$d/good" "$d/copy" || return 1
  expect_fail 5 "tipreport: $d/good/report.xlsx: cannot write the workbook: File too large" \
    bash -c "trap '' XFSZ; ulimit -f 100; exec \"\$@\"" - "$bin" report input -q -o "$d/good" || return 1
  expect_fail 5 "tipreport: $d/good/brief.xlsx: cannot write the workbook: File too large" \
    bash -c "trap '' XFSZ; ulimit -f 20; exec \"\$@\"" - "$bin" region Cusco input -q -o "$d/good" || return 1
  diff -r "$d/good" "$d/copy" >/dev/null && [ -z "$(ls -A "$d/good" | grep '^\.')" ] ||
    { echo "  the previous report changed, or staging was left"; return 1; }
  cp "$bin" "$d/tipreport" && cp -r templates "$d/templates" && cp -r input "$d/in" &&
    chmod -R a+rX "$d" || return 1
  mkdir "$d/ro" && cp -a "$d/good" "$d/ro/good" && chmod 555 "$d/ro" "$d/ro/good" || return 1
  expect_fail 5 "tipreport: $d/ro/out: cannot create the output folder: Permission denied" \
    as_nobody "$d/tipreport" report "$d/in" -q -o "$d/ro/out" || return 1
  expect_fail 5 "tipreport: $d/ro/good: cannot write in the output folder: Permission denied" \
    as_nobody "$d/tipreport" report "$d/in" -q -o "$d/ro/good" || return 1
  diff -r "$d/ro/good" "$d/copy" >/dev/null || { echo "  the read-only report changed"; return 1; }
  chmod 000 "$d/in/casos.csv" || return 1
  expect_fail 3 "tipreport: $d/in/casos.csv: cannot open: Permission denied" \
    as_nobody "$d/tipreport" validate "$d/in" || return 1
  "$bin" report input -q -o "$d/new/a/b" && [ -s "$d/new/a/b/report.pdf" ] ||
    { echo "  a missing output folder (and its parents) is not made"; return 1; }
}
step "output faults"
if faults; then ok; else bad; fi

# The sections of the annual report (sheets, PDF headings and bookmarks), as the definitions
# name them.
es_sections=(Resumen Magnitud "Persecución del delito" "Protección y asistencia" "Prevención"
             "Categorías de UNODC" "Informe TIP de EE. UU." "Calidad de los datos" "Acerca de")
en_sections=(Summary Magnitude Prosecution "Protection and assistance" Prevention
             "UNODC categories" "US TIP report" "Data quality" About)

# The workbook read back by openpyxl, in both languages (sheet names from the definitions).
step "workbook (es) read back"
if "$python" tests/check_workbook.py "$tmp/sample" input es "${es_sections[@]}"; then ok; else bad; fi
step "workbook (en) read back"
if "$bin" report input -q --lang en -o "$tmp/english" &&
   "$python" tests/check_workbook.py "$tmp/english" input en "${en_sections[@]}"; then ok; else bad; fi

step "workbook (public) read back"
if "$python" tests/check_workbook.py "$tmp/public" input es "${es_sections[@]}"; then ok; else bad; fi

step "workbook (en, no suspects) read back"
if (cd tests/functional/options && "$bin" $(cat args) -q --lang en -o "$tmp/options-en") &&
   "$python" tests/check_workbook.py "$tmp/options-en" tests/functional/options/input en \
     "${en_sections[@]}"; then ok; else bad; fi

# The PDF read back with poppler-utils: the sample in both languages, and an export with one
# region, no routes and no suspects, whose document must still make sense.
step "PDF (es) read back"
if "$python" tests/check_pdf.py "$tmp/sample" es "${es_sections[@]}"; then ok; else bad; fi
step "PDF (en) read back"
if "$python" tests/check_pdf.py "$tmp/english" en "${en_sections[@]}"; then ok; else bad; fi
step "PDF (public) read back"
if "$python" tests/check_pdf.py "$tmp/public" es "${es_sections[@]}"; then ok; else bad; fi
step "PDF (one region, no routes) read back"
if "$python" tests/check_pdf.py "$tmp/sparse" es "${es_sections[@]}" &&
   pdftotext "$tmp/sparse/report.pdf" - | tr '\n' ' ' | grep -q "Los datos no registran presuntos tratantes" &&
   ! pdftotext "$tmp/sparse/report.pdf" - | grep -q "ninguno"; then ok; else bad; fi

# Definitions and labels are data: an edited copy changes the output, no recompiling.
step "edited templates change the output"
cp -r templates "$tmp/templates"
sed -i 's/^== summary: Resumen$/== summary: Resumen ejecutivo/' "$tmp/templates/reports/annual-report.es.txt"
sed -i 's/^=== A. Laws against trafficking$/=== A. Anti-trafficking laws/' "$tmp/templates/reports/checklist.en.txt"
sed -i 's/^female = Mujeres$/female = Femenino/' "$tmp/templates/labels/es.ini"
if "$bin" report input -q --templates "$tmp/templates" -o "$tmp/edited" &&
   "$python" -c "
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1] + '/report.xlsx')
assert wb.sheetnames[0] == 'Resumen ejecutivo', wb.sheetnames
assert any(c.value == 'Femenino' for row in wb['Magnitud'].iter_rows() for c in row)
" "$tmp/edited" && grep -q "^A. Anti-trafficking laws$" "$tmp/edited/checklist.txt"; then ok; else bad; fi

# Values from the input that look like formulas stay text in the workbook.
step "formula-like values stay text"
mkdir -p "$tmp/formula"
printf 'case_id,reported_on,region\nC1,2007-05-01,=HYPERLINK("x")\nC2,2007-05-01,@SUM(1)\n' > "$tmp/formula/cases.csv"
printf 'victim_id,case_id,age\nV1,C1,=1+1\nV2,C2,+5\n' > "$tmp/formula/victims.csv"
if "$bin" report "$tmp/formula" -q -o "$tmp/formula/out" && "$python" -c "
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1] + '/report.xlsx')
cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
hostile = [c for c in cells if c.value.lstrip(\"'\").startswith(('=HYPERLINK', '@SUM', '=1+1', '+5'))]
assert len(hostile) == 4 and all(c.data_type == 's' for c in hostile), [(c.value, c.data_type) for c in hostile]
" "$tmp/formula/out"; then ok; else bad; fi

step "sample: the 2008 figures"
if "$python" tests/sample_figures.py "$tmp/sample"; then ok; else bad; fi

# A second later: nothing may depend on the clock (the PDF's and workbook's dates are pinned).
step "same input, same bytes"
sleep 1
if "$bin" report input -q -o "$tmp/again" && diff -r "$tmp/sample" "$tmp/again" >/dev/null; then ok; else bad; fi

step "validate writes nothing"
before=$(find . -newer "$tmp/again" -type f -not -path './build/*' | wc -l)
if "$bin" validate input >/dev/null 2>&1 && [ "$(find . -newer "$tmp/again" -type f -not -path './build/*' | wc -l)" = "$before" ]; then ok; else bad; fi

step "README lists the Makefile's packages"
pk=$(sed -n 's/^PACKAGES = //p' Makefile)
if grep -qF "$pk" README.md; then ok; else bad; echo "  Makefile: $pk"; fi

step "country names mean one country each"
if "$python" tests/check_places.py; then ok; else bad; fi

step "docs cover every alias and table"
if "$python" tests/check_docs.py "$bin"; then ok; else bad; fi

exit $fail
