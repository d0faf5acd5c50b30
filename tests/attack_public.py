#!/usr/bin/python3
"""attack_public.py [--x-positive] [--k K] [--truth NAME=DIR]... RELEASE...: an attacker of
public mode that knows only what a reader gets: the printed CSV tables and the published docs
(README.md, docs/report-tables.md and its "What a reader may derive", docs/input-format.md),
never src/. Routes are left out (their small ones are added up into "other").

A RELEASE is NAME=DIR (a public report: DIR or DIR/tables) or NAME@RR=DIR (the brief of region
RR, a code such as 08, that came with release NAME). Releases of one dataset are linked by
their printed periods (summary.csv): the same period gives the same counts (a K=3 and a K=5
release), a period inside another gives counts no larger, and their difference is itself a
release of the days between, with every identity below.

From every identity the docs give a reader (each one's sentence is cited where it is built)
it makes an integer program and computes, for every hidden count (`<N`: 1..N-1; `x`: 0 or
more, 1 or more with --x-positive), its smallest and largest value (scipy's milp, HiGHS). A
disclosure is a hidden count pinned to one value, a `<K` narrowed, an `x` shown to lie in
1..K-1, or an `x` narrower than a `<K`. Each is printed as
  disclosed: RELEASE TABLE ROW COLUMN: printed MARK, is N (or LO..HI)
--truth NAME=DIR gives release NAME's full (non-public) run, the test's check of the attacker:
a finding the full run contradicts is an assumption that is not so (exit 2). --k K: the K of a
release that prints no `<K` (default 3). Exit 0 when nothing is disclosed, 1 when something
is, 2 when the identities have no solution (the attacker misread the tables: it names them)."""
import csv, itertools, os, re, sys
from attack_program import BIG, Model, S, neg, solve, disclosed

# Each table a reader gets: its key columns (the row's identity) and its count columns
# (docs/report-tables.md, "The tables"). Shares, rates and names are not counts.
SCHEMA = {
    'summary': (('metric',), ('value',)),
    'victims_by_sex_age': (('sex', 'age_band'), ('victims',)),
    'cases_by_region': (('region_code',), ('cases', 'victims', 'victims_minor')),
    'cases_by_city': (('city', 'region'), ('cases', 'victims')),
    'victims_by_nationality': (('nationality',), ('victims',)),
    'victims_by_home': (('home',), ('victims',)),
    'exploitation': (('exploitation', 'sex', 'minor'), ('victims',)),
    'recruitment': (('recruitment',), ('cases',)),
    'transport': (('transport',), ('cases',)),
    'source': (('source',), ('cases',)),
    'status': (('status',), ('cases',)),
    'assistance': (('assistance',), ('victims',)),
    'prevention': (('region_code', 'source'), ('cases',)),
    'suspects_by_year': (('year',), ('identified', 'female', 'male', 'sex_unknown', 'peruvian',
                                     'foreign', 'nationality_unknown', 'detained', 'prosecuted',
                                     'convicted')),
    'suspects_by_nationality': (('nationality',), ('suspects',)),
    'unodc_victims_by_exploitation': (('exploitation', 'category'), ('victims',)),
    'unodc_victims_by_citizenship': (('citizenship', 'category'), ('victims',)),
    'unodc_persons_by_sex': (('stage', 'sex'), ('persons',)),
    'unodc_persons_by_citizenship': (('citizenship', 'stage'), ('persons',)),
    'tip_law_enforcement': (('measure',), ('total', 'labour')),
    'victims_by_exploitation': (('exploitation',), ('victims',)),  # a brief's
    'by_year': (('year',), ('cases', 'victims', 'victims_female', 'victims_male', 'victims_minor',
                            'suspects_identified', 'suspects_detained', 'suspects_prosecuted',
                            'suspects_convicted')),  # not public yet (issue 13)
}
# "Multi-valued fields (exploitation, recruitment, transport, assistance) count a case or
# victim once per value"; UNODC's forms likewise ("a victim counts once per UNODC form"); a
# person prosecuted is also suspected (stage).
MULTI = {'exploitation', 'recruitment', 'transport', 'assistance', 'stage'}
# "suspects_by_year.csv and suspects_by_nationality.csv cover every suspect, whatever the year"
ALL_YEARS = {'suspects_by_year', 'suspects_by_nationality', 'by_year'}
# Summary metrics that do not depend on the period (every row read): equal across releases.
READ_ALL = re.compile(r'rows_(read|counted|rejected|blank)_|warnings$')
# UNODC's forms as unions of ours (docs/report-tables.md, unodc_victims_by_exploitation).
UNODC_FORMS = {
    'sexual_exploitation': ('sexual', 'child_pornography'),
    'forced_labour': ('labour', 'domestic_servitude', 'child_labour'),
    'organ_removal': ('organ_removal',),
    'other': ('begging', 'forced_criminality', 'sale_of_children', 'forced_marriage',
              'forced_military', 'illegal_adoption', 'other'),
    'unknown': ('unknown',),
}
SEXES, MINORS = ('female', 'male', 'unknown'), ('yes', 'no', 'unknown')
# "women, men: 18 or over; girls, boys: minors; unknown: sex or age unknown"
CATEGORY = {'girls': [('female', 'yes')], 'boys': [('male', 'yes')],
            'women': [('female', 'no')], 'men': [('male', 'no')],
            'unknown': [(s, m) for s in SEXES for m in MINORS
                        if s == 'unknown' or m == 'unknown']}
