#!/usr/bin/python3
"""attack_public.py K RELEASE [RELEASE ...]: an attacker that knows only what a reader gets, the
printed CSV tables and the published docs (docs/report-tables.md), never src/. A RELEASE is
NAME=DIR/tables (a national public report) or NAME@RR=DIR/tables (region RR's brief of release
NAME). National releases are given shortest period first, each period inside the next's:
every count of a later one is at least the earlier's, except the all-years suspect tables,
which are equal. For every hidden count ('<K' or 'x') it solves two linear programs (min and
max) over all the sums a reader knows, and prints those it pins to one value. Exit 1 when any
is pinned, 2 when the equations it read have no solution.
Needs python3-scipy (Debian's /usr/bin/python3), which `make deps` does not install: run by
hand until it is a step of tests/run.sh (issue 13)."""
import csv, os, re, sys
import numpy as np
from scipy.optimize import linprog

K = int(sys.argv[1])
NONADD = {'exploitation', 'recruitment', 'transport', 'assistance', 'stage'}
ALL_YEARS = {'suspects_by_year', 'suspects_by_nationality'}

cells = {}     # (release, table, rowkey, col) -> var index
lo, hi, shown = [], [], []
eq, le = [], []  # lists of ({var: coef}, rhs)


def var(key, text):
    if key in cells:
        return cells[key]
    text = text.strip()
    i = len(lo)
    cells[key] = i
    if re.fullmatch(r'\d+', text):
        lo.append(int(text)); hi.append(int(text)); shown.append(True)
    elif text == '<%d' % K:
        lo.append(1); hi.append(K - 1); shown.append(False)
    elif text == 'x':
        lo.append(0); hi.append(None); shown.append(False)
    else:
        lo.append(0); hi.append(None); shown.append(True)  # empty: not given
    return i


def read(release, tdir):
    tables = {}
    for f in sorted(os.listdir(tdir)):
        if not f.endswith('.csv') or f.startswith('input_'):
            continue
        with open(os.path.join(tdir, f), encoding='utf-8') as fh:
            rows = list(csv.reader(fh))
        head, body = rows[0], rows[1:]
        # Count columns: whole numbers, marks or empty, but for a keyed table's text rows
        # (the summary's dates); shares and rates have decimals.
        counts = [j for j, h in enumerate(head) if h not in ('suppressed', 'year') and
                  not h.endswith('_code') and body and any(
            re.fullmatch(r'\d+|<\d+|x', r[j]) for r in body) and not any(
            re.fullmatch(r'\d*[.,]\d+', r[j]) for r in body)]
        dims = [j for j in range(len(head)) if j not in counts and head[j] != 'suppressed']
        t = {'head': head, 'counts': counts, 'dims': dims, 'rows': []}
        for r in body:
            key = tuple(r[j] for j in dims)
            t['rows'].append((key, {head[j]: var((release, f[:-4], key, head[j]), r[j])
                                    for j in counts if re.fullmatch(r'\d+|<\d+|x|', r[j])}))
        tables[f[:-4]] = t
    return tables


def col_sum(t, col, skip_total=True):
    return {v[col]: 1 for k, v in t['rows'] if col in v and not (skip_total and 'total' in k)}


def metric(t, name):
    for k, v in t['rows']:
        if k and k[0] == name:
            return v.get('value')
    return None


def add_eq(terms, rhs_var):
    d = dict(terms)
    d[rhs_var] = d.get(rhs_var, 0) - 1
    eq.append(d)


def within(t, name):
    """A total row equals (additive dims) or bounds (non-additive) the rows it totals."""
    head = t['head']
    for k, v in t['rows']:
        tot = [i for i, x in enumerate(k) if x == 'total']
        if not tot:
            continue
        parts = [(k2, v2) for k2, v2 in t['rows'] if 'total' not in k2 and all(
            k2[i] == k[i] for i in range(len(k)) if i not in tot and k[i] not in ('', 'total'))]
        if not parts:
            continue
        add = not any(head[t['dims'][i]] in NONADD for i in tot)
        for col, tv in v.items():
            ps = [v2[col] for _, v2 in parts if col in v2]
            if add:
                add_eq({p: 1 for p in ps}, tv)
            else:
                for p in ps:
                    le.append(({p: 1, tv: -1}, 0))


