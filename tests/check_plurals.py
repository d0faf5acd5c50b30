#!/usr/bin/python3
"""check_plurals.py TIPREPORT [--templates DIR] [--only NAME]: no count of 1 before a plural.

Runs every functional fixture (tests/functional/*, or only NAME) in Spanish and in English, and
the real MININTER and MPFN files when present, then reads what a person reads: the PDFs'
text (pdftotext), checklist.txt and the workbooks' strings. It fails on any "1 W" where W is
a plural of the templates' own words, or on "las 1" / "los 1". The plurals are not listed here:
they come from templates/reports/*.txt and templates/labels/*.ini, so that a new noun is
caught too:
- a word of four letters or more ending in "s" whose singular (without "s" or "es") is also a
  word of those files, accents aside ("hombres"/"hombre", "regiones"/"región", "cases"/"case");
- the word after the count in the plural form of a {{n|ONE|OTHER}} (or a label's
  {n|ONE|OTHER}) when the singular form has another ("1 was a minor|# were minors": "were").
File names ("1 casos.csv" in the data-quality list) are not words of a sentence.
Prints each one found (fixture, language, file, the words around it) and exits 1."""
import glob, os, re, subprocess, sys, tempfile, unicodedata, zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
args = sys.argv[1:]
binary = os.path.abspath(args.pop(0))
templates, only = os.path.join(ROOT, 'templates'), None
while args:
    opt, val = args.pop(0), args.pop(0)
    if opt == '--templates':
        templates = os.path.abspath(val)
    elif opt == '--only':
        only = val

WORD = re.compile(r'[^\W\d_]+')


def plain(w):
    return ''.join(c for c in unicodedata.normalize('NFD', w) if not unicodedata.combining(c))


def plural_words():
    texts = []
    for path in glob.glob(os.path.join(templates, 'reports', '*.txt')) + \
            glob.glob(os.path.join(templates, 'labels', '*.ini')):
        with open(path, encoding='utf-8') as f:
            texts.append(f.read())
    words = {w.lower() for t in texts for w in WORD.findall(t)}
    bare = {plain(w) for w in words}  # región/regiones, país/países: the accent moves
    plurals = {w for w in words if len(w) >= 4 and w.endswith('s') and
               (plain(w[:-1]) in bare or (w.endswith('es') and plain(w[:-2]) in bare))}
    # {{n|ONE|OTHER[|ZERO]}} and {n|ONE|OTHER[|ZERO]}: the word after the count in the plural
    # form when the singular has another ("# were minors|1 was a minor": "were").
    form = r'([^|{}]*(?:\{\{\w+\}\}[^|{}]*)*)'
    for t in texts:
        for one, other in re.findall(r'\{\{?\w+\|' + form + r'\|' + form, t):
            after = re.search(r'#\s+([^\W\d_]+)', other)
            before = re.search(r'\b1\s+([^\W\d_]+)', one) or re.search(r'([^\W\d_]+)', one)
            if after and (not before or before.group(1).lower() != after.group(1).lower()):
                plurals.add(after.group(1).lower())
    return plurals


def runs(tmp):
    """(name, argv, cwd) of every run."""
    for d in sorted(glob.glob(os.path.join(ROOT, 'tests', 'functional', '*', ''))):
        name = os.path.basename(os.path.dirname(d))
        if only and name != only:
            continue
        base = open(os.path.join(d, 'args')).read().split()
        if '--lang' in base:
            i = base.index('--lang')
            del base[i:i + 2]
        for lang in ('es', 'en'):
            yield f'{name}/{lang}', base + ['--lang', lang], d
    real = os.path.join(ROOT, '..', 'shared', 'data', 'sources')
    if not only and os.path.isdir(real):
        mpfn = os.path.join(real, 'mpfn_delitos_lambayeque.csv')
        mininter = os.path.join(real, 'mininter_trata_lambayeque.csv')
        for lang in ('es', 'en'):
            yield f'mpfn/{lang}', ['report', mpfn, '-p', 'mpfn', '--lang', lang], ROOT
            yield f'mpfn-brief/{lang}', ['region', 'lambayeque', mpfn, '-p', 'mpfn', '--any-period',
                                         '--lang', lang], ROOT
            yield f'mininter/{lang}', ['report', mininter, '-p', 'mininter', '--lang', lang], ROOT


def texts(out):
    """(file, text) a reader reads, lines joined: a count and its noun may be on two lines."""
    for path in sorted(glob.glob(os.path.join(out, '*'))):
        base = os.path.basename(path)
        if base.endswith('.pdf'):
            t = subprocess.run(['pdftotext', path, '-'], check=True,
                               capture_output=True).stdout.decode()
        elif base == 'checklist.txt':
            t = open(path, encoding='utf-8').read()
        elif base.endswith('.xlsx'):
            with zipfile.ZipFile(path) as z:
                t = z.read('xl/sharedStrings.xml').decode()
            t = re.sub(r'<[^>]*>', ' ', t)
        else:
            continue
        yield base, re.sub(r'\s+', ' ', t)


def main():
    plurals = plural_words()
    one = re.compile(r'(?<![\w.,<])1 (\w+)\b(?!\.\w)')
    article = re.compile(r'\b(?:las|los) 1\b')
    found = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, argv, cwd) in enumerate(runs(tmp)):
            out = os.path.join(tmp, str(i))
            extra = ['--templates', templates] if templates else []
            subprocess.run([binary] + argv + extra + ['-q', '-o', out], cwd=cwd, check=True)
            for base, t in texts(out):
                hits = [m for m in one.finditer(t) if m.group(1) in plurals]
                hits += list(article.finditer(t))
                for m in hits:
                    found += 1
                    print(f'{name} {base}: ...{t[max(0, m.start() - 40):m.end() + 30]}...')
    if found:
        print(f'{found} counts of 1 before a plural ({len(plurals)} plurals from the templates)')
    return 1 if found else 0


sys.exit(main())
