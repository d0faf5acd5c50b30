#!/usr/bin/python3
"""check_outputs.py OUT [INPUT [FULL]]: checks that hold for every report tipreport writes.

- (full reports) every file reconciles: rows read = counted + rejected, and data_quality.csv lists exactly
  one rejected entry per rejected row;
- (full reports) every table sums to the summary's totals (each breakdown keeps its unknown
  row);
- no value from a column of INPUT that tipreport does not read appears anywhere in the output
  (in the workbook's unzipped parts and the PDF's text too). Public reports and briefs have
  no data_quality.csv and briefs no input_columns.csv: FULL, a full run of the same input,
  says which columns were read.
Prints what is wrong and exits 1; silent when all holds."""
import csv, html, os, subprocess, sys, zipfile

out = sys.argv[1]
meta = sys.argv[3] if len(sys.argv) > 3 else out
public = not os.path.exists(os.path.join(out, 'data_quality.csv'))
problems = []


def table(name, where=out):
    with open(os.path.join(where, 'tables', name + '.csv'), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def total(rows, col, **where):
    return sum(int(r[col]) for r in rows if all(r[k] == v for k, v in where.items()))


def expect(what, got, want):
    if got != want:
        problems.append('%s: %s, expected %s' % (what, got, want))


files = table('input_files', meta)


def full_checks():
    summary = {r['metric']: r['value'] for r in table('summary')}
    num = lambda k: int(summary[k])
    with open(os.path.join(out, 'data_quality.csv'), encoding='utf-8', newline='') as f:
        dq = list(csv.DictReader(f))

    # Reconciliation, per file.
    for f in files:
        expect(f['file'] + ': read = counted + filtered + rejected', int(f['rows_read']),
               int(f['rows_counted']) + int(f['rows_filtered']) + int(f['rows_rejected']))
        rejected = sum(1 for e in dq if e['file'] == f['file'] and e['action'].endswith('rejected'))
        expect(f['file'] + ': rejected rows listed', rejected, int(f['rows_rejected']))
        warnings = sum(1 for e in dq if e['file'] == f['file'] and not e['action'].endswith('rejected'))
        expect(f['file'] + ': warnings listed', warnings, int(f['warnings']))
    role = {'cases': 'cases', 'victims': 'victims', 'flat': 'victims', 'suspects': 'suspects'}
    for k in ('cases', 'victims', 'suspects'):
        for what in ('read', 'counted', 'rejected', 'blank'):
            expect('summary rows_%s_%s' % (what, k), num('rows_%s_%s' % (what, k)),
                   sum(int(f['rows_' + what]) for f in files if role[f['role']] == k))
    expect('summary warnings', num('warnings'), sum(int(f['warnings']) for f in files))
    expect('victims without case listed', num('victims_without_case'),
           sum(1 for e in dq if e['action'] == 'not_in_period_tables'))

    # Every breakdown sums to its total.
    cases, victims = num('cases'), num('victims')
    sa = table('victims_by_sex_age')
    expect('victims_by_sex_age', total(sa, 'victims'), victims)
    for sex in ('female', 'male'):
        expect('victims_by_sex_age ' + sex, total(sa, 'victims', sex=sex), num('victims_' + sex))
    expect('victims_by_sex_age unknown sex', total(sa, 'victims', sex='unknown'), num('victims_sex_unknown'))
    expect('minor + adult + unknown', num('victims_minor') + num('victims_adult') + num('victims_age_unknown'), victims)
    reg = table('cases_by_region')
    expect('cases_by_region cases', total(reg, 'cases'), cases)
    expect('cases_by_region victims', total(reg, 'victims'), victims)
    expect('cases_by_region minors', total(reg, 'victims_minor'), num('victims_minor'))
    expect('regions listed', len(reg), 26)
    city = table('cases_by_city')
    expect('cases_by_city cases', total(city, 'cases'), cases)
    expect('cases_by_city victims', total(city, 'victims'), victims)
    expect('victims_by_nationality', total(table('victims_by_nationality'), 'victims'), victims)
    routes = table('routes')
    expect('routes cases', total(routes, 'cases'), cases)
    expect('routes victims', total(routes, 'victims'), victims)
    for name in ('source', 'status'):
        expect(name, total(table(name), 'cases'), cases)
    # Multi-valued fields count a case or victim once per value: at least once each.
    ex = table('exploitation')
    for sex in ('female', 'male', 'unknown'):
        if total(ex, 'victims', sex=sex) < total(sa, 'victims', sex=sex):
            problems.append('exploitation: fewer %s victims than victims_by_sex_age' % sex)
    for name, col, tot in (('recruitment', 'cases', cases), ('transport', 'cases', cases),
                           ('assistance', 'victims', victims)):
        t = table(name)
        if total(t, col) < tot:
            problems.append('%s: %d < %d (every case or victim counts at least once)' % (name, total(t, col), tot))
    # The period's months and the time to status add up to the period's cases (by status).
    months = table('by_month')
    expect('by_month cases', total(months, 'cases'), cases)
    expect('by_month victims', total(months, 'victims'), victims)
    expect('by_month minors', total(months, 'victims_minor'), num('victims_minor'))
    st = table('status')
    for r in table('status_time'):
        expect('status_time ' + r['status'], int(r['cases']), total(st, 'cases', status=r['status']))
        if int(r['cases_without_date']) > int(r['cases']):
            problems.append('status_time %s: more cases without date than cases' % r['status'])
        if (r['median_days'] == '') != (int(r['cases']) == int(r['cases_without_date'])):
            problems.append('status_time %s: a median without dated cases, or none with' % r['status'])
    counted = num('rows_counted_suspects')
    expect('suspects_by_year', total(table('suspects_by_year'), 'identified'), counted)
    expect('suspects_by_nationality', total(table('suspects_by_nationality'), 'suspects'), counted)


if not public:
    full_checks()

# Nothing from a column tipreport does not read (names, DNI, phones, addresses, notes):
# input_columns.csv says which columns were read; every value of every other column of the
# input files must be absent from every output file (unless a read column holds it too).
if len(sys.argv) > 2:
    read_cols = {}
    for c in table('input_columns', meta):
        read_cols.setdefault(c['file'], set()).add(int(c['column']) - 1)
    paths = {n: os.path.join(root, n) for root, _, names in os.walk(sys.argv[2]) for n in names}
    unread, allowed = set(), set()
    for f in files:
        raw = open(paths[f['file']], 'rb').read()
        try:
            text = raw.decode('utf-8-sig')
        except UnicodeDecodeError:
            text = raw.decode('cp1252', errors='replace')  # as tipreport: bad bytes reject rows
        delim = {'comma': ',', 'semicolon': ';', 'tab': '\t'}[f['delimiter']]
        lines = text.splitlines(keepends=True)
        if lines and lines[0].startswith('sep='):
            lines = lines[1:]
        rows = list(csv.reader(lines, delimiter=delim))[int(f['header_rows']):]
        for r in rows:
            for i, v in enumerate(r):
                v = v.strip()
                (allowed if i in read_cols.get(f['file'], ()) else unread).add(v)
    # What a reader sees: text files as they are, a workbook's parts unzipped, a PDF's text,
    # an HTML page's with its entities read back.
    blob = ''
    for root, _, names in os.walk(out):
        for name in names:
            path = os.path.join(root, name)
            if name.endswith('.xlsx'):
                z = zipfile.ZipFile(path)
                blob += ''.join(z.read(p).decode('utf-8', 'replace') for p in z.namelist()
                                if not p.startswith(('xl/media/', 'xl/theme/')))
            elif name.endswith('.pdf'):
                blob += subprocess.run(['pdftotext', path, '-'], check=True,
                                       capture_output=True).stdout.decode()
            elif name.endswith('.html'):  # the entities read back
                blob += html.unescape(open(path, encoding='utf-8').read())
            else:
                blob += open(path, encoding='utf-8', errors='replace').read()
    for v in sorted(unread - allowed):
        if len(v) >= 4 and v in blob:
            problems.append('a value of a column tipreport does not read is in the output: %r' % v)

for p in problems:
    print('%s: %s' % (out, p))
sys.exit(1 if problems else 0)
