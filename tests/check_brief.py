#!/usr/bin/python3
"""check_brief.py K DIR: a region brief as a journalist reads it (the workbook by openpyxl, the
PDF by pdftotext), beside the CSV tables that check_public proves safe.

- no count from 1 to K-1 in any cell of the brief's sheet (changes between two published
  counts excepted: they are differences, not counts of people);
- no number from 1 to K-1 before a word that counts people or cases in the PDF's text;
- the workbook's cases and victims are the summary.csv's, marks included;
- a brief with no cases, or too few to publish, says so and prints no table.
Prints what is wrong and exits 1; silent when all holds."""
import csv, os, re, subprocess, sys

import openpyxl

k, out = int(sys.argv[1]), sys.argv[2]
problems = []
wb = openpyxl.load_workbook(os.path.join(out, 'brief.xlsx'))
ws = wb.worksheets[0]
text = subprocess.run(['pdftotext', os.path.join(out, 'brief.pdf'), '-'], check=True,
                      capture_output=True).stdout.decode()
with open(os.path.join(out, 'tables', 'summary.csv'), encoding='utf-8', newline='') as f:
    summary = {r['metric']: r['value'] for r in csv.DictReader(f)}

DIFF = ('Variación', 'Variación %', 'Change', 'Change %')
header = None
for row in ws.iter_rows():
    values = [c.value for c in row]
    if values and values[0] in ('Indicador', 'Indicator', 'Sexo', 'Sex', 'Finalidad', 'Form',
                                'Origen', 'Origin'):
        header = values
        continue
    for i, c in enumerate(row):
        if header and i < len(header) and header[i] in DIFF:
            continue
        if isinstance(c.value, (int, float)) and c.value == int(c.value) and 1 <= c.value < k:
            problems.append('brief.xlsx %s: %s, a count below %d' % (c.coordinate, c.value, k))

words = (r'casos?|víctimas?|mujer(?:es)?|hombres?|niñ[oa]s?|menores|'
         r'cases?|victims?|wom[ae]n|m[ae]n|girls?|boys?|minors?')
for m in re.finditer(r'(?<![\d.,])(\d+)\s+(?:%s)\b' % words, text):
    if 1 <= int(m.group(1)) < k:
        problems.append('brief.pdf: %r, a count below %d' % (m.group(0), k))

rows = {r[0].value: [c.value for c in r[1:]] for r in ws.iter_rows() if r[0].value}
shown = lambda v: v if isinstance(v, str) else '%d' % v
if 'Indicador' in rows or 'Indicator' in rows:
    for metric, labels in (('cases', ('Casos registrados', 'Registered cases')),
                           ('victims', ('Víctimas', 'Victims'))):
        got = [rows[l][0] for l in labels if l in rows]
        if got != [None] and [shown(v) for v in got] != [summary[metric]]:
            problems.append('brief.xlsx %s: %s, summary.csv %s' % (metric, got, summary[metric]))
else:  # no cases, or too few to publish: a plain sentence, and no table
    why = r'no registró casos|registered no' if summary['cases'] == '0' else \
        r'menos de %d|fewer than %d' % (k, k)
    if not re.search(why, text.replace('\n', ' ')):
        problems.append('a brief with no table does not say why')
    # The region's cases and victims as the public report prints them, nothing more.
    if sorted(set(os.listdir(os.path.join(out, 'tables'))) - {'previous'}) != ['summary.csv'] or \
            sorted(summary) != ['cases', 'period_from', 'period_to', 'victims']:
        problems.append('a brief with no breakdown has more than totals: %s' % summary)

for p in problems:
    print('%s: %s' % (out, p))
sys.exit(1 if problems else 0)