def national(tb):
    s = tb.get('summary')
    m = lambda n: metric(s, n) if s else None
    pairs = [('cases_by_region', 'cases', 'cases'), ('cases_by_region', 'victims', 'victims'),
             ('cases_by_region', 'victims_minor', 'victims_minor'),
             ('cases_by_city', 'cases', 'cases'), ('cases_by_city', 'victims', 'victims'),
             ('victims_by_home', 'victims', 'victims'),
             ('victims_by_nationality', 'victims', 'victims'), ('status', 'cases', 'cases'),
             ('source', 'cases', 'cases')]
    for tname, col, mname in pairs:
        if tname in tb and m(mname) is not None:
            add_eq(col_sum(tb[tname], col), m(mname))
    if s:
        for parts in (('victims_female', 'victims_male', 'victims_sex_unknown'),
                      ('victims_minor', 'victims_adult', 'victims_age_unknown')):
            if all(m(p) is not None for p in parts) and m('victims') is not None:
                add_eq({m(p): 1 for p in parts}, m('victims'))
    sy = tb.get('suspects_by_year')
    if sy:
        for k, v in sy['rows']:
            for parts in (('female', 'male', 'sex_unknown'),
                          ('peruvian', 'foreign', 'nationality_unknown')):
                if all(p in v for p in parts):
                    add_eq({v[p]: 1 for p in parts}, v['identified'])
    sa = tb.get('victims_by_sex_age')
    if sa and s:
        for k, v in sa['rows']:
            if k == ('total', 'total'):
                add_eq({v['victims']: 1}, m('victims'))
            for sex in ('female', 'male'):
                if k == (sex, 'total') and m('victims_' + sex) is not None:
                    add_eq({v['victims']: 1}, m('victims_' + sex))


def brief(tb, nat, code):
    """A region's brief: its summary is its row of the country's tables."""
    s = tb.get('summary')
    reg = nat.get('cases_by_region')
    if not s or not reg:
        return
    row = next((v for k, v in reg['rows'] if k and k[0] == code), None)
    if row:
        for col in ('cases', 'victims'):
            if metric(s, col) is not None:
                add_eq({metric(s, col): 1}, row[col])
        if metric(s, 'victims_minor') is not None:
            add_eq({metric(s, 'victims_minor'): 1}, row['victims_minor'])
    sa = tb.get('victims_by_sex_age')
    if sa:
        for k, v in sa['rows']:
            for sex in ('female', 'male'):
                if k == (sex, 'total') and metric(s, 'victims_' + sex) is not None:
                    add_eq({v['victims']: 1}, metric(s, 'victims_' + sex))


releases, briefs, order = {}, {}, []
for arg in sys.argv[2:]:
    name, d = arg.split('=', 1)
    if '@' in name:
        rel, code = name.split('@')
        briefs.setdefault(rel, []).append((code, read(name, d)))
    else:
        releases[name] = read(name, d)
        order.append(name)
for name, tb in releases.items():
    for tname, t in tb.items():
        within(t, tname)
    national(tb)
    for code, b in briefs.get(name, []):
        for t in b.values():
            within(t, None)
        brief(b, tb, code)
    # The briefs' parts of the country's cells: at most the country's (unknown region aside).
    for tname in ('victims_by_sex_age',):
        if tname in tb:
            for k, v in tb[tname]['rows']:
                ps = [b[tname]['rows'] for _, b in briefs.get(name, []) if tname in b]
                terms = {}
                for rows in ps:
                    for k2, v2 in rows:
                        if k2 == k:
                            terms[v2['victims']] = 1
                if terms:
                    terms[v['victims']] = -1
                    le.append((terms, 0))
# Releases of nested periods: the longer one's counts are at least the shorter one's.
for a, b in zip(order, order[1:]):
    for (rel, t, k, c), i in list(cells.items()):
        if rel != a:
            continue
        j = cells.get((b, t, k, c))
        if j is None:
            continue
        if t in ALL_YEARS:
            eq.append({i: 1, j: -1})
        else:
            le.append(({i: 1, j: -1}, 0))

n = len(lo)
def matrix(rows):
    m = np.zeros((len(rows), n))
    for r, d in enumerate(rows):
        for i, c in d.items():
            m[r, i] += c
    return m
A_eq = matrix(eq) if eq else None
b_eq = np.zeros(len(eq)) if eq else None
A_ub = matrix([d for d, _ in le]) if le else None
b_ub = np.array([r for _, r in le], dtype=float) if le else None
bounds = list(zip(lo, hi))
hidden = [i for i in range(n) if not shown[i]]
names = {i: k for k, i in cells.items()}
leaks = 0
first = linprog(np.zeros(n), A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds,
                method='highs')
if first.status != 0:
    print('the reader\'s equations have no solution: the attacker misread the tables')
    sys.exit(2)
for i in hidden:
    c = np.zeros(n); c[i] = 1
    r1 = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method='highs')
    r2 = linprog(-c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method='highs')
    if r1.status == 0 and r2.status == 0 and -r2.fun - r1.fun < 0.5:
        leaks += 1
        print('pinned: %s = %g' % ('/'.join(map(str, names[i])), r1.fun))
print('%d cells, %d hidden, %d equations, %d inequalities, %d pinned' %
      (n, len(hidden), len(eq), len(le), leaks))
sys.exit(1 if leaks else 0)