SEX_METRIC = {'female': 'victims_female', 'male': 'victims_male', 'unknown': 'victims_sex_unknown'}
AGE_METRIC = {'yes': 'victims_minor', 'no': 'victims_adult', 'unknown': 'victims_age_unknown'}


class Tables:
    """One release's (or a brief's, or a difference's) tables: cell(table, key, column) gives
    an expression, None when not printed. `latent` makes an unprinted table's cells variables
    (a region without a brief still has victims by sex and age)."""

    def __init__(self, model, name):
        self.m, self.name, self.t, self.order = model, name, {}, {}
        self.latent = False

    def read(self, tdir, k):
        for f in sorted(os.listdir(tdir)):
            tname = f[:-4]
            if not f.endswith('.csv') or tname not in SCHEMA:
                continue
            keys, cols = SCHEMA[tname]
            with open(os.path.join(tdir, f), encoding='utf-8') as fh:
                rows = list(csv.DictReader(fh))
            t, order = {}, []
            for r in rows:
                key = tuple(r[c] for c in keys)
                t[key] = {c: self.m.cell(r.get(c) or '', (self.name, tname, key, c), k)
                          for c in cols}
                order.append(key)
            self.t[tname], self.order[tname] = t, order
        return self

    def has(self, tname):
        return tname in self.t

    def rows(self, tname):
        return self.order.get(tname, [])

    def cell(self, tname, key, col):
        if tname not in self.t:
            if not self.latent:
                return None
            self.t[tname], self.order[tname] = {}, []
        t = self.t[tname]
        if key not in t:
            if self.latent:
                t[key] = {}
                self.order[tname].append(key)
            elif self.open_zero(tname) and 'total' not in key:
                return {None: 0}  # "open ones list the values that occur": absent is 0
            else:
                return None
        if col not in t[key]:
            if not self.latent:
                return None
            t[key][col] = self.m.var()
        return t[key][col]

    def open_zero(self, tname):
        return tname in ('cases_by_city', 'victims_by_nationality', 'victims_by_home',
                         'suspects_by_nationality', 'unodc_victims_by_citizenship',
                         'unodc_persons_by_citizenship', 'prevention', 'cases_by_region')

    def metric(self, name):
        return self.cell('summary', (name,), 'value')


class Diff(Tables):
    """The release of the days between two nested periods: the longer's cells less the
    shorter's, every one a count (0 or more)."""

    def __init__(self, model, name, short, long_):
        super().__init__(model, name)
        self.a, self.b = short, long_
        for tname in long_.t:
            if tname in ALL_YEARS:
                continue
            self.t[tname], self.order[tname] = {}, list(long_.order[tname])
            for key in long_.order[tname]:
                row = {}
                for col in SCHEMA[tname][1]:
                    if tname == 'summary' and (READ_ALL.match(key[0]) or
                                               key[0].startswith('period')):
                        continue
                    d = S(long_.cell(tname, key, col), neg(short.cell(tname, key, col)))
                    row[col] = d
                    if d is not None:
                        model.le('%s: %s %s %s >= 0' % (name, tname, key, col), (-1, d))
                self.t[tname][key] = row


def within(m, tb):
    """"Tables a reader could add up get the totals the documents print, as rows whose key
    columns say total": a total row is the sum of its rows (a multi-valued dimension: each row
    is at most the total, and together at least: every case or victim has one value, unknown
    included)."""
    for tname in list(tb.t):
        keys = SCHEMA[tname][0]
        for key in tb.rows(tname):
            tot = [i for i, v in enumerate(key) if v == 'total']
            if not tot:
                continue
            parts = [k2 for k2 in tb.rows(tname) if 'total' not in k2 and all(
                k2[i] == key[i] for i in range(len(key)) if i not in tot)]
            if not parts:
                continue
            multi = any(keys[i] in MULTI for i in tot)
            for col in SCHEMA[tname][1]:
                tv = tb.cell(tname, key, col)
                ps = [tb.cell(tname, p, col) for p in parts]
                label = '%s: %s %s %s = its rows' % (tb.name, tname, key, col)
                if not multi:
                    m.eq(label, (1, S(*ps)), (-1, tv))
                    continue
                for p in ps:
                    m.le(label, (1, p), (-1, tv))
                if len(tot) == 1 and keys[tot[0]] != 'stage':
                    m.le(label, (1, tv), (-1, S(*ps)))


