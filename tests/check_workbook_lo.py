#!/usr/bin/python3
"""check_workbook_lo.py LANG OUT...: each OUT/report.xlsx recalculated by LibreOffice headless (a
spreadsheet that is not ours), read back with openpyxl, against OUT/tables/*.csv:

- every share is a formula over the table's cells (count / the shares' whole written under
  the table), and so are the total row's sums and the changes;
- LibreOffice's value of every formula equals the value cached beside it (so a reader that does
  not recalculate shows the same), shares to 4 decimals;
- each table's shares are fractions of the known values: the count over the table's rows
  (unknown excluded) or, for a multi-valued field, the summary's count less the unknown row's,
  both from the CSV tables; recruitment's equal its CSV share column; unknown rows last;
- victims per 100,000 are formulas over the victims and the population, equal to the CSV's.
(check_workbook.py holds public mode's formulas to published cells.)

The same run converts a copy of the first with one share formula made wrong (over its whole
plus one; the cached value kept): that copy must fail, or the check could not fail (or
LibreOffice did not recalculate). One soffice start for all the files, in a private profile that recalculates every
formula on load. Prints what is wrong; exits 1 when anything is."""
import configparser, csv, os, re, shutil, subprocess, sys, tempfile, zipfile

import openpyxl

lang, outs = sys.argv[1], sys.argv[2:]
labels = configparser.ConfigParser(interpolation=None, strict=False)
labels.optionxform = str
labels.read(os.path.join('templates', 'labels', lang + '.ini'), encoding='utf-8')
SHARE = labels['column']['share']
UNKNOWN = labels['word']['unknown']
# Where a share's count comes from: table -> (CSV, code column, count column, multi-valued).
SOURCES = {
    'recruitment': ('recruitment', 'recruitment', 'cases', True),
    'transport': ('transport', 'transport', 'cases', True),
    'assistance': ('assistance', 'assistance', 'victims', True),
    'source': ('source', 'source', 'cases', False),
    'status': ('status', 'status', 'cases', False),
    'victims_by_nationality': ('victims_by_nationality', 'nationality', 'victims', False),
    'suspects_by_nationality': ('suspects_by_nationality', 'nationality', 'suspects', False),
    'exploitation': ('exploitation', 'exploitation', 'victims', True),
}
RECALC = '''<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
'''


def csv_table(out, name):
    with open(os.path.join(out, 'tables', name + '.csv'), encoding='utf-8') as f:
        return list(csv.DictReader(f))


def known_whole(out, table):
    """The shares' whole by the report's rule, from the CSV tables (None: not computable)."""
    name, code, count, multi = SOURCES[table]
    rows = csv_table(out, name)
    if any(not r[count].isdigit() for r in rows):
        return None  # public mode: a hidden count
    unknown = sum(int(r[count]) for r in rows if r[code] == 'unknown')
    if multi:
        summary = {r['metric']: r['value'] for r in csv_table(out, 'summary')}
        return int(summary[count]) - unknown if summary[count].isdigit() else None
    return sum(int(r[count]) for r in rows) - unknown


def plant(src, dst):
    """A copy of src whose first nonzero share divides by its whole plus one, its cached value
    kept."""
    zin, done = zipfile.ZipFile(src), False
    with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if not done and re.match(r'xl/worksheets/sheet\d+\.xml$', item.filename):
                text = data.decode('utf-8')
                m = re.search(r'<f>([A-Z]+\d+)/(\$[A-Z]+\$\d+)</f>(?=<v>0\.\d*[1-9])', text)
                if m:
                    wrong = '<f>%s/(%s+1)</f>' % (m.group(1), m.group(2))
                    text = text[:m.start()] + wrong + text[m.end():]
                    data, done = text.encode('utf-8'), True
            zout.writestr(item, data)
    return done


def convert(paths, into):
    profile = os.path.join(into, 'profile')
    os.makedirs(os.path.join(profile, 'user'))
    with open(os.path.join(profile, 'user', 'registrymodifications.xcu'), 'w') as f:
        f.write(RECALC)
    subprocess.run(['soffice', '-env:UserInstallation=file://' + profile, '--headless',
                    '--norestore', '--convert-to', 'xlsx', '--outdir', os.path.join(into, 'lo')]
                   + paths, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=300)
    return [os.path.join(into, 'lo', os.path.basename(p)) for p in paths]


