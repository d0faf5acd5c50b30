#!/usr/bin/python3
"""check_checklist.py OUT: the sample's checklist.txt read back follows the questionnaire: its
parts are Para 27 A-E, Para 28 A-M, Para 29 A-K and Para 30 A-G, in that order, each letter a
question in one line with an answer or a gap under it; and Para 28 F carries the traffickers
identified per year as the 2008 cable gave them. Prints what is wrong and exits 1; silent when
all holds."""
import csv, os, re, string, sys

out = sys.argv[1]
# The questionnaire's parts and their letters (the State Department's 2008 instructions, as the
# Lima embassy's cable 08LIMA395 answers them).
PARTS = [(27, 'ABCDE'), (28, 'ABCDEFGHIJKLM'), (29, 'ABCDEFGHIJK'), (30, 'ABCDEFG')]
# Para 28 F of the cable: traffickers identified per year, 2004 to 2008 (2008 to 15 February),
# and of them detained; the sample's suspects_by_year.csv holds the same.
IDENTIFIED = {'2004': 8, '2005': 14, '2006': 39, '2007': 96, '2008': 12}
DETAINED = {'2004': 3, '2005': 6, '2006': 10, '2007': 36, '2008': 5}
problems = []

with open(os.path.join(out, 'checklist.txt'), encoding='utf-8') as f:
    lines = f.read().split('\n')

# A part is a heading underlined with '='; a letter is "X. question" alone between blank lines
# (a question wrapped over two lines is not one line).
parts, letters = [], {}  # [para], {para: [(letter, question, body lines)]}
for i, line in enumerate(lines):
    under = lines[i + 1] if i + 1 < len(lines) else ''
    if under and set(under) == {'='} and len(under) == len(line):
        m = re.fullmatch(r'PARA (\d+): .+', line)
        if not m:
            problems.append('part heading without its Para: %r' % line)
            continue
        parts.append(int(m.group(1)))
        letters[parts[-1]] = []
        continue
    m = re.fullmatch(r'([A-Z])\. (.*)', line)
    if m and parts and lines[i - 1] == '' and under == '':
        letters[parts[-1]].append((m.group(1), m.group(2).strip(), []))
    elif parts and letters[parts[-1]] and line and set(line) != {'='}:
        letters[parts[-1]][-1][2].append(line)

if parts != [p for p, _ in PARTS]:
    problems.append('parts: got %s, want %s' % (parts, [p for p, _ in PARTS]))
for para, want in PARTS:
    got = ''.join(l for l, _, _ in letters.get(para, []))
    if got != want:
        problems.append('Para %d: letters %s, want %s' % (para, got or '(none)', want))
    for letter, question, body in letters.get(para, []):
        if not question:
            problems.append('Para %d %s: no question' % (para, letter))
        if not body:
            problems.append('Para %d %s: nothing under the question' % (para, letter))

# Para 28 F: the table of suspects per year, and the sentence on detentions.
f_body = next((b for l, _, b in letters.get(28, []) if l == 'F'), [])
by_year, detained, header = {}, {}, None
for line in f_body:
    words = line.split()
    if words[:2] == ['Year', 'Identified']:
        header = words
    elif header and words and re.fullmatch(r'\d{4}', words[0]):
        by_year[words[0]] = int(words[1])
        detained[words[0]] = int(words[header.index('Detained')])
if by_year != IDENTIFIED:
    problems.append('Para 28 F: identified per year %s, want %s' % (by_year, IDENTIFIED))
if detained != DETAINED:
    problems.append('Para 28 F: detained per year %s, want %s' % (detained, DETAINED))
for column in ('Female', 'Male', 'Peruvian', 'Foreign', 'Detained'):
    if not header or column not in header:
        problems.append('Para 28 F: no column %s (by sex, nationality, detentions)' % column)
if '169 suspects were identified' not in ' '.join(f_body) or \
        '60 were detained' not in ' '.join(f_body):
    problems.append('Para 28 F: the sentence of 169 identified and 60 detained is missing')
with open(os.path.join(out, 'tables', 'suspects_by_year.csv'), encoding='utf-8') as f:
    table = {r['year']: int(r['identified']) for r in csv.DictReader(f)}
if table != IDENTIFIED:
    problems.append('suspects_by_year.csv: %s, want %s' % (table, IDENTIFIED))

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