def column_sum(m, tb, tname, col, total, label):
    """A single-valued breakdown adds up to its total ("every breakdown keeps its unknown row,
    so that each table sums to its total")."""
    if not tb.has(tname):
        return
    rows = [k for k in tb.rows(tname) if 'total' not in k]
    m.eq(label, (1, S(*[tb.cell(tname, k, col) for k in rows])), (-1, total))


def each_at_most(m, tb, tname, col, total, label, at_least_one=True):
    """A multi-valued breakdown: each row at most the total, together at least it."""
    if not tb.has(tname):
        return
    rows = [k for k in tb.rows(tname) if 'total' not in k]
    for k in rows:
        m.le(label, (1, tb.cell(tname, k, col)), (-1, total))
    if at_least_one:
        m.le(label, (1, total), (-1, S(*[tb.cell(tname, k, col) for k in rows])))


def bands(tb):
    """The age bands of victims_by_sex_age as (label, low, high) (high None: open)."""
    out = []
    for key in tb.rows('victims_by_sex_age'):
        b = key[1]
        g = re.fullmatch(r'(\d+)-(\d+)', b) or re.fullmatch(r'(\d+)\+()', b)
        if g and b not in [o[0] for o in out]:
            out.append((b, int(g.group(1)), int(g.group(2)) if g.group(2) else None))
    return sorted(out, key=lambda o: o[1])


def sex_by_minor(m, tb, sm):
    """Victims by sex and minor (sm[s, m], mostly unprinted) against the summary and the age
    bands: "A victim is a minor when the whole age is under 18"; an age given as a band counts
    in an output band "when it lies inside it (else in unknown)". So the minors are at least
    the bands under 18 and at most the bands that start under 18 and the unknown band, and
    exactly the band 0-17 when there is one (a minor's age lies inside it); adults likewise
    (exactly 18+); the victims of unknown age are in the unknown band."""
    n = tb.name
    for s in SEXES:
        m.eq('%s: %s = its minors, adults, unknown' % (n, SEX_METRIC[s]),
             (1, S(*[sm[s, a] for a in MINORS])), (-1, tb.metric(SEX_METRIC[s])))
    for a in MINORS:
        m.eq('%s: %s = its sexes' % (n, AGE_METRIC[a]),
             (1, S(*[sm[s, a] for s in SEXES])), (-1, tb.metric(AGE_METRIC[a])))
    if not tb.has('victims_by_sex_age'):
        return
    bs = bands(tb)
    inside = {'yes': [b for b, lo, hi in bs if hi is not None and hi < 18],
              'no': [b for b, lo, hi in bs if lo >= 18]}
    touch = {'yes': [b for b, lo, hi in bs if lo < 18],
             'no': [b for b, lo, hi in bs if hi is None or hi >= 18]}
    exact = {'yes': [b[1:] for b in bs if b[1] < 18] == [(0, 17)],
             'no': [b[1:] for b in bs if b[1] >= 18] == [(18, None)]}
    for s in SEXES + ('total',):
        cellv = lambda b: tb.cell('victims_by_sex_age', (s, b), 'victims')
        smv = (lambda a: sm[s, a]) if s != 'total' else (
            lambda a: S(*[sm[x, a] for x in SEXES]))
        unk = cellv('unknown')
        for a in ('yes', 'no'):
            lab = '%s: victims_by_sex_age %s bands of minor=%s' % (n, s, a)
            bsum = S({None: 0}, *[cellv(b) for b in inside[a]])
            if exact[a]:
                m.eq(lab, (1, bsum), (-1, smv(a)))
                continue
            m.le(lab, (1, bsum), (-1, smv(a)))
            m.le(lab, (1, smv(a)), (-1, S({None: 0}, *[cellv(b) for b in touch[a]])), (-1, unk))
        m.le('%s: age unknown in band unknown (%s)' % (n, s), (1, smv('unknown')), (-1, unk))


