#!/usr/bin/python3
"""check_places.py: no name, Spanish name or alias in templates/places/countries.csv means two
countries once folded (case, accents, punctuation), so a nationality never depends on order."""
import collections, csv, sys, unicodedata


def fold(s):
    s = unicodedata.normalize('NFKD', s).casefold()
    return ''.join(ch for ch in s if unicodedata.category(ch)[0] in 'LN')


names = collections.defaultdict(set)
for r in csv.DictReader(open('templates/places/countries.csv', encoding='utf-8')):
    for n in [r['name'], r['name_es']] + [a for a in r['aliases'].split(';') if a]:
        names[fold(n)].add(r['alpha2'])
clashes = {k: sorted(v) for k, v in names.items() if len(v) > 1}
for k, v in sorted(clashes.items()):
    print('countries.csv: %r means %s' % (k, ' and '.join(v)))
sys.exit(1 if clashes else 0)
