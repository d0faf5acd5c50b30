#!/usr/bin/env python3
"""check_leaks.py OUT [--skip REL]... -- WORD...: no planted WORD in any output of OUT.

Reads every file of OUT as a reader would: CSV and text as they are, the PDF's text
(pdftotext, poppler; spaces folded so that a word wrapped over a line still counts), an HTML
page's source with its entities read back, the
workbook's cells (openpyxl) and the raw text of each of its XML parts (charts, properties),
so a value is found wherever it was printed. --skip leaves out a file (relative to OUT) that
may quote a word on purpose. Prints each leak as FILE: WORD and exits 1 when there is one."""
import html
import os
import subprocess
import sys
import zipfile

import openpyxl


def texts(path):
    """The texts a reader of path sees."""
    if path.endswith('.pdf'):
        out = subprocess.run(['pdftotext', '-layout', path, '-'], check=True,
                             capture_output=True, text=True).stdout
        return [out, ' '.join(out.split())]
    if path.endswith('.xlsx'):
        wb = openpyxl.load_workbook(path)
        cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row
                 if c.value is not None]
        cells += wb.sheetnames
        with zipfile.ZipFile(path) as z:
            parts = [z.read(n).decode('utf-8', 'replace') for n in z.namelist()
                     if n.endswith('.xml') or n.endswith('.rels')]
        return cells + parts
    if path.endswith('.png'):
        return []
    if path.endswith('.html'):  # its text with the entities read back (&amp; is &)
        with open(path, encoding='utf-8') as f:
            raw = f.read()
        return [raw, html.unescape(raw)]
    with open(path, encoding='utf-8', errors='replace') as f:
        return [f.read()]


def main():
    args = sys.argv[1:]
    out, args = args[0], args[1:]
    skip = set()
    while args and args[0] == '--skip':
        skip.add(args[1])
        args = args[2:]
    assert args and args[0] == '--', __doc__
    words = args[1:]
    leaks, files = [], 0
    for root, _, names in os.walk(out):
        for name in sorted(names):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, out)
            if rel in skip:
                continue
            files += 1
            seen = texts(path)
            for w in words:
                if any(w in t for t in seen):
                    leaks.append('%s: %r' % (rel, w))
    for leak in leaks:
        print(leak)
    if not files:
        print('no output files in', out)
        return 1
    return 1 if leaks else 0


if __name__ == '__main__':
    sys.exit(main())
