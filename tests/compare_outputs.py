#!/usr/bin/python3
"""compare_outputs.py EXPECTED ACTUAL: the output folder must equal the reviewed golden one.
Text files are compared line by line; workbooks structurally: unzipped, the same parts, each
part's XML the same, with a readable diff of the first part that differs. Everything in a
workbook is compared, dates included: they are pinned to the data's date."""
import difflib, os, re, sys, zipfile

expected, actual = sys.argv[1], sys.argv[2]
problems = []


def files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root)
                  for d, _, names in os.walk(root) for f in names)


def xml_lines(data):
    return re.sub(rb'>\s*<', b'>\n<', data).decode('utf-8', 'replace').splitlines()


def show(name, a, b):
    diff = list(difflib.unified_diff(a, b, 'expected/' + name, 'actual/' + name, lineterm='', n=2))
    problems.append('\n'.join(diff[:40]) + ('\n...' if len(diff) > 40 else ''))


want, got = files(expected), files(actual)
for name in sorted(set(want) ^ set(got)):
    problems.append('%s: only in %s' % (name, 'expected' if name in want else 'the output'))
for name in sorted(set(want) & set(got)):
    a, b = os.path.join(expected, name), os.path.join(actual, name)
    if name.endswith('.xlsx'):
        za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
        pa, pb = sorted(za.namelist()), sorted(zb.namelist())
        if pa != pb:
            problems.append('%s: parts differ: %s' % (name, sorted(set(pa) ^ set(pb))))
            continue
        for part in pa:
            if za.read(part) != zb.read(part):
                show('%s/%s' % (name, part), xml_lines(za.read(part)), xml_lines(zb.read(part)))
                break
    else:
        ta, tb = open(a, 'rb').read(), open(b, 'rb').read()
        if ta != tb:
            show(name, ta.decode('utf-8', 'replace').splitlines(), tb.decode('utf-8', 'replace').splitlines())
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
