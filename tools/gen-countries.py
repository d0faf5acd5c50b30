#!/usr/bin/python3
"""gen-countries.py: writes templates/places/countries.csv from Debian's iso-codes (names in
English and, through its Spanish translation, in Spanish) and tools/countries-extra.csv (common
names, demonyms, aliases, and the capital's latitude and longitude, for the map's routes abroad). Run by hand when either changes; the output is committed."""
import csv, gettext, json, sys

ISO = '/usr/share/iso-codes/json/iso_3166-1.json'
MO = '/usr/share/locale/es/LC_MESSAGES/iso_3166-1.mo'

def main(out):
    data = json.load(open(ISO, encoding='utf-8'))['3166-1']
    es = gettext.GNUTranslations(open(MO, 'rb'))
    extra = {r['alpha2']: r for r in csv.DictReader(open('tools/countries-extra.csv', encoding='utf-8'))}
    rows = []
    for c in sorted(data, key=lambda c: c['alpha_2']):
        a2 = c['alpha_2']
        x = extra.get(a2, {})
        name = x.get('name') or c.get('common_name') or c['name']
        aliases = []
        for n in (c['name'], c.get('official_name'), c.get('common_name')):
            if n and n != name:
                aliases.append(n)
        for n in (c['name'], c.get('official_name')):
            if n:
                t = es.gettext(n)
                if t != n:
                    aliases.append(t)
        if x.get('name_es'):
            aliases.append(es.gettext(c['name']))
        name_es = x.get('name_es') or es.gettext(c['name'])
        if x.get('aliases'):
            aliases += x['aliases'].split(';')
        seen, uniq = set(), []
        for a in aliases:
            if a and a not in seen and a != name and a != name_es:
                seen.add(a)
                uniq.append(a)
        rows.append([a2, c['alpha_3'], name, name_es, ';'.join(uniq), x.get('latitude', ''), x.get('longitude', '')])
    with open(out, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['alpha2', 'alpha3', 'name', 'name_es', 'aliases', 'latitude', 'longitude'])
        w.writerows(rows)

main(sys.argv[1] if len(sys.argv) > 1 else 'templates/places/countries.csv')
