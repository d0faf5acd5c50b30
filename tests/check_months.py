#!/usr/bin/env python3
"""check_months.py OUT: the sample's by_month.csv against the months counted by hand from
input/ (the period of input/tipreport.ini): cases by the month of Fecha Denuncia, a row
whose date is not a real date or whose ID_CASO repeats an earlier one left out (as the
data-quality list says), victims by their case's month, each ID_VICTIMA once."""
import collections
import csv
import datetime
import sys


def day(text):
    text = text.strip().split(' ')[0].split('T')[0]
    try:
        if '/' in text:
            d, m, y = map(int, text.split('/'))
        else:
            y, m, d = map(int, text.split('-'))
        return datetime.date(y, m, d)
    except ValueError:
        return None


def main(out):
    lo, hi = datetime.date(2007, 4, 1), datetime.date(2008, 2, 29)
    cases, seen = {}, set()
    with open('input/casos.csv', encoding='utf-8-sig', newline='') as f:
        for row in csv.DictReader(f):
            cid, d = row['ID_CASO'].strip(), day(row['Fecha Denuncia'])
            if not cid or cid in seen:
                continue
            seen.add(cid)
            if d and lo <= d <= hi:
                cases[cid] = (d.year, d.month)
    want = {(y, m): [0, 0] for y, m in [(2007, m) for m in range(4, 13)] + [(2008, 1), (2008, 2)]}
    for month in cases.values():
        want[month][0] += 1
    victims = set()
    with open('input/victimas.csv', encoding='cp1252', newline='') as f:
        for row in csv.DictReader(f, delimiter=';'):
            vid, cid = row['ID_VICTIMA'].strip(), row['ID_CASO'].strip()
            if vid and vid not in victims and cid in cases:
                want[cases[cid]][1] += 1
            victims.add(vid)
    with open(f'{out}/tables/by_month.csv', newline='') as f:
        rows = list(csv.DictReader(f))
    got = {(int(r['year']), int(r['month'])): [int(r['cases']), int(r['victims'])] for r in rows}
    bad = []
    if got != want:
        bad.append(f'by_month.csv {sorted(got.items())}, by hand {sorted(want.items())}')
    if [(int(r['year']), int(r['month'])) for r in rows] != sorted(want):
        bad.append('the months are not every month of the period in order')
    if any(r['partial'] != 'no' for r in rows):
        bad.append('a part month, but the data run from 2006 to November 2008')
    with open(f'{out}/tables/summary.csv', newline='') as f:
        summary = {r['metric']: r['value'] for r in csv.DictReader(f)}
    minors = sum(int(r['victims_minor']) for r in rows)
    if str(minors) != summary['victims_minor']:
        bad.append(f"minors {minors}, summary {summary['victims_minor']}")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
