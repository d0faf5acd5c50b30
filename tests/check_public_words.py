#!/usr/bin/python3
"""check_public_words.py K DIR: a public report's or brief's order and words, read back as a
reader reads them (the CSV tables, the PDF by pdftotext, the workbook by openpyxl): nothing
in them may tell what a mark (`<K`, `x`) hides.

- order: a sorted table lists its rows by what it prints: a shown count by its value, every
  mark equal to every other, below the shown counts and above zero; rows that print the same
  by name (the first column, accents and case folded, `unknown` last);
- version: the cover (a brief's title block) and the About table of the PDF and the workbook
  say it is the public version and give K;
- prose: no sentence of the PDF or the checklist quotes a mark: no "x mujeres", "<3 hombres",
  "Ecuador x," or "(x)" (a count below K reads "menos de K", a hidden one is left out);
- percent: the total of a share column is not hidden when its whole is shown (it is 100 %);
- legend: the map's legend offers no class below K (no shown count can fall in it);
- charts: a workbook chart draws no hidden cell as a bar that reads as a number: each hidden
  point's label is its mark, and a note under the chart says so; a chart whose every bar is
  hidden is not drawn (the PDF and the workbook say so in a sentence);
Prints what is wrong and exits 1; silent when all holds."""
import csv, os, re, subprocess, sys, unicodedata, zipfile
import xml.etree.ElementTree as ET

import openpyxl
from openpyxl.utils import range_boundaries

k, out = int(sys.argv[1]), sys.argv[2]
problems = []
brief = os.path.exists(os.path.join(out, 'brief.pdf'))
doc = 'brief' if brief else 'report'


def read_csv(name):
    path = os.path.join(out, 'tables', name + '.csv')
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def pdf_text(layout=False):
    args = ['pdftotext'] + (['-layout'] if layout else []) + [os.path.join(out, doc + '.pdf'), '-']
    return subprocess.run(args, check=True, capture_output=True).stdout.decode()


def fold(s):
    s = unicodedata.normalize('NFKD', s)
    return ''.join(ch for ch in s if not unicodedata.combining(ch)).casefold()


def rank(v):
    """A printed cell's place, larger first: its count; a mark below any shown count but 0."""
    if v.startswith('<') or v == 'x':
        return 1
    return int(v) + 1 if int(v) else 0


# The tables sorted by their counts, and the columns they are sorted on (docs/report-tables.md).
SORTED = {
    'cases_by_region': ('cases', 'victims'), 'cases_by_city': ('cases', 'victims'),
    'victims_by_home': ('victims',), 'victims_by_nationality': ('victims',),
    'suspects_by_nationality': ('suspects',), 'victims_by_sex_age': ('victims',),
    'exploitation': ('victims',), 'victims_by_exploitation': ('victims',),
    'recruitment': ('cases',), 'transport': ('cases',), 'source': ('cases',),
    'status': ('cases',), 'assistance': ('victims',),
    'routes': ('cases', 'victims'), 'routes_region': ('cases', 'victims'),
}


def check_order():
    for name, cols in SORTED.items():
        rows = read_csv(name)
        if not rows:
            continue
        first = [c for c in rows[0] if not c.endswith('_code')][0]  # the name, not its code
        cols = [c for c in cols if c in rows[0]]
        prev = None
        for i, r in enumerate(rows):
            if 'total' in r.values() or r[first] == 'other':  # totals, small routes: after
                break
            name_key = (1, '') if r[first] == 'unknown' else (0, fold(r[first]))
            key = tuple(-rank(r[c]) for c in cols)
            if prev and (key < prev[0] or (key == prev[0] and name_key < prev[1])):
                problems.append('tables/%s.csv line %d: %s (%s) after %s: not the printed '
                                'order' % (name, i + 2, r[first], ', '.join(r[c] for c in cols),
                                           prev[2]))
            prev = (key, name_key, r[first])


def check_version():
    said = {'es': 'Versión pública: se ocultan los conteos menores que %d.' % k,
            'en': 'Public version: counts below %d are hidden.' % k}
    text = pdf_text()
    cover = text.split('\f')[0]
    if not any(s in cover for s in said.values()):
        problems.append('%s.pdf: the first page does not say it is the public version with '
                        'K = %d' % (doc, k))
    wb = openpyxl.load_workbook(os.path.join(out, doc + '.xlsx'))
    cells = [c.value for ws in wb.worksheets[:1] for row in ws.iter_rows(max_row=4) for c in row]
    if not any(v in said.values() for v in cells):
        problems.append('%s.xlsx: its first sheet does not open with the public version line'
                        % doc)
    if brief:
        return
    about = wb.worksheets[-1]
    if not any(c.value in said.values() for row in about.iter_rows() for c in row):
        problems.append('%s.xlsx: the About sheet does not say it is the public version' % doc)
    last = text.split('\f')[-2] if text.count('\f') > 1 else text
    if not any(s in last for s in said.values()):
        problems.append('%s.pdf: the About page does not say it is the public version' % doc)


MARK = r'(?:x|<\d+)'
WORDS = (r'mujer(?:es)?|hombres?|casos?|víctimas?|menores?|eran?|female|male|cases?|'
         r'victims?|women|men|minors?|were|was')
