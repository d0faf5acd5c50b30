#!/usr/bin/python3
"""check_docs.py: every header alias and value word of the reta profile, and every code,
appears in docs/input-format.md, so the documentation cannot fall behind the profile."""
import configparser, re, sys

c = configparser.ConfigParser(inline_comment_prefixes=(';',), interpolation=None, strict=False)
c.optionxform = str
c.read('templates/profiles/reta.ini', encoding='utf-8')
doc = open('docs/input-format.md', encoding='utf-8').read().lower()
missing = []
for sec in c.sections():
    if sec == 'profile':
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
sys.exit(1 if missing else 0)
