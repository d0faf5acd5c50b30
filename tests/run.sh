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
  if ! "$python" tests/compare_outputs.py "$d/expected" "$tmp/$name" >"$tmp/$name.diff"; then
    bad; head -60 "$tmp/$name.diff"; continue
  fi
  if ! "$python" tests/check_outputs.py "$tmp/$name" "$d/input"; then bad; continue; fi
  ok
done

step "error contract"
if out=$(tests/run_errors.sh "$bin" 2>&1); then ok "$(echo "$out" | tail -1 | sed 's/error contract: //')"; else bad; echo "$out"; fi

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

step "docs cover every profile alias"
if "$python" tests/check_docs.py; then ok; else bad; fi

exit $fail