def region_link(m, nat, regions):
    """"all counting the region's cases of the period": the country is the sum of its regions
    (00 unknown included), each region printed in a brief or latent."""
    add = lambda label, part, whole: m.eq('%s: %s = its regions' % (nat.name, label),
                                          (1, S(*[part(r) for r in regions])), (-1, whole))
    for key in nat.rows('victims_by_sex_age'):
        add('victims_by_sex_age %s' % (key,),
            lambda r: r.cell('victims_by_sex_age', key, 'victims'),
            nat.cell('victims_by_sex_age', key, 'victims'))
    for f in our_forms(nat):
        add('exploitation %s' % f, lambda r: r.cell('victims_by_exploitation', (f,), 'victims'),
            nat.cell('exploitation', (f, 'total', 'total'), 'victims'))
    for mt in list(SEX_METRIC.values()) + list(AGE_METRIC.values()):
        add(mt, lambda r: r.metric(mt), nat.metric(mt))


def our_forms(nat):
    """Our forms of exploitation, as exploitation.csv lists them."""
    return sorted({k[0] for k in nat.rows('exploitation')})


def brief(m, b, nat, code):
    """A region's brief, or a latent one: its summary is its row of cases_by_region; its
    sexes, ages and forms add up as the country's do."""
    for mt, col in (('cases', 'cases'), ('victims', 'victims'), ('victims_minor', 'victims_minor')):
        m.eq('%s: summary %s = cases_by_region %s' % (b.name, mt, code),
             (1, b.metric(mt)), (-1, nat.cell('cases_by_region', (code,), col)))
    sm = {(s, a): m.var() for s in SEXES for a in MINORS}
    if b.latent and nat.has('victims_by_sex_age'):
        for key in nat.rows('victims_by_sex_age'):
            b.cell('victims_by_sex_age', key, 'victims')
    if b.latent:
        for f in our_forms(nat):
            b.cell('victims_by_exploitation', (f,), 'victims')
    within(m, b)
    sex_by_minor(m, b, sm)
    if b.has('victims_by_sex_age'):
        m.eq('%s: victims_by_sex_age = victims' % b.name,
             (1, S(*[b.cell('victims_by_sex_age', k, 'victims')
                     for k in b.rows('victims_by_sex_age') if 'total' not in k])),
             (-1, b.metric('victims')))
        for s in SEXES:
            m.eq('%s: victims_by_sex_age %s total' % (b.name, s),
                 (1, b.cell('victims_by_sex_age', (s, 'total'), 'victims')),
                 (-1, b.metric(SEX_METRIC[s])))
    each_at_most(m, b, 'victims_by_exploitation', 'victims', b.metric('victims'),
                 '%s: each form <= victims' % b.name)


