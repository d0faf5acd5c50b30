#!/usr/bin/python3
"""compare_outputs.py EXPECTED ACTUAL: the output folder must equal the reviewed golden one.
Text files are compared line by line; workbooks structurally: unzipped, the same parts, each
part's XML the same, with a readable diff of the first part that differs. Everything in a
workbook is compared, dates included: they are pinned to the data's date. Pictures in a
workbook (the map) are compared by size in pixels: their anti-aliasing belongs to cairo's
version, their geometry to tests/unit. A PDF is compared by its text: the golden holds
report.pdf.txt (pdftotext -layout, pages split by form feeds) instead of the PDF; an HTML page
by its text too (report.html.txt, from tests/html_text.py: blocks, table cells, each chart's
name and description, not the drawings' coordinates)."""
import difflib, os, re, struct, subprocess, sys, zipfile

from html_text import html_text

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


def png_size(data):
    return struct.unpack('>II', data[16:24]) if data[:8] == b'\x89PNG\r\n\x1a\n' else None


def pdf_text(path):
    return subprocess.run(['pdftotext', '-layout', path, '-'], check=True,
                          capture_output=True).stdout.decode()


want, got = files(expected), files(actual)
# A golden PDF or HTML page is its text.
got = [g + '.txt' if g.endswith(('.pdf', '.html')) else g for g in got]
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
            if part.startswith('xl/media/'):
                if png_size(za.read(part)) != png_size(zb.read(part)):
                    problems.append('%s/%s: %s pixels, expected %s' % (
                        name, part, png_size(zb.read(part)), png_size(za.read(part))))
                continue
            if za.read(part) != zb.read(part):
                show('%s/%s' % (name, part), xml_lines(za.read(part)), xml_lines(zb.read(part)))
                break
    elif name.endswith('.pdf.txt'):
        ta, tb = open(a, encoding='utf-8').read(), pdf_text(b[:-4])
        if ta != tb:
            show(name, ta.splitlines(), tb.splitlines())
    elif name.endswith('.html.txt'):
        ta, tb = open(a, encoding='utf-8').read(), html_text(b[:-4])
        if ta != tb:
            show(name, ta.splitlines(), tb.splitlines())
    else:
        ta, tb = open(a, 'rb').read(), open(b, 'rb').read()
        if ta != tb:
            show(name, ta.decode('utf-8', 'replace').splitlines(), tb.decode('utf-8', 'replace').splitlines())
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
