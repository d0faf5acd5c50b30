#!/usr/bin/python3
"""check_bands.py OUT BANDS: a report run with --age-bands BANDS (Spanish report, English
checklist) prints every band, the unknown column and the right totals in every document: the
public CSV, the checklist's cable table, the workbook's and the PDF's table by sex and age.
Prints what is wrong and exits 1; silent when all holds."""
import csv, os, re, subprocess, sys

import openpyxl

out, bands = sys.argv[1], sys.argv[2].split(',')
names = bands + ['unknown']
sexes = ['female', 'male', 'unknown']
problems = []


def expect(what, got, want):
    if got != want:
        problems.append('%s:\n  got  %s\n  want %s' % (what, got, want))


def ints(line):
    """The counts of a table's line as printed: 1,234 in English, 1 234 in Spanish (pdftotext
    writes the narrow no-break space as a space; the PDF's columns are two spaces or more
    apart)."""
    counts = []
    for chunk in re.split(r'\s{2,}', line.strip()):
        if re.fullmatch(r'\d{1,3}(?: \d{3})+', chunk):
            counts.append(int(chunk.replace(' ', '')))
        else:
            counts += [int(w.replace(',', '')) for w in chunk.split()
                       if re.fullmatch(r'\d{1,3}(?:,\d{3})*|\d+', w)]
    return counts


with open(os.path.join(out, 'tables', 'victims_by_sex_age.csv'), encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
v = {(r['sex'], r['age_band']): int(r['victims']) for r in rows}
expect('CSV: every sex by every band and unknown', sorted(v), sorted((s, b) for s in sexes for b in names))
with open(os.path.join(out, 'tables', 'summary.csv'), encoding='utf-8') as f:
    summary = {r['metric']: int(r['value']) for r in csv.DictReader(f) if r['value'].isdigit()}
by_sex = {s: [v.get((s, b), 0) for b in names] for s in sexes}
expect('CSV: total', sum(v.values()), summary['victims'])

# The checklist: cases, victims, female, male, then each sex by band (unknown when any).
with open(os.path.join(out, 'checklist.txt'), encoding='utf-8') as f:
    text = f.read().split('\n')
i = text.index('Cases and victims by sex and age band')
shown = {s: [b for b in names if b != 'unknown' or v[(s, b)]] for s in ('female', 'male')}
labels = [b if b != 'unknown' else 'Unknown' for s in ('female', 'male') for b in shown[s]]
expect('checklist: columns', text[i + 2].split(), ['Cases', 'Victims', 'Female', 'Male'] + labels)
want = [summary['cases'], summary['victims'], sum(by_sex['female']), sum(by_sex['male'])]
want += [v[(s, b)] for s in ('female', 'male') for b in shown[s]]
expect('checklist: counts', ints(text[i + 4]), want)

# The workbook: the table by sex and age, its row totals and total row as formulas.
wb = openpyxl.load_workbook(os.path.join(out, 'report.xlsx'))
grid = None
for ws in wb:
    rs = list(ws.iter_rows())
    for k, r in enumerate(rs):
        if r[0].value == 'Sexo' and r[1].value == bands[0]:
            grid = rs[k:k + 5]
if not grid:
    problems.append('workbook: no table by sex and age band')
else:
    head = [c.value for c in grid[0] if c.value is not None]
    expect('workbook: columns', head, ['Sexo'] + bands + ['Sin dato', 'Total'])
    last = grid[0][len(head) - 2].column_letter  # the unknown column
    for k, s in enumerate(sexes):
        cells = grid[1 + k][:len(head)]
        row = cells[0].row
        expect('workbook: ' + s, [c.value for c in cells[1:-1]], by_sex[s])
        expect('workbook: ' + s + ' total', cells[-1].value, '=SUM(B%d:%s%d)' % (row, last, row))
    expect('workbook: total row', [c.value for c in grid[4][:len(head)]][1:],
           ['=SUM(%s%d:%s%d)' % (c.column_letter, grid[1][0].row, c.column_letter, grid[3][0].row)
            for c in grid[4][1:len(head)]])

# The PDF: every band in the header, each row and the total row whole.
pdf = subprocess.run(['pdftotext', '-layout', os.path.join(out, 'report.pdf'), '-'],
                     capture_output=True, text=True, check=True).stdout.split('\n')
# The title as laid out: pdftotext may indent it when a wider table shares its page.
i = [l.strip() for l in pdf].index('Víctimas por sexo y grupo de edad')
block = pdf[i + 1:i + 14]
header = ' '.join(l for l in block[:3]).split()
for b in bands:
    if b not in header:
        problems.append('PDF: no column ' + b)
lines = {l.split()[0] if not l.strip().startswith('Sin dato') else 'Sin dato': l
         for l in block if l.strip()}
for s, label in zip(sexes, ['Mujeres', 'Hombres', 'Sin dato']):
    expect('PDF: ' + s, ints(lines.get(label, '')), by_sex[s] + [sum(by_sex[s])])
cols = [sum(by_sex[s][k] for s in sexes) for k in range(len(names))]
expect('PDF: total row', ints(lines.get('Total', '')), cols + [summary['victims']])

if problems:
    print('\n'.join(problems))
    sys.exit(1)