def check(out, original, recalculated, public):
    problems = []
    wb = openpyxl.load_workbook(original)
    cached = openpyxl.load_workbook(original, data_only=True)
    lo = openpyxl.load_workbook(recalculated, data_only=True)
    formulas = 0
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if not (isinstance(c.value, str) and c.value.startswith('=')):
                    continue
                formulas += 1
                want, got = cached[ws.title][c.coordinate].value, lo[ws.title][c.coordinate].value
                if isinstance(want, (int, float)) != isinstance(got, (int, float)) or \
                        (isinstance(want, (int, float)) and abs(want - got) > 5e-5):
                    problems.append('%s!%s %s: LibreOffice %r, cached %r'
                                    % (ws.title, c.coordinate, c.value, got, want))
    # Victims per 100,000: a formula over the victims and the population beside them.
    rate = labels['column']['victims_per_100k']
    want_rate = {r['region_code']: r['victims_per_100k'] for r in csv_table(out, 'cases_by_region')}
    rates = 0
    for dn in wb.defined_names.definedName:
        if not dn.name.startswith('t_cases_by_region'):
            continue
        m = re.match(r"'?(.*?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$", dn.attr_text)
        ws, wl = wb[m.group(1).replace("''", "'")], lo[m.group(1).replace("''", "'")]
        top, bottom = int(m.group(3)), int(m.group(5))
        col = [ws.cell(top, k).value for k in range(1, ws.max_column + 1)].index(rate) + 1
        for r in range(top + 1, bottom + 1):
            want, f = want_rate[ws.cell(r, 1).value], ws.cell(r, col).value
            if want in ('', 'x'):
                continue
            rates += isinstance(f, str) and f.startswith('=')
            if round(wl.cell(r, col).value, 2) != float(want):
                problems.append('%s %s: rate %r, CSV %s' % (dn.name, ws.cell(r, 1).value,
                                                            wl.cell(r, col).value, want))
    if not rates:
        problems.append('no rate formulas')
    # Each named table's shares: formulas, and by the rule.
    shares = 0
    for dn in wb.defined_names.definedName:
        m = re.match(r"'?(.*?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$", dn.attr_text)
        table = dn.name[2:].replace('_compare', '')
        sheet, top, bottom = m.group(1).replace("''", "'"), int(m.group(3)), int(m.group(5))
        ws, wl = wb[sheet], lo[sheet]
        header = [ws.cell(top, k).value for k in range(1, ws.max_column + 1)]
        if SHARE not in header or table not in SOURCES:
            continue
        col = header.index(SHARE) + 1
        whole = None if public else known_whole(out, table)
        want_share = {}
        if table == 'recruitment' and not public:
            want_share = {labels['recruitment'][r['recruitment']]: float(r['share'])
                          for r in csv_table(out, 'recruitment') if r['share']}
        for r in range(top + 1, bottom + 1):
            f, name = ws.cell(r, col).value, ws.cell(r, 1).value
            count = wl.cell(r, 2).value
            if f is None:
                if name != UNKNOWN and not public:
                    problems.append('%s %s: no share' % (dn.name, name))
                continue
            if name == UNKNOWN:
                problems.append('%s: the unknown row has a share' % dn.name)
            if not (isinstance(f, str) and re.match(r'=B\d+/\$B\$\d+$', f)):
                if not public:
                    problems.append('%s %s: share %r is not count / whole' % (dn.name, name, f))
                continue
            shares += 1
            got = wl.cell(r, col).value
            if whole is not None and isinstance(count, (int, float)):
                if abs(got - (count / whole if whole else 0)) > 5e-5:
                    problems.append('%s %s: share %r, expected %d/%d' % (dn.name, name, got,
                                                                          count, whole))
            if name in want_share and round(got, 4) != want_share[name]:
                problems.append('%s %s: share %r, CSV %r' % (dn.name, name, got, want_share[name]))
        # Unknown rows last.
        names = [ws.cell(r, 1).value for r in range(top + 1, bottom + 1)]
        if UNKNOWN in names and names.index(UNKNOWN) != len(names) - 1:
            problems.append('%s: %s is not the last row' % (dn.name, UNKNOWN))
    if not formulas:
        problems.append('no formulas')
    if not public and not shares:
        problems.append('no share formulas')
    return problems, formulas, shares


def main():
    problems = []
    tmp = tempfile.mkdtemp(prefix='tipreport-lo-')
    try:
        originals = [os.path.join(out, 'report.xlsx') for out in outs]
        planted = os.path.join(tmp, 'planted.xlsx')
        has_plant = plant(originals[0], planted)
        # Copies named apart: soffice writes each as its name in one folder.
        named = []
        for k, path in enumerate(originals):
            named.append(os.path.join(tmp, 'report%d.xlsx' % k))
            shutil.copy(path, named[-1])
        converted = convert(named + ([planted] if has_plant else []), tmp)
        for k, out in enumerate(outs):
            public = 'suppressed' in csv_table(out, 'summary')[0]
            found, formulas, shares = check(out, originals[k], converted[k], public)
            problems += ['%s: %s' % (out, p) for p in found]
            if not found:
                print('%s: %d formulas, %d shares recalculated' % (out, formulas, shares))
        public = 'suppressed' in csv_table(outs[0], 'summary')[0]
        if has_plant and not check(outs[0], planted, converted[-1], public)[0]:
            problems.append('a wrong share formula passes the check')
        elif not has_plant:
            problems.append('no share formula to plant a wrong one in')
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


main()