def national(m, tb, period_only=False):
    """The identities of one public report (or of a difference of two)."""
    n, mt = tb.name, tb.metric
    within(m, tb)
    lab = lambda s: '%s: %s' % (n, s)
    # The summary's own sums: every victim has one sex and one age (unknown included).
    m.eq(lab('sexes = victims'), (1, S(*[mt(v) for v in SEX_METRIC.values()])), (-1, mt('victims')))
    m.eq(lab('ages = victims'), (1, S(*[mt(v) for v in AGE_METRIC.values()])), (-1, mt('victims')))
    for tname, col, total in (('cases_by_region', 'cases', 'cases'),
                              ('cases_by_region', 'victims', 'victims'),
                              ('cases_by_region', 'victims_minor', 'victims_minor'),
                              ('cases_by_city', 'cases', 'cases'),
                              ('cases_by_city', 'victims', 'victims'),
                              ('victims_by_home', 'victims', 'victims'),
                              ('victims_by_nationality', 'victims', 'victims'),
                              ('victims_by_sex_age', 'victims', 'victims'),
                              ('status', 'cases', 'cases'), ('source', 'cases', 'cases')):
        column_sum(m, tb, tname, col, mt(total), lab('%s %s = summary %s' % (tname, col, total)))
    for s in SEXES:
        m.eq(lab('victims_by_sex_age %s total = summary' % s),
             (1, tb.cell('victims_by_sex_age', (s, 'total'), 'victims')), (-1, mt(SEX_METRIC[s])))
    m.eq(lab('victims_by_sex_age total = victims'),
         (1, tb.cell('victims_by_sex_age', ('total', 'total'), 'victims')), (-1, mt('victims')))
    for tname in ('recruitment', 'transport'):
        each_at_most(m, tb, tname, 'cases', mt('cases'), lab('%s <= cases' % tname))
    each_at_most(m, tb, 'assistance', 'victims', mt('victims'), lab('assistance <= victims'))
    # "victims_assisted (victims who received a service)": at least any one service.
    for k in tb.rows('assistance'):
        if k[0] not in ('none', 'unknown'):
            m.le(lab('assistance %s <= victims_assisted' % k[0]),
                 (1, tb.cell('assistance', k, 'victims')), (-1, mt('victims_assisted')))
    # Victims by sex and minor: the summary, the bands, UNODC's categories, our forms.
    sm = {(s, a): m.var() for s in SEXES for a in MINORS}
    sex_by_minor(m, tb, sm)
    for cat, combos in CATEGORY.items():
        m.eq(lab('unodc_victims_by_citizenship total %s = sex x minor' % cat),
             (1, tb.cell('unodc_victims_by_citizenship', ('total', cat), 'victims')),
             (-1, S(*[sm[c] for c in combos])))
    forms = our_forms(tb)
    E = lambda f, c: tb.cell('exploitation', (f,) + c, 'victims')
    if tb.has('exploitation'):
        for c in sm:
            for f in forms:
                m.le(lab('exploitation %s %s <= its victims' % (f, c)), (1, E(f, c)), (-1, sm[c]))
            m.le(lab('every victim has a form %s' % (c,)), (1, sm[c]),
                 (-1, S(*[E(f, c) for f in forms])))
    if tb.has('exploitation') and tb.has('unodc_victims_by_exploitation'):
        for F, ours in UNODC_FORMS.items():
            for cat, combos in CATEGORY.items():
                u = tb.cell('unodc_victims_by_exploitation', (F, cat), 'victims')
                lb = lab('unodc %s %s against our forms %s' % (F, cat, ours))
                for f in ours:
                    m.le(lb, (1, S(*[E(f, c) for c in combos])), (-1, u))
                m.le(lb, (1, u), (-1, S(*[E(f, c) for f in ours for c in combos])))
    # unodc_victims_by_citizenship: a country's categories are its victims by nationality.
    for k in tb.rows('unodc_victims_by_citizenship'):
        if k[0] != 'total' and k[1] == 'women':
            m.eq(lab('unodc citizenship %s = victims_by_nationality' % k[0]),
                 (1, S(*[tb.cell('unodc_victims_by_citizenship', (k[0], c), 'victims')
                         for c in CATEGORY])),
                 (-1, tb.cell('victims_by_nationality', (k[0],), 'victims')))
    # prevention: "cases that reached the authorities through the hotline or the media, by
    # region: the regions with any"; a region's at most its cases.
    if tb.has('prevention'):
        for src in ('hotline', 'media'):
            m.eq(lab('prevention %s = source' % src),
                 (1, S(*[tb.cell('prevention', k, 'cases') for k in tb.rows('prevention')
                         if k[1] == src and k[0] != 'total'])),
                 (-1, tb.cell('source', (src,), 'cases')))
        for k in tb.rows('prevention'):
            if k[0] != 'total':
                m.le(lab('prevention %s <= region cases' % (k,)),
                     (1, tb.cell('prevention', k, 'cases')),
                     (-1, tb.cell('cases_by_region', (k[0],), 'cases')))
    suspects(m, tb, period_only)


