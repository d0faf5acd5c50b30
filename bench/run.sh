#!/bin/sh
# run.sh N: times tipreport on a generated canonical export of N victims (N/2.5 cases, N/10
# suspects), and DuckDB computing the same tables from the same files, side by side.
# Then tipreport on a national-size MININTER file (indicator-shaped, 200,000 rows: the real
# Lambayeque extract repeated, each copy its own region and police stations).
# Prints figures; asserts nothing (timings on shared machines are noisy).
set -eu
cd "$(dirname "$0")/.."
n=${1:-1000000}
runs=${RUNS:-3}
dir=build/bench/export-$n
if [ ! -f "$dir/suspects.csv" ]; then
  echo "generating $n victims in $dir ..."
  mkdir -p build/bench && build/genexport "$n" "$dir"
fi
size=$(du -sm "$dir" | cut -f1)
echo "export: $n victims, $((n * 2 / 5)) cases, $((n / 10)) suspects, $size MB of CSV; $(nproc) cores"
log=build/bench/measure-$n.tsv
rm -f "$log"
export MEASURE_LOG=$log
bench/measure.py "$runs" "libcsv alone (floor)" build/parse_floor "$dir"/cases.csv \
  "$dir"/victims.csv "$dir"/suspects.csv
bench/measure.py "$runs" "tipreport report" ./tipreport report "$dir" -o build/bench/out-$n \
  --from 2005-01-01 --to 2024-12-31 -q
awk -F'\t' 'NR == 1 { f = $2 } NR == 2 { printf "tipreport / floor: %.1fx\n", $2 / f }' "$log"
# Public mode: the report protected, and a brief (which protects the report and all 25 briefs).
bench/measure.py "$runs" "tipreport report --public" ./tipreport report "$dir" --public \
  -o build/bench/public-$n --from 2005-01-01 --to 2024-12-31 -q
bench/measure.py "$runs" "tipreport region Cusco" ./tipreport region Cusco "$dir" \
  -o build/bench/brief-$n --from 2005-01-01 --to 2024-12-31 -q
bench/measure.py "$runs" "tipreport region Cusco, 2020" ./tipreport region Cusco "$dir" \
  -o build/bench/brief1-$n --from 2020-01-01 --to 2020-12-31 -q
# Every brief at once (issue 13): the sample's public report and its 25 briefs, protected
# together, against a plain report of the sample (target: at most 10 times).
bench/measure.py "$runs" "sample: tipreport report" ./tipreport report input \
  -o build/bench/sample -q
bench/measure.py "$runs" "sample: tipreport region all" ./tipreport region all input \
  --any-period -o build/bench/sample-briefs --ledger build/bench/sample-ledger.tsv -q
awk -F'\t' '$1 == "sample: tipreport report" { f = $2 }
             $1 == "sample: tipreport region all" { printf "region all / report: %.1fx\n", $2 / f }' "$log"
mininter=build/bench/mininter-200000.csv
if [ ! -f "$mininter" ]; then
  mkdir -p build/bench
  # 31 copies of the 6,563 data rows (203,453), cut at 200,000 rows, copy k in region k % 25 + 1.
  awk -F';' -v OFS=';' 'NR == 1 { head = $0; next } { row[++n] = $0 }
    END { print head; out = 0
          for (k = 0; out < 200000; k++)
            for (i = 1; i <= n && out < 200000; i++) {
              $0 = row[i]; $3 = k % 25 + 1; $7 = $7 " " k; print; out++ } }' \
    ../shared/data/sources/mininter_trata_lambayeque.csv >"$mininter"
fi
bench/measure.py "$runs" "tipreport MININTER 200,000 rows" ./tipreport report \
  "$mininter" -p mininter -o build/bench/mininter-out -q
if command -v node >/dev/null 2>&1; then
  if [ ! -d bench/node_modules/@duckdb/node-api ]; then
    (cd bench && npm install --no-audit --no-fund --silent >/dev/null 2>&1) ||
      echo "(npm install failed: DuckDB skipped)"
  fi
  if [ -d bench/node_modules/@duckdb/node-api ]; then
    bench/measure.py "$runs" "DuckDB (node, 2 threads)" node bench/duckdb_tables.mjs "$dir" \
      build/bench/duck-$n 2005-01-01 2024-12-31
    # The same numbers, or the comparison means nothing.
    if cmp -s build/bench/out-$n/tables/cases_by_region.csv build/bench/duck-$n/cases_by_region.csv; then
      echo "cases_by_region.csv: identical in both"
    else
      echo "cases_by_region.csv DIFFERS between tipreport and DuckDB"
    fi
  fi
else
  echo "(node not found: DuckDB skipped)"
fi
