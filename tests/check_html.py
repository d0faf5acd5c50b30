#!/usr/bin/python3
"""check_html.py OUT LANG [--public] [--brief]: the HTML page of a run (OUT/report.html, or
OUT/brief.html) read back by python's html.parser, not by tipreport's code:
- <html lang> is LANG; the page is one file: no script, no frame, no object, no link, no
  picture, no src or href but to an id in the page (#...), no url() but to one (#...);
- every id is unique, and every link of the contents goes to one: each section's, in order,
  with each table's under it;
- every table has a caption, a header row of <th scope="col">, and every <th> a scope;
- the charts are those of the PDF: every chart title of the definition that the PDF draws
  (its title printed and not followed by the no-chart sentence, beyond the tables so named) is
  an <svg role="img"> with that <title> and a <desc>, with shapes and its texts as real
  <text>; no <svg> but those;
- public mode: the page states the public version, and a report's three tables (cases by
  region, routes, cases by year) carry in each cell the same count or mark (<3, x) as their CSV."""
import configparser
import csv
import html.parser
import os
import re
import subprocess
import sys

out, lang = sys.argv[1], sys.argv[2]
public, brief = '--public' in sys.argv, '--brief' in sys.argv
page = os.path.join(out, 'brief.html' if brief else 'report.html')
pdf = os.path.join(out, 'brief.pdf' if brief else 'report.pdf')
problems = []
labels = configparser.ConfigParser(interpolation=None, strict=False)
labels.optionxform = str
labels.read(os.path.join('templates', 'labels', lang + '.ini'), encoding='utf-8')