def suspects(m, tb, period_only):
    n, mt = tb.name, tb.metric
    lab = lambda s: '%s: %s' % (n, s)
    ps = lambda st, s: tb.cell('unodc_persons_by_sex', (st, s), 'persons')
    # unodc_persons_by_sex: "suspected: suspects identified in the period; prosecuted,
    # convicted: those of them who were"
    for s, metric in (('female', 'suspects_female'), ('male', 'suspects_male'),
                      ('total', 'suspects_identified')):
        m.eq(lab('persons suspected %s = summary' % s), (1, ps('suspected', s)), (-1, mt(metric)))
    for st in ('prosecuted', 'convicted'):
        m.eq(lab('persons %s total = summary' % st), (1, ps(st, 'total')),
             (-1, mt('suspects_' + st)))
        for s in ('female', 'male', 'unknown', 'total'):
            m.le(lab('persons %s %s <= suspected' % (st, s)), (1, ps(st, s)), (-1, ps('suspected', s)))
    m.le(lab('detained <= identified'), (1, mt('suspects_detained')), (-1, mt('suspects_identified')))
    m.le(lab('foreign <= identified'), (1, mt('suspects_foreign')), (-1, mt('suspects_identified')))
    # tip_law_enforcement: investigations are the period's cases, prosecutions and
    # convictions the suspects'; labour at most the total.
    te = lambda k, c: tb.cell('tip_law_enforcement', (k,), c)
    for k, metric in (('investigations', 'cases'), ('prosecutions', 'suspects_prosecuted'),
                      ('convictions', 'suspects_convicted')):
        m.eq(lab('tip %s = summary' % k), (1, te(k, 'total')), (-1, mt(metric)))
        m.le(lab('tip %s labour <= total' % k), (1, te(k, 'labour')), (-1, te(k, 'total')))
    pc = 'unodc_persons_by_citizenship'
    if tb.has(pc):
        cits = sorted({k[0] for k in tb.rows(pc)})
        for st, metric in (('suspected', 'suspects_identified'), ('prosecuted', 'suspects_prosecuted'),
                           ('convicted', 'suspects_convicted')):
            m.eq(lab('persons by citizenship %s = summary' % st),
                 (1, S(*[tb.cell(pc, (c, st), 'persons') for c in cits])), (-1, mt(metric)))
        m.eq(lab('persons by citizenship abroad = suspects_foreign'),
             (1, S(*[tb.cell(pc, (c, 'suspected'), 'persons') for c in cits
                     if c not in ('Peru', 'unknown')])), (-1, mt('suspects_foreign')))
        for c in cits:
            for st in ('prosecuted', 'convicted'):
                m.le(lab('%s %s <= suspected' % (c, st)), (1, tb.cell(pc, (c, st), 'persons')),
                     (-1, tb.cell(pc, (c, 'suspected'), 'persons')))
            if not period_only and tb.has('suspects_by_nationality'):
                m.le(lab('%s suspected <= all years' % c), (1, tb.cell(pc, (c, 'suspected'), 'persons')),
                     (-1, tb.cell('suspects_by_nationality', (c,), 'suspects')))
    if period_only:
        return
    sy = lambda y, c: tb.cell('suspects_by_year', (y,), c)
    for y in tb.rows('suspects_by_year'):
        y = y[0]
        for parts in (('female', 'male', 'sex_unknown'),
                      ('peruvian', 'foreign', 'nationality_unknown')):
            m.eq(lab('suspects_by_year %s %s' % (y, parts)),
                 (1, S(*[sy(y, p) for p in parts])), (-1, sy(y, 'identified')))
        for p in ('detained', 'prosecuted', 'convicted'):
            m.le(lab('suspects_by_year %s %s' % (y, p)), (1, sy(y, p)), (-1, sy(y, 'identified')))
    if tb.has('suspects_by_nationality') and tb.has('suspects_by_year'):
        nat = [k for k in tb.rows('suspects_by_nationality')]
        m.eq(lab('suspects_by_nationality = all years'),
             (1, S(*[tb.cell('suspects_by_nationality', k, 'suspects') for k in nat])),
             (-1, sy('total', 'identified')))
        m.eq(lab('suspects_by_nationality Peru'), (1, tb.cell('suspects_by_nationality', ('Peru',), 'suspects')),
             (-1, sy('total', 'peruvian')))
        m.eq(lab('suspects_by_nationality unknown'),
             (1, tb.cell('suspects_by_nationality', ('unknown',), 'suspects')),
             (-1, sy('total', 'nationality_unknown')))
    by_year(m, tb)
    # The period's suspects against the years it touches (equal when it is whole years).
    pf, pt = getattr(tb, 'period', (None, None))
    if pf and tb.has('suspects_by_year'):
        years = [k[0] for k in tb.rows('suspects_by_year') if k[0] != 'total'
                 and pf[:4] <= k[0] <= pt[:4]]
        whole = pf[5:] == '01-01' and pt[5:] == '12-31'
        for metric, col in (('suspects_identified', 'identified'), ('suspects_female', 'female'),
                            ('suspects_male', 'male'), ('suspects_foreign', 'foreign'),
                            ('suspects_detained', 'detained'), ('suspects_prosecuted', 'prosecuted'),
                            ('suspects_convicted', 'convicted')):
            terms = ((1, mt(metric)), (-1, S({None: 0}, *[sy(y, col) for y in years])))
            (m.eq if whole else m.le)(lab('%s against its years' % metric), *terms)


def by_year(m, tb):
    """by_year.csv: "every case counted and its victims, whatever the period, by the year it
    was reported, and every suspect by the year identified (as suspects_by_year.csv counts
    them)"; a case dated by a range of years under the range. The period's counts are at most
    those of the years it touches, and as many when it is whole years (a case dated by a year
    or month counts in a period only when the whole of it lies inside)."""
    if not tb.has('by_year'):
        return
    lab = lambda s: '%s: by_year %s' % (tb.name, s)
    by = lambda y, c: tb.cell('by_year', (y,), c)
    for (y,) in tb.rows('by_year'):
        m.le(lab('%s sexes <= victims' % y), (1, by(y, 'victims_female')),
             (1, by(y, 'victims_male')), (-1, by(y, 'victims')))
        m.le(lab('%s minors <= victims' % y), (1, by(y, 'victims_minor')), (-1, by(y, 'victims')))
        for c in ('identified', 'detained', 'prosecuted', 'convicted'):
            if by(y, 'suspects_' + c) is not None and tb.has('suspects_by_year'):
                m.eq(lab('%s suspects_%s = suspects_by_year' % (y, c)),
                     (1, by(y, 'suspects_' + c)), (-1, tb.cell('suspects_by_year', (y,), c)))
    pf, pt = getattr(tb, 'period', (None, None))
    if not pf:
        return
    span = lambda y: (y[:4], y[-4:])  # 2014 or 2014-2018
    touch = [y for (y,) in tb.rows('by_year') if span(y)[0] <= pt[:4] and pf[:4] <= span(y)[1]]
    whole = pf[5:] == '01-01' and pt[5:] == '12-31' and all(
        pf[:4] <= span(y)[0] and span(y)[1] <= pt[:4] for y in touch)
    for c in ('cases', 'victims', 'victims_female', 'victims_male', 'victims_minor'):
        terms = ((1, tb.metric(c)), (-1, S({None: 0}, *[by(y, c) for y in touch])))
        (m.eq if whole else m.le)(lab('period %s against its years' % c), *terms)


