#!/usr/bin/python3
"""check_public_values.py TIPREPORT K PUBLIC FULL: a public run's tables against the full run's
of the same input and options, read as a reader would read them (what each column is comes
from TIPREPORT --list-tables).

- every count shown in PUBLIC is FULL's count; a "<K" stands for a count from 1 to K-1; an "x"
  for any count; a share or rate is FULL's, or "x";
- the rows of totals public mode adds ("total" in the columns summed over) are the sums of
  FULL's rows;
- "other" routes are the routes of FULL with fewer than K victims, added up by scope;
- the suppressed column names exactly the hidden cells, with why;
- nothing but the rows and tables FULL has (data_quality.csv is not public).
Prints what is wrong and exits 1; silent when all holds.

With --unhide N DEST, also writes PUBLIC's tables to DEST/tables with its Nth secondary "x"
(by table, line and column) shown as FULL's count, as if tipreport had not hidden it, and
prints how many secondary cells there are: the tests expect check_public to find what each
one protects."""
import csv, os, re, subprocess, sys

tipreport, k, pub, full = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
unhide = (int(sys.argv[6]), sys.argv[7]) if sys.argv[5:6] == ['--unhide'] else None
problems = []
secondary = []  # (table, row index, column, FULL's count) of every secondary "x"

# The tables' definitions: KEYS, the columns that say what a row is (the rest are counts,
# shares and rates); DERIVED, the numbers that are not counts (they follow a count: hidden
# with it, or shown); AS_IS, the keyed rows printed as they are (dates, rows of files).
KEYS, DERIVED, AS_IS = {}, {}, {}
listing = subprocess.run([tipreport, '--list-tables'], capture_output=True, text=True, check=True)
for d in csv.DictReader(listing.stdout.splitlines(), delimiter='\t'):
    KEYS.setdefault(d['table'], [])
    DERIVED.setdefault(d['table'], set())
    AS_IS.setdefault(d['table'], set())
    if d['role'] in ('dimension', 'label', 'key'):
        KEYS[d['table']].append(d['column'])
    elif d['role'] in ('share', 'rate'):
        DERIVED[d['table']].add(d['column'])
    elif d['role'] == 'row' and d['kind'] in ('text', 'files'):
        AS_IS[d['table']].add(d['column'])


def read(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def number(v):
    try:
        return float(v)
    except ValueError:
        return None


def files_by_hash(name, P, F):
    """P and F with their file column set aside: in P, each file of F is named by one
    "sha256:" and 8 hex digits (no name of the input is public)."""
    ids = {}
    for p, f in zip(P, F):
        if not re.fullmatch(r'sha256:[0-9a-f]{8}', p['file']) or ids.setdefault(f['file'], p['file']) != p['file']:
            problems.append('%s: file %r is named %r, not by one hash' % (name, f['file'], p['file']))
    drop = lambda rows: [{k: v for k, v in r.items() if k != 'file'} for r in rows]
    return drop(P), drop(F)


names = sorted(f[:-4] for f in os.listdir(os.path.join(pub, 'tables')) if f.endswith('.csv'))
full_names = sorted(f[:-4] for f in os.listdir(os.path.join(full, 'tables')) if f.endswith('.csv'))
if set(names) - set(full_names):
    problems.append('tables the full run does not have: %s' % sorted(set(names) - set(full_names)))
if os.path.exists(os.path.join(pub, 'data_quality.csv')):
    problems.append('data_quality.csv is written in public mode')

for name in names:
    if name not in KEYS:
        problems.append('%s: a table this check does not know' % name)
        continue
    keys = KEYS[name]
    P = read(os.path.join(pub, 'tables', name + '.csv'))
    F = read(os.path.join(full, 'tables', name + '.csv'))
    if not P or 'suppressed' not in P[0]:  # no counts of people: as in the full run
        if P and 'file' in P[0]:  # but a public run names its input files by hash
            P, F = files_by_hash(name, P, F)
        if P != F:
            problems.append('%s: not as in the full run' % name)
        continue
    cols = [c for c in P[0] if c not in keys and c != 'suppressed']
    derived, as_is = DERIVED[name], AS_IS[name]
    def key_of(row):
        return tuple(row[c] for c in keys)

    byk = {key_of(r): r for r in F}

    def full_value(row, col):
        """FULL's value for PUBLIC's row: a row of FULL, a total of rows, or merged routes."""
        key = tuple(row[c] for c in keys)
        if key in byk:
            return number(byk[key][col])
        if name == 'routes' and row['origin'] == 'other':
            small = [r for r in F if r['scope'] == row['scope'] and int(r['victims']) < k]
            return float(sum(int(r[col]) for r in small))
        if 'total' in key:  # sum over the keys that read "total" (or are left empty)
            rows = [r for r in F if all(row[c] in ('total', '', r[c]) for c in keys)]
            if col in derived or not rows:
                return None
            return float(sum(int(r[col]) for r in rows if r[col] != ''))
        return 'missing'

    for i, row in enumerate(P, start=2):
        why = dict(p.split('=') for p in row['suppressed'].split(';') if p)
        for col in cols:
            v = row[col]
            want = full_value(row, col)
            where = '%s.csv line %d, %s' % (name, i, col)
            if want == 'missing':
                problems.append('%s: a row the full run does not have' % where)
                break
            if row[keys[0]] in as_is:  # dates and rows of files are not counts
                if v != byk[key_of(row)][col]:
                    problems.append('%s: %s, full run %s' % (where, v, byk[key_of(row)][col]))
                continue
            hidden = v.startswith('<') or v == 'x'
            if hidden != (col in why):
                problems.append('%s: %r, but the suppressed column says %r' % (where, v, row['suppressed']))
            if v == '<%d' % k:
                if why.get(col) != 'primary' or want is None or not 1 <= want < k:
                    problems.append('%s: "<%d" for %s (%s)' % (where, k, want, why.get(col)))
            elif v == 'x':
                if why.get(col) not in ('secondary', 'derived'):
                    problems.append('%s: x, but suppressed says %s' % (where, why.get(col)))
                if why.get(col) == 'secondary' and want is not None:
                    secondary.append((name, i - 2, col, want))
            elif v == '':
                if want not in (None, 0.0) and not (col in derived):
                    problems.append('%s: empty, full run %s' % (where, want))
            else:
                got = number(v)
                if want is None or got is None or abs(got - want) > 1e-9:
                    problems.append('%s: %s, full run %s' % (where, v, want))
                elif col not in derived and 1 <= got < k:
                    problems.append('%s: a count below %d is shown' % (where, k))

if unhide and not problems:
    n, dest = unhide
    name, row, col, want = secondary[n]
    os.makedirs(os.path.join(dest, 'tables'), exist_ok=True)
    for t in names:
        with open(os.path.join(pub, 'tables', t + '.csv'), encoding='utf-8', newline='') as f:
            rows = list(csv.reader(f))
        if t == name:
            head = rows[0]
            r = rows[row + 1]
            r[head.index(col)] = '%d' % want
            s = head.index('suppressed')
            r[s] = ';'.join(p for p in r[s].split(';') if p and not p.startswith(col + '='))
        with open(os.path.join(dest, 'tables', t + '.csv'), 'w', encoding='utf-8', newline='') as f:
            csv.writer(f, lineterminator='\n').writerows(rows)
    print(len(secondary))

for p in problems:
    print('%s: %s' % (pub, p))
sys.exit(1 if problems else 0)