PROSE = [re.compile(r'(?<![\w<])%s (?:%s)\b' % (MARK, WORDS)),  # "x mujeres", "<3 hombres"
         re.compile(r'[^\W\d_] %s[,)]' % MARK),  # "Ecuador x," "Uruguay <3)"
         re.compile(r'\(%s\)' % MARK)]  # "(x)"


def check_prose():
    texts = [(doc + '.pdf', pdf_text())]
    if os.path.exists(os.path.join(out, 'checklist.txt')):
        with open(os.path.join(out, 'checklist.txt'), encoding='utf-8') as f:
            texts.append(('checklist.txt', f.read()))
    for name, text in texts:
        text = re.sub(r'\(<\d+ (?:o|or) x\)', '', text)  # the map's legend names the marks
        for pattern in PROSE:
            for m in pattern.finditer(text):
                line = text[text.rfind('\n', 0, m.start()) + 1:text.find('\n', m.end())]
                problems.append('%s: %r quotes a mark in prose: %s' % (name, m.group(0), line))


def check_percent():
    wb = openpyxl.load_workbook(os.path.join(out, doc + '.xlsx'))
    for ws in wb.worksheets:
        share = None
        rows = list(ws.iter_rows())
        for i, row in enumerate(rows):
            values = [c.value for c in row]
            if 'Porcentaje' in values or 'Share' in values:
                share = values.index('Porcentaje' if 'Porcentaje' in values else 'Share')
            elif share is not None and values and values[0] == 'Total':
                # The count the shares are of (a number or a formula): the base of the known
                # values written under the total, else the total.
                after = rows[i + 1][:2] if i + 1 < len(rows) else ()
                based = after and str(after[0].value).startswith(('Base de los', 'Base of the'))
                whole = after[1].value if based else values[1]
                if values[share] == 'x' and (isinstance(whole, (int, float)) or
                                             str(whole).startswith('=')):
                    problems.append('%s.xlsx %s!%s: the total of the shares of a shown whole '
                                    'is hidden (it is 100 %%)' % (doc, ws.title,
                                                                  row[share].coordinate))
                share = None


def check_legend():
    lines = [l.strip() for l in pdf_text(layout=True).split('\n')]
    for i, line in enumerate(lines):
        if line not in ('Casos', 'Cases'):
            continue
        for cls in lines[i + 1:i + 12]:
            m = re.match(r'^(\d+)(?:–\d+)?(?:\s{2,}.*)?$', cls)
            if cls in ('Sin casos', 'No cases'):
                break
            if m and int(m.group(1)) < k:
                problems.append('%s.pdf: the map legend offers the class %s, below K = %d'
                                % (doc, cls.split()[0], k))


NS = {'c': 'http://schemas.openxmlformats.org/drawingml/2006/chart',
      'a': 'http://schemas.openxmlformats.org/drawingml/2006/main'}
HIDDEN_BARS = ('En el gráfico, una cifra oculta no se dibuja', 'In the chart, a hidden count')
ALL_HIDDEN = ('No se dibuja este gráfico: todas sus cifras están ocultas.',
              'This chart is not drawn: all its counts are hidden.')


def is_mark(v):
    return isinstance(v, str) and (v == 'x' or re.fullmatch(r'<\d+', v) is not None)


def check_charts():
    path = os.path.join(out, doc + '.xlsx')
    wb = openpyxl.load_workbook(path)
    notes = {ws.title: any(isinstance(c.value, str) and c.value.startswith(HIDDEN_BARS)
                           for row in ws.iter_rows() for c in row) for ws in wb.worksheets}
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if re.match(r'xl/charts/chart\d+\.xml$', n))
        for name in charts:
            root = ET.fromstring(z.read(name))
            title = ''.join(t.text or '' for t in root.findall('c:chart/c:title//a:t', NS))
            drawn = hidden = 0
            for ser in root.iter('{%s}ser' % NS['c']):
                ref = ser.find('c:val/c:numRef/c:f', NS).text
                sheet, cells = ref.rsplit('!', 1)
                sheet = sheet.strip("'").replace("''", "'")
                lo_col, lo_row, hi_col, hi_row = range_boundaries(cells.replace('$', ''))
                values = [c.value for row in wb[sheet].iter_rows(lo_row, hi_row, lo_col, hi_col)
                          for c in row]
                labels = {int(d.find('c:idx', NS).get('val')):
                          ''.join(t.text or '' for t in d.iter('{%s}t' % NS['a']))
                          for d in ser.findall('c:dLbls/c:dLbl', NS)}
                for i, v in enumerate(values):
                    if is_mark(v):
                        hidden += 1
                        if labels.get(i) != v:
                            problems.append('%s.xlsx chart %r: point %d (%s) is a hidden cell '
                                            'drawn as a bar labelled %r' % (doc, title, i, v,
                                                                            labels.get(i)))
                    elif v not in (None, 0, '', 0.0):
                        drawn += 1
                if hidden and not notes.get(sheet):
                    problems.append('%s.xlsx chart %r: hidden bars, and no note says what they '
                                    'are' % (doc, title))
            if hidden and not drawn:
                problems.append('%s.xlsx chart %r: every bar is hidden, yet it is drawn'
                                % (doc, title))


for check in (check_order, check_version, check_prose, check_percent, check_legend,
              check_charts):
    check()
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