def load(model, args, k_default):
    """Reads every release; returns national releases {name: Tables} and briefs {name: [(code,
    Tables)]}."""
    nats, briefs = {}, {}
    for arg in args:
        name, d = arg.split('=', 1)
        if os.path.isdir(os.path.join(d, 'tables')):
            d = os.path.join(d, 'tables')
        marks = [int(x) for f in os.listdir(d) if f.endswith('.csv')
                 for x in re.findall(r'<(\d+)', open(os.path.join(d, f), encoding='utf-8').read())]
        k = max(marks) if marks else k_default
        if '@' in name:
            rel, code = name.split('@')
            briefs.setdefault(rel, []).append((code, Tables(model, name).read(d, k)))
        else:
            tb = Tables(model, name).read(d, k)
            tb.period = tuple(read_text(d, p) for p in ('period_from', 'period_to'))
            nats[name] = tb
    return nats, briefs


def read_text(d, metric):
    with open(os.path.join(d, 'summary.csv'), encoding='utf-8') as fh:
        for r in csv.DictReader(fh):
            if r['metric'] == metric:
                return r['value']


def link_releases(m, nats, briefs):
    """Releases of one dataset, by their printed periods; a region's briefs of two nested
    periods, like the reports, leave the brief of the days between."""
    names = list(nats)
    for a, b in itertools.permutations(names, 2):
        A, B = nats[a], nats[b]
        (af, at), (bf, bt) = A.period, B.period
        if (af, at) == (bf, bt):
            if names.index(a) < names.index(b):
                same(m, A, B)
        elif bf <= af and at <= bt:
            for tname in A.t:
                if tname in ALL_YEARS:
                    for key in set(A.rows(tname)) | set(B.rows(tname)):
                        for col in SCHEMA[tname][1]:
                            m.eq('%s against %s: %s' % (a, b, tname), (1, A.cell(tname, key, col)),
                                 (-1, B.cell(tname, key, col)))
            for key in A.rows('summary'):
                if READ_ALL.match(key[0]):
                    m.eq('%s against %s: %s' % (a, b, key[0]), (1, A.metric(key[0])),
                         (-1, B.metric(key[0])))
            D = Diff(m, '%s-%s' % (b, a), A, B)
            national(m, D, period_only=True)
            ba, bb = dict(briefs.get(a, [])), dict(briefs.get(b, []))
            for code in sorted(set(ba) & set(bb)):
                brief(m, Diff(m, '%s-%s@%s' % (b, a, code), ba[code], bb[code]), D, code)
        elif (not (at < bf or bt < af) and not (af <= bf and bt <= at)
              and names.index(a) < names.index(b)):
            print('note: %s and %s overlap without one inside the other: not linked' % (a, b))


def same(m, A, B):
    for tname in set(A.t) | set(B.t):
        for key in set(A.rows(tname)) | set(B.rows(tname)):
            for col in SCHEMA[tname][1]:
                m.eq('%s = %s: %s %s' % (A.name, B.name, tname, key), (1, A.cell(tname, key, col)),
                     (-1, B.cell(tname, key, col)))


def build(m, nats, briefs):
    for name, tb in nats.items():
        national(m, tb)
        given = dict(briefs.get(name, []))
        for code, b in given.items():
            within(m, b)
        if not given:
            continue
        regions = []
        for key in tb.rows('cases_by_region'):
            code = key[0]
            if code == 'total':
                continue
            b = given.get(code)
            if b is None or not b.has('victims_by_sex_age'):
                lat = Tables(m, '%s@%s(latent)' % (name, code))
                lat.latent = True
                if b is not None:  # a short brief: its summary is printed, the rest latent
                    lat.t['summary'], lat.order['summary'] = b.t['summary'], b.order['summary']
                b = lat
            brief(m, b, tb, code)
            regions.append(b)
        region_link(m, tb, regions)
    # briefs of releases with the same period: one region, one count
    names = list(nats)
    for a, c in itertools.combinations(names, 2):
        if nats[a].period == nats[c].period:
            bc = dict(briefs.get(c, []))
            for code, b in briefs.get(a, []):
                if code in bc:
                    same(m, b, bc[code])
    link_releases(m, nats, briefs)