class Page(html.parser.HTMLParser):
    """Elements with their attributes; tables, svgs and texts as the checks need them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.ids, self.links, self.refs, self.sections = None, [], [], [], []
        self.tables, self.svgs, self.texts = [], [], []  # texts: (tag, class, text)
        self.stack, self.cur = [], None  # cur: [tag, attrs, text parts] of an open text element

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append(tag)
        if tag == 'html':
            self.lang = a.get('lang')
        if 'id' in a:
            self.ids.append(a['id'])
        for k, v in attrs:
            if k in ('src', 'href', 'xlink:href', 'action', 'data', 'poster', 'srcset',
                     'formaction', 'background'):
                self.refs.append((tag, k, v or ''))
            for u in re.findall(r'url\(\s*([^)]*)\)', v or ''):
                self.refs.append((tag, 'url()', u.strip('\'"')))
        if tag in ('script', 'iframe', 'frame', 'object', 'embed', 'img', 'link', 'image',
                   'audio', 'video', 'source', 'base', 'form'):
            self.refs.append((tag, 'element', ''))
        if tag == 'a':
            self.links.append(a.get('href', ''))
        if tag == 'section':
            self.sections.append(a.get('id'))
        if tag == 'table':
            self.tables.append({'id': a.get('id'), 'caption': None, 'rows': []})
        elif tag == 'tr':
            self.tables[-1]['rows'].append([])
        elif tag == 'svg':
            self.svgs.append({'attrs': a, 'title': None, 'desc': None, 'shapes': 0, 'texts': 0})
        elif tag in ('rect', 'path', 'line') and self.svgs:
            self.svgs[-1]['shapes'] += 1
        elif tag == 'text' and self.svgs:
            self.svgs[-1]['texts'] += 1
        if tag in ('th', 'td', 'caption', 'title', 'desc', 'p', 'h1', 'h2', 'h3', 'li'):
            self.cur = [tag, a, []]

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass
        if not self.cur or self.cur[0] != tag:
            return
        t, a, parts = self.cur
        text = ' '.join(''.join(parts).split())
        self.cur = None
        if t in ('th', 'td'):
            self.tables[-1]['rows'][-1].append((t, a.get('scope'), text))
        elif t == 'caption':
            self.tables[-1]['caption'] = text
        elif t in ('title', 'desc') and 'svg' in self.stack:
            self.svgs[-1][t] = text
        else:
            self.texts.append((t, a.get('class', ''), text))

    def handle_data(self, data):
        if self.cur:
            self.cur[2].append(data)


p = Page()
with open(page, encoding='utf-8') as f:
    p.feed(f.read())
p.close()

# The page's language and its one file.
if p.lang != lang:
    problems.append('<html lang=%r>, want %r' % (p.lang, lang))
for tag, attr, v in p.refs:
    if attr == 'element' or not v.startswith('#'):
        problems.append('a reference out of the page: <%s %s=%r>' % (tag, attr, v))

# Ids and the contents' links.
dup = sorted({i for i in p.ids if p.ids.count(i) > 1})
if dup:
    problems.append('ids used twice: %s' % dup[:5])
for href in p.links:
    if href[1:] not in p.ids:
        problems.append('link %r goes to no id' % href)
sections = [t for t in p.texts if t[0] == 'h2']
to_sections = [h for h in p.links if h[1:] in p.sections]
if not brief and to_sections != ['#' + i for i in p.sections]:
    problems.append('the contents link to %s, the sections are %s' % (to_sections, p.sections))
to_tables = [h for h in p.links if h.startswith('#t-')]
tables = [i for i in p.ids if i.startswith('t-')]  # an empty table is a sentence with its id
if not brief and to_tables != ['#' + i for i in tables]:
    problems.append('the contents link to tables %s, the page has %s' % (to_tables, tables))

# Tables: a caption, a header row of column headers, every header cell scoped.
for t in p.tables:
    if not t['caption']:
        problems.append('table %s has no caption' % t['id'])
    if not t['rows'] or not all(c[0] == 'th' and c[1] == 'col' for c in t['rows'][0]):
        problems.append('table %s: its first row is not of <th scope="col">' % t['id'])
    for row in t['rows']:
        for tag, scope, text in row:
            if tag == 'th' and scope not in ('col', 'row'):
                problems.append('table %s: <th> %r without scope' % (t['id'], text))

# Charts: as the PDF draws them.
flat = ' '.join(subprocess.run(['pdftotext', pdf, '-'], check=True, capture_output=True)
                .stdout.decode().split())
empty = [labels['word'][k] for k in ('no_chart', 'chart_hidden', 'no_data')]
svg_titles = [s['title'] for s in p.svgs]
for s in p.svgs:
    if s['attrs'].get('role') != 'img' or not s['desc'] or not s['shapes'] or not s['texts']:
        problems.append('chart %r: no role, description, shapes or texts' % s['title'])
    if s['title'] not in flat:
        problems.append('chart %r is not in the PDF' % s['title'])
definition = open(os.path.join('templates', 'reports', '%s.%s.txt' % (
    'region-brief' if brief else 'annual-report', lang)), encoding='utf-8').read()
for name in sorted(set(re.findall(r'^\[chart (\w+)\]', definition, re.M))):
    title = labels['chart'].get(name)
    if not title or '{' in title:
        continue  # a brief's map is named after its region: the svg-in-PDF check covers it
    longer = [t for t in labels['chart'].values() if t != title and t.startswith(title)]
    drawn = 0
    for m in re.finditer(re.escape(title), flat):
        after = flat[m.end():].lstrip()
        # not a chart: the no-chart sentences, a table continued, a sentence naming it
        # ("...: esta fuente no desglosa las cifras de esa manera.")
        drawn += not after.startswith(tuple(empty) + ('(cont.)', ':')) and \
            not any(flat.startswith(t, m.start()) for t in longer)
    tables = sum(1 for t in p.tables if t['caption'] == title)
    want = max(drawn - tables, 0)
    if svg_titles.count(title) != want:
        problems.append('chart %s: %d svg, the PDF draws %d' % (name, svg_titles.count(title), want))

# Public mode: the statement, and the marks where the CSV tables have them.
if public:
    if labels['word']['public_version'].split('{')[0] not in ' '.join(t[2] for t in p.texts):
        problems.append('no public version statement')


def html_rows(tid):
    t = [t for t in p.tables if t['id'] == 't-' + tid]
    return [[c[2] for c in row] for row in t[0]['rows'][1:]] if t else None


def norm(v):
    """A printed number as the CSV writes it: no thousands separators, a decimal point."""
    v = re.sub('[\u00a0\u202f ,](?=\\d{3}\\b)', '', v)
    return v.replace(',', '.') if lang == 'es' else v


# table: (CSV key columns, the HTML cells that match them, CSV value column -> HTML cell)
COMPARED = {'cases_by_region': (['region_code'], lambda r: [r[0]],
                                {'cases': 2, 'victims': 3, 'victims_minor': 4,
                                 'victims_per_100k': 5}),
            'routes': (['origin', 'transit', 'destination'], lambda r: r[0:3],
                       {'cases': 4, 'victims': 5}),
            'by_year': (['year'], lambda r: [r[0].split(' ')[0]],
                        {'cases': 1, 'victims': 2, 'suspects_identified': 3})}
marks = 0
for tid, (keys, hkey, cols) in (COMPARED.items() if public and not brief else ()):
    rows = html_rows(tid)
    if rows is None:
        problems.append('no table %s in the page' % tid)
        continue
    by_key = {tuple(hkey(r)): r for r in rows}
    with open(os.path.join(out, 'tables', tid + '.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            k = tuple(r[c] for c in keys)
            if k[0] in ('total', 'other', 'unknown'):
                continue
            if k not in by_key:
                problems.append('%s: row %s of the CSV is not in the page' % (tid, k))
                continue
            for col, i in cols.items():
                got = norm(by_key[k][i])
                marks += got in ('x', '<3')
                if got != r[col]:
                    problems.append('%s %s %s: page %r, CSV %r' % (tid, k, col, by_key[k][i], r[col]))
if public and not brief and not marks:
    problems.append('no mark in the tables compared: the check would see none')


# Chromium's view (--dom FILE: its --dump-dom; --printed FILE: its --print-to-pdf): the DOM
# it built holds the file's sections, tables and charts; printed, each section opens a page.
def arg(name):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


if arg('--dom'):
    d = Page()
    with open(arg('--dom'), encoding='utf-8') as f:
        d.feed(f.read())
    for what, a, b in (('sections', sections, [t for t in d.texts if t[0] == 'h2']),
                       ('tables', p.tables, d.tables), ('charts', p.svgs, d.svgs),
                       ('ids', p.ids, d.ids)):
        if len(a) != len(b):
            problems.append('the browser built %d %s, the file has %d' % (len(b), what, len(a)))
if arg('--printed'):
    pages = subprocess.run(['pdftotext', '-layout', arg('--printed'), '-'], check=True,
                           capture_output=True).stdout.decode().split('\f')
    tops = [' '.join(pg.split()) for pg in pages]
    for h in sections[1:]:
        if not any(t.startswith(h[2]) for t in tops):
            problems.append('printed, section %r does not open a page' % h[2])

for m in problems:
    print('%s: %s' % (page, m))
sys.exit(1 if problems else 0)
