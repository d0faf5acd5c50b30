#!/usr/bin/python3
"""check_docs.py [TIPREPORT]: every header alias and value word of the reta profile, and every
code, appears in docs/input-format.md, so the documentation cannot fall behind the profile
(and each [attribution] key in docs/profiles.md);
with TIPREPORT, every table of its --list-tables has its line in docs/report-tables.md with
the definition's columns, and every keyed row (summary's metrics) is named there."""
import configparser, csv, re, subprocess, sys

c = configparser.ConfigParser(inline_comment_prefixes=(';',), interpolation=None, strict=False)
c.optionxform = str
c.read('templates/profiles/reta.ini', encoding='utf-8')
doc = open('docs/input-format.md', encoding='utf-8').read().lower()
missing, unexplained = [], []
profiles_doc = open('docs/profiles.md', encoding='utf-8').read()
for key in c['attribution'] if c.has_section('attribution') else []:
    # Not aliases: the source's words, whose keys docs/profiles.md explains.
    if '`%s`' % key.split('.')[0] not in profiles_doc:
        unexplained.append(key)
for sec in c.sections():
    if sec in ('profile', 'attribution'):
        continue
    for key, value in c[sec].items():
        if '`%s`' % key.lower() not in doc:
            missing.append('[%s] %s' % (sec, key))
        for word in re.split(r'[,\n]', value):
            word = word.strip().lower()
            if word and word not in doc:
                missing.append('[%s] %s: %s' % (sec, key, word))
for m in missing:
    print('docs/input-format.md lacks', m)
for m in unexplained:
    print('docs/profiles.md lacks [attribution]', m)

undocumented = []
if len(sys.argv) > 1:
    listing = subprocess.run([sys.argv[1], '--list-tables'], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    tables = open('docs/report-tables.md', encoding='utf-8').read()
    cols, rows = {}, {}
    for d in csv.DictReader(listing, delimiter='\t'):
        if d['role'] == 'row':
            rows.setdefault(d['table'], []).append(d['column'])
        elif d['role'] not in ('table', 'sum_in_row', 'sum_of_rows'):
            cols.setdefault(d['table'], []).append(d['column'])
    for name, want in cols.items():
        lines = [l for l in tables.splitlines() if l.startswith('| `%s.csv` |' % name)]
        got = [[c.strip() for c in l.split('|')[2].split(',') if c.strip() != 'suppressed']
               for l in lines]
        if want not in got:
            undocumented.append('%s.csv with columns %s' % (name, ', '.join(want)))
        for row in rows.get(name, []):  # rows_read_cases: `rows_read_*` will do
            pattern = re.sub(r'_(cases|victims|suspects)$', '_*', row)
            if '`%s`' % row not in tables and '`%s`' % pattern not in tables:
                undocumented.append('%s.csv: its row %s' % (name, row))
for m in undocumented:
    print('docs/report-tables.md lacks', m)
sys.exit(1 if missing or unexplained or undocumented else 0)