def printed_marks(m, nats, x_min):
    """For a cell of a national release, what the releases of the same period printed of it,
    together (the tightest of their marks), and the smallest K among them: what a later one
    cannot hide again. A cell the attacker bounds to just that is no disclosure, and a count
    is small by the smallest K that hid it (a K=5 release cannot take back what K=3 gave)."""
    ranges, ks = {}, {}
    for h in m.hidden:
        mk = h[5]
        r = (1, int(mk[1:]) - 1) if mk.startswith('<') else (x_min, BIG)
        ranges.setdefault((h[1],) + tuple(h[2:5]), r)
        ks[(h[1],) + tuple(h[2:5])] = h[6]
    by_period = {}
    for name, tb in nats.items():
        by_period.setdefault(tb.period, []).append(name)
    out = {}
    for (rel, t, row, col), r in ranges.items():
        if rel not in nats or len(by_period[nats[rel].period]) < 2:
            continue
        lo, hi = r
        k = ks[(rel, t, row, col)]
        for other in by_period[nats[rel].period]:
            o = ranges.get((other, t, row, col))
            if o:
                lo, hi = max(lo, o[0]), min(hi, o[1])
                k = min(k, ks[(other, t, row, col)])
            elif other != rel:
                e = nats[other].t.get(t, {}).get(row, {}).get(col)
                if e and list(e) == [None]:  # shown there
                    lo = hi = e[None]
        out[(rel, t, row, col)] = (lo, hi, k)
    return out


def main():
    args = sys.argv[1:]
    x_min, k_default, truth = 0, 3, {}
    while args and args[0].startswith('--'):
        o = args.pop(0)
        if o == '--x-positive':
            x_min = 1
        elif o == '--k':
            k_default = int(args.pop(0))
        elif o == '--truth':  # NAME=DIR: the full run of release NAME, to check each finding
            name, d = args.pop(0).split('=', 1)
            truth[name] = os.path.join(d, 'tables') if os.path.isdir(d + '/tables') else d
        else:
            sys.exit('attack_public.py: unknown option %s' % o)
    if not args:
        sys.exit(__doc__)
    m = Model(x_min)
    nats, briefs = load(m, args, k_default)
    build(m, nats, briefs)
    result = solve(m)
    found = wrong = 0
    printed = printed_marks(m, nats, x_min)
    for h in m.hidden:
        lo, hi = result.get(h[0], (None, None))
        where = '%s %s %s %s' % (h[1], h[2], ','.join(h[3]), h[4])
        seen = printed.get((h[1],) + tuple(h[2:5]))
        if lo is not None and disclosed(h[5], seen[2] if seen else h[6], lo, hi) and \
                (not seen or seen[:2] != (lo, hi)):
            found += 1
            val = str(lo) if lo == hi else '%d..%s' % (lo, hi if hi < BIG else 'inf')
            print('disclosed: %s: printed %s, is %s' % (where, h[5], val))
        true = true_value(truth[h[1]], h) if h[1] in truth and lo is not None else None
        if true is not None and not lo <= true <= hi:
            print('wrong: %s is %d, not %d..%d: the attacker assumed what is not so' %
                  (where, true, lo, hi))
            wrong += 1
    print('%d releases, %d hidden counts, %d identities, %d disclosed' %
          (len(nats) + sum(len(b) for b in briefs.values()), len(m.hidden),
           len(m.eqs) + len(m.les), found))
    sys.exit(2 if wrong else 1 if found else 0)


def true_value(d, h):
    """A hidden count's value in the full (non-public) run's tables: the test's check of the
    attacker, never the attack."""
    keys, _ = SCHEMA[h[2]]
    want = h[3]
    if any(w == 'total' and keys[i] in MULTI for i, w in enumerate(want)):
        return None  # a multi-valued total is not the sum of its rows
    total = 0  # rows not listed are 0; a total row (the full run has none) is its rows' sum
    with open(os.path.join(d, h[2] + '.csv'), encoding='utf-8') as fh:
        for r in csv.DictReader(fh):
            got = [r[c] for c in keys]
            if 'total' not in got and all(w in ('total', g) for w, g in zip(want, got)):
                total += int(r[h[4]])
    return total


if __name__ == '__main__':
    main()
