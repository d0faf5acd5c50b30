#!/usr/bin/python3
"""sample_figures.py OUT: the figures Peru published in 2008, which the sample export in input/
must reproduce for 1 April 2007 - 29 February 2008 (issue 2; input/README.md), and the
international tables' figures counted by hand from the same files."""
import csv, os, sys

out = sys.argv[1]


def table(name):
    with open(os.path.join(out, 'tables', name + '.csv'), encoding='utf-8') as f:
        return list(csv.DictReader(f))


summary = {r['metric']: r['value'] for r in table('summary')}
sa = {(r['sex'], r['age_band']): int(r['victims']) for r in table('victims_by_sex_age')}
city = {r['city']: int(r['cases']) for r in table('cases_by_city')}
years = {r['year']: r for r in table('suspects_by_year')}
nat = {r['nationality']: int(r['suspects']) for r in table('suspects_by_nationality')}
routes = table('routes')
series = {r['year']: r for r in table('by_year')}
YEARS = ('2004', '2005', '2006', '2007', '2008')
want = [
    ('period', (summary['period_from'], summary['period_to']), ('2007-04-01', '2008-02-29')),
    ('cases', summary['cases'], '39'),
    ('victims', summary['victims'], '93'),
    ('female victims', summary['victims_female'], '90'),
    ('female 0-17', sa[('female', '0-17')], 48),
    ('female 18-30', sa[('female', '18-30')], 42),
    ('male victims', summary['victims_male'], '3'),
    ('male 0-17', sa[('male', '0-17')], 3),
    ('male 18-30', sa[('male', '18-30')], 0),
    ('cases in Puno', city['Puno'], 10),
    ('cases in Cusco', city['Cusco'], 8),
    ('cases in Pucallpa and Iquitos', city['Pucallpa'] + city['Iquitos'], 9),
    ('suspects per year 2004-2008', [int(years[y]['identified']) for y in
                                     ('2004', '2005', '2006', '2007', '2008')], [8, 14, 39, 96, 12]),
    ('suspects: women', sum(int(r['female']) for r in years.values()), 84),
    ('suspects: men', sum(int(r['male']) for r in years.values()), 85),
    ('suspects: foreign', sum(int(r['foreign']) for r in years.values()), 18),
    ('foreign by country', [nat.get(c, 0) for c in ('Ecuador', 'Japan', 'Philippines', 'Gabon',
                                                    'Uruguay', 'Colombia')], [7, 7, 1, 1, 1, 1]),
    ('suspects: detained', sum(int(r['detained']) for r in years.values()), 60),
    # The series (issue 12): the cases' register starts in September 2006 and the data end in
    # February 2008, so both years are part years; suspects go back to 2004, before any case.
    ('series: suspects identified 2004-2008', [int(series[y]['suspects_identified']) for y in
                                               YEARS], [8, 14, 39, 96, 12]),
    ('series: cases 2004-2008', [series[y]['cases'] for y in YEARS], ['', '', '2', '35', '11']),
    ('series: part years', [series[y]['partial'] for y in YEARS], ['no', 'no', 'yes', 'no', 'yes']),
    ('main routes', [(r['origin'], r['transit'], r['destination']) for r in routes[:3]],
     [('Cusco', '', 'Arequipa'), ('Cusco', '', 'Puno'), ('San Martín', 'Huánuco', 'Pasco')]),
]
# The international tables (issue 5), counted by hand from input/: every victim of the period
# is Peruvian, so UNODC's categories by citizenship are the published figures; 16 of the 39
# cases have a labour form (laboral, mendicidad, trabajo doméstico, or sexual and laboral);
# the victims of sexual cases are 75 and of labour ones 33 (the exploitation table's sums);
# of the 89 suspects identified in the period 15 were prosecuted, 6 of them in labour cases
# (T0072, T0074, T0087, T0099, T0112, T0139, by their case_id), and none was convicted.
unodc_cit = {(r['citizenship'], r['category']): int(r['victims'])
             for r in table('unodc_victims_by_citizenship')}
unodc_exp = {}
for r in table('unodc_victims_by_exploitation'):
    unodc_exp[r['exploitation']] = unodc_exp.get(r['exploitation'], 0) + int(r['victims'])
tip = {r['measure']: (r['total'], r['labour']) for r in table('tip_law_enforcement')}
by_sex = {(r['stage'], r['sex']): int(r['persons']) for r in table('unodc_persons_by_sex')}
want += [
    ('UNODC: Peruvian women, men, girls, boys, unknown',
     [unodc_cit[('Peru', c)] for c in ('women', 'men', 'girls', 'boys', 'unknown')],
     [42, 0, 48, 3, 0]),
    ('UNODC: victims by form', [unodc_exp[f] for f in ('sexual_exploitation', 'forced_labour',
                                                        'organ_removal', 'other', 'unknown')],
     [75, 33, 0, 1, 0]),
    ('UNODC: suspected women, men', [by_sex[('suspected', 'female')], by_sex[('suspected', 'male')]],
     [47, 42]),
    ('TIP: investigations', tip['investigations'], ('39', '16')),
    ('TIP: prosecutions', tip['prosecutions'], ('15', '6')),
    ('TIP: convictions', tip['convictions'], ('0', '0')),
]
# Where victims come from (issue 12), counted by hand from victimas.csv's Procedencia and the
# case's Departamento: Cusco, Cuzco and "Cusco, Perú" victims of Puno cases (region 21) 9 + 3
# + 3; Puno, Azángaro and Ilave in Puno 7 + 2 + 1; San Martín and Tarapoto in Pasco 4 + 4;
# Huancayo (Junín) in Lima 3. Every victim of the period has a home, so the pairs add up to 93.
# From Cusco, 43 in all: 18 in Cusco, 15 in Puno, 7 in Arequipa, 3 in Madre de Dios.
flows = {(r['home'], r['region']): int(r['victims']) for r in table('victims_by_home_region')}
home = {r['home']: int(r['victims']) for r in table('victims_by_home')}
want += [
    ('home: Cusco in Puno, Puno in Puno, San Martín in Pasco, Junín in Lima',
     [flows.get(k, 0) for k in (('Cusco', 'Puno'), ('Puno', 'Puno'), ('San Martín', 'Pasco'),
                                ('Junín', 'Lima'))], [15, 10, 8, 3]),
    ('home: every victim once', (sum(flows.values()), sum(home.values())), (93, 93)),
    ('home: from Cusco', (home['Cusco'], sum(v for (h, _), v in flows.items() if h == 'Cusco')),
     (43, 43)),
]
bad = [(w, got, exp) for w, got, exp in want if got != exp]
for w, got, exp in bad:
    print('sample: %s is %s, published %s' % (w, got, exp))
sys.exit(1 if bad else 0)
