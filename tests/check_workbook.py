#!/usr/bin/python3
"""check_workbook.py OUT INPUT LANG SHEETS...: reads OUT/report.xlsx with openpyxl (an
independent reader) and checks it against OUT/tables/*.csv:

- the sheets are SHEETS, in that order;
- every figure of every table the workbook names (t_<table>) equals the CSV table's, labels
  mapped back to codes through templates/labels/LANG.ini;
- every total row holds SUM formulas whose cached values equal the sums of the cells above;
- public mode: a formula refers only to published cells (numbers, never a mark);
- a chart part per chart of the definition (counted in the package), and the map as a PNG
  picture of the right size, described by its title;
- the manifest's SHA-256 of each input file equals the file's;
- the document's creation date is the data's date (pinned), not today.
Prints what is wrong; exits 1 when anything is."""
import configparser, csv, datetime, hashlib, os, re, struct, sys, zipfile

import openpyxl

out, inp, lang, sheets = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
path = os.path.join(out, 'report.xlsx')
problems = []
wb = openpyxl.load_workbook(path)                  # formulas as written
wv = openpyxl.load_workbook(path, data_only=True)  # the values cached beside them
labels = configparser.ConfigParser(interpolation=None, strict=False)
labels.optionxform = str
labels.read(os.path.join('templates', 'labels', lang + '.ini'), encoding='utf-8')


def csv_table(name):
    with open(os.path.join(out, 'tables', name + '.csv'), encoding='utf-8') as f:
        return list(csv.DictReader(f))


def code_of(section, label):
    for code, text in labels[section].items():
        if text == label:
            return code
    return None


def val(x):
    """A CSV count: a number, or in public mode its mark ("<3", "x") as the workbook prints it."""
    return int(x) if x.isdigit() else x


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def expect(what, got, want):
    if not same(got, want):
        problems.append('%s: %r, expected %r' % (what, got, want))


if wb.sheetnames != sheets:
    problems.append('sheets %s, expected %s' % (wb.sheetnames, sheets))

countries = {}
with open('templates/places/countries.csv', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        countries[r['name_es'] if lang == 'es' else r['name']] = r['name']
countries[labels['word']['unknown']] = 'unknown'


def ranges():
    """name -> (sheet, first row, last row, first col, last col), 1-based."""
    out_ = {}
    for dn in wb.defined_names.definedName:
        m = re.match(r"'?(.*?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$", dn.attr_text)
        sheet = m.group(1).replace("''", "'")
        c1 = openpyxl.utils.column_index_from_string(m.group(2))
        c2 = openpyxl.utils.column_index_from_string(m.group(4))
        out_[dn.name] = (sheet, int(m.group(3)), int(m.group(5)), c1, c2)
    return out_


def rows_of(rng, values=True):
    sheet, r1, r2, c1, c2 = rng
    ws = (wv if values else wb)[sheet]
    header = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    body = [[ws.cell(r, c).value for c in range(c1, c2 + 1)] for r in range(r1 + 1, r2 + 1)]
    return header, body


named = ranges()
checked = 0
# Public mode: hidden counts are marks ("<3", "x"); formulas refer to published cells only
# (checked below), so no total adds up hidden cells.
public = 'suppressed' in csv_table('summary')[0]


def num(v):
    return 0 if v in (None, '') else v


# Each named table against its CSV.
for name, rng in sorted(named.items()):
    table = name[2:].replace('_compare', '')
    header, body = rows_of(rng)
    if table == 'headline':
        summary = {r['metric']: val(r['value']) for r in csv_table('summary')}
        for row in body:
            metric = code_of('metric', row[0])
            expect('%s %s' % (name, row[0]), row[1], summary.get(metric))
    elif table == 'victims_by_sex_age':
        want = {(r['sex'], r['age_band']): val(r['victims']) for r in csv_table(table)}
        for row in body:
            sex = code_of('sex', row[0])
            for k, band in enumerate(header[1:-1], 1):
                band = 'unknown' if band == labels['word']['unknown'] else band
                expect('%s %s %s' % (name, sex, band), row[k], want[(sex, band)])
    elif table == 'cases_by_region':
        want = {r['region_code']: r for r in csv_table(table)}
        for row in body:
            w = want[row[0]]
            expect('%s %s' % (name, row[0]), row[2:5],
                   [val(w['cases']), val(w['victims']), val(w['victims_minor'])])
            if w['victims_per_100k'] == 'x':
                expect('%s %s rate' % (name, row[0]), row[5], 'x')
            elif w['victims_per_100k']:
                expect('%s %s rate' % (name, row[0]), round(row[5], 2), float(w['victims_per_100k']))
    elif table == 'cases_by_city':
        want = {r['city']: r for r in csv_table(table)}
        for row in body:
            w = want['unknown' if row[0] == labels['word']['unknown'] else row[0]]
            expect('%s %s' % (name, row[0]), row[2:4], [val(w['cases']), val(w['victims'])])
    elif table in ('victims_by_nationality', 'suspects_by_nationality'):
        want = {r['nationality']: val(r[header and ('victims' if 'victims' in table else 'suspects')])
                for r in csv_table(table)}
        for row in body:
            expect('%s %s' % (name, row[0]), row[1], want[countries[row[0]]])
    elif table == 'routes':
        want = csv_table(table)
        expect(name + ' rows', len(body), len(want))
        for row, w in zip(body, want):
            expect('%s row' % name, row[4:6], [val(w['cases']), val(w['victims'])])
    elif table in ('recruitment', 'transport', 'source', 'status', 'assistance'):
        count = 'victims' if table == 'assistance' else 'cases'
        want = {r[table]: val(r[count]) for r in csv_table(table)}
        for row in body:
            expect('%s %s' % (name, row[0]), row[1], want[code_of(table, row[0])])
    elif table == 'exploitation' and 'suppressed' in csv_table(table)[0]:
        # Public mode: the form's totals as the table prints them.
        rows = csv_table(table)
        m = {(r['exploitation'], r['sex'], r['minor']): val(r['victims']) for r in rows}
        for row in body:
            e = code_of('exploitation', row[0])
            expect('%s %s' % (name, row[0]), row[1:5],
                   [m[(e, 'total', 'total')], m[(e, 'female', 'total')], m[(e, 'male', 'total')],
                    m[(e, 'total', 'yes')]])
    elif table == 'exploitation':
        want = {}
        for r in csv_table(table):
            w = want.setdefault(r['exploitation'], [0, 0, 0, 0])
            n = int(r['victims'])
            w[0] += n
            w[1] += n if r['sex'] == 'female' else 0
            w[2] += n if r['sex'] == 'male' else 0
            w[3] += n if r['minor'] == 'yes' else 0
        for row in body:
            expect('%s %s' % (name, row[0]), row[1:5], want[code_of('exploitation', row[0])])
    elif table == 'suspects_by_year':
        want = {r['year']: r for r in csv_table(table)}
        cols = ['identified', 'female', 'male', 'peruvian', 'foreign', 'detained', 'prosecuted',
                'convicted']
        for row in body:
            expect('%s %s' % (name, row[0]), row[1:9], [val(want[row[0]][c]) for c in cols])
    elif table.startswith('unodc_'):
        rows = csv_table(table)
        keyc, colc, valc = list(rows[0].keys())[:3]
        want = {(r[keyc], r[colc]): val(r[valc]) for r in rows}
        col_section = {'category': 'unodc_category', 'stage': 'stage', 'sex': 'sex'}[colc]
        if table.endswith('exploitation'):
            row_code = lambda v: code_of('unodc_form', v)
        elif table.endswith('_sex'):
            row_code = lambda v: code_of('stage', v)
        else:
            row_code = lambda v: countries[v]
        for row in body:
            for k, h in enumerate(header[1:], 1):
                code = code_of(col_section, h)
                if code is not None:  # not the total column
                    expect('%s %s %s' % (name, row[0], h), row[k], want[(row_code(row[0]), code)])
    elif table == 'tip_law_enforcement':
        want = {r['measure']: r for r in csv_table(table)}
        for row in body:
            w = want[code_of('tip', row[0])]
            expect('%s %s' % (name, row[0]), row[1:3], [val(w['total']), val(w['labour'])])
    elif table == 'data_quality_files':
        want = {r['file']: r for r in csv_table('input_files')}
        for row in body:
            w = want[row[0]]
            expect('%s %s' % (name, row[0]), row[3:9],
                   [int(w[c]) for c in ('rows_read', 'rows_counted', 'rows_filtered',
                                        'rows_rejected', 'rows_blank', 'warnings')])
    elif table == 'data_quality_entries':
        with open(os.path.join(out, 'data_quality.csv'), encoding='utf-8') as f:
            want = list(csv.DictReader(f))
        expect(name + ' rows', len(body), len(want))
        for row, w in zip(body, want):
            # The problem is in the report's language (check_dq_words.py reads the Spanish);
            # the value is not in the documents (docs/input-format.md, personal data).
            expect('%s line' % name, [row[0], row[1]], [w['file'], int(w['line'])])
            expect('%s columns' % name, len(row), 5)
            if lang == 'en':
                expect('%s problem' % name, row[3], w['problem'])
    elif table == 'about_files':
        for row in body:
            # A public workbook names a file by its digest's first 8 digits, not its name.
            fpath = os.path.join(inp, row[0])
            if row[0].startswith('sha256:'):
                matches = [os.path.join(inp, n) for n in os.listdir(inp)
                         if os.path.isfile(os.path.join(inp, n)) and hashlib.sha256(open(os.path.join(inp, n), 'rb').read()).hexdigest()
                         .startswith(row[0][7:])]
                expect('%s %s: one input file of this digest' % (name, row[0]), len(matches), 1)
                fpath = matches[0] if matches else fpath
            digest = hashlib.sha256(open(fpath, 'rb').read()).hexdigest()
            expect('%s %s sha256' % (name, row[0]), row[3], digest)
            expect('%s %s size' % (name, row[0]), row[2], os.path.getsize(fpath))
    else:
        continue
    checked += 1
    # A total row, when there is one, adds up the body with live formulas.
    sheet, r1, r2, c1, c2 = rng
    ws, wsv = wb[sheet], wv[sheet]
    if ws.cell(r2 + 1, c1).value == labels['word']['total']:
        for c in range(c1 + 1, c2 + 1):
            f = ws.cell(r2 + 1, c).value
            if isinstance(f, str) and f.startswith('=SUM('):
                column = [num(wsv.cell(r, c).value) for r in range(r1 + 1, r2 + 1)]
                if not isinstance(column[0], str):
                    expect('%s total of column %d' % (name, c), wsv.cell(r2 + 1, c).value, sum(column))
        if not public and not any(isinstance(ws.cell(r2 + 1, c).value, str) and
                                  ws.cell(r2 + 1, c).value.startswith('=')
                                  for c in range(c1, c2 + 1)):
            problems.append('%s: a total row without formulas' % name)

if public:
    # A formula refers only to published cells: numbers or formulas over them, never a mark.
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if not (isinstance(c.value, str) and c.value.startswith('=')):
                    continue
                for col, r in re.findall(r'\$?([A-Z]+)\$?(\d+)', re.sub(r'"[^"]*"', '', c.value)):
                    v = ws['%s%s' % (col, r)].value
                    if not (isinstance(v, (int, float)) or (isinstance(v, str) and v.startswith('='))):
                        problems.append('public mode: %s!%s %s refers to %s%s, %r'
                                        % (ws.title, c.coordinate, c.value, col, r, v))
if checked < 15:
    problems.append('only %d named tables checked' % checked)
# A chart per [chart NAME] of the definition whose table has rows (an empty table is a
# sentence, and draws nothing).
charts = [n for n in zipfile.ZipFile(path).namelist() if re.match(r'xl/charts/chart\d+\.xml$', n)]
definition = open(os.path.join('templates', 'reports', 'annual-report.%s.txt' % lang), encoding='utf-8').read()
drawn = [c for c in re.findall(r'^\[chart (\w+)\]', definition, re.M)
         if any(n in named for n in ('t_' + c, 't_%s_compare' % c))]
expect('charts in the package', len(charts), len(drawn))
summary = {r['metric']: r['value'] for r in csv_table('summary')}
# The map as a picture (2 pixels a point, 480 x 620 points), described by its title.
z = zipfile.ZipFile(path)
media = [n for n in z.namelist() if n.startswith('xl/media/')]
want_map = re.search(r'^\[chart map\]', definition, re.M) and summary['cases'] != '0'

expect('pictures', len(media), 1 if want_map else 0)
if want_map and media:
    png = z.read(media[0])
    expect('the map is a PNG', png[:8], b'\x89PNG\r\n\x1a\n')
    expect('the map\'s size in pixels', struct.unpack('>II', png[16:24]), (960, 1240))
    drawings = ''.join(z.read(n).decode() for n in z.namelist() if n.startswith('xl/drawings/drawing'))
    if 'descr="%s"' % labels['chart']['map'] not in drawings:
        problems.append('the map picture is not described by its title')
created = wb.properties.created
if created.date() == datetime.date.today():
    problems.append('the creation date is today: not pinned')
for p in problems:
    print('%s: %s' % (path, p))
sys.exit(1 if problems else 0)
