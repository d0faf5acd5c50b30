#!/usr/bin/python3
"""check_pdf.py OUT LANG HEADINGS...: reads OUT/report.pdf back with poppler-utils (an
independent reader) and checks it against OUT/tables/*.csv and OUT/report.xlsx:

- A4 portrait pages, at least a cover and one page per heading;
- metadata: title, creator, and creation = modification date = the workbook's (the data's
  date, pinned);
- the outline (bookmarks) is HEADINGS in order, each pointing at the page that starts with it;
- the text holds every heading and the figures of the CSV tables: each region's cases,
  victims and minors, each route's counts, each form of exploitation's victims, the totals;
- every page has ink; under the title of each chart that has something to draw, within
  the next 60 points (the map: its box), there are chart colours (saturated blue), and no chart is drawn for
  a chart with nothing to draw (the sentence instead).
Prints what is wrong; exits 1 when anything is."""
import configparser, csv, os, re, subprocess, sys, zipfile
import xml.etree.ElementTree as ET

out, lang, headings = sys.argv[1], sys.argv[2], sys.argv[3:]
pdf = os.path.join(out, 'report.pdf')
problems = []
labels = configparser.ConfigParser(interpolation=None, strict=False)
labels.optionxform = str
labels.read(os.path.join('templates', 'labels', lang + '.ini'), encoding='utf-8')


def run(*args):
    return subprocess.run(args, check=True, capture_output=True).stdout


def expect(what, got, want):
    if got != want:
        problems.append('%s: %r, expected %r' % (what, got, want))


def table(name):
    with open(os.path.join(out, 'tables', name + '.csv'), encoding='utf-8') as f:
        return list(csv.DictReader(f))


def count(n):
    """A count as the documents print it; public mode's marks ("<3", "x") as they are."""
    return '{:,}'.format(int(n)) if n.isdigit() else n


def num(n):
    """A count, or 1 for a hidden one (public mode: it is not zero)."""
    return int(n) if n.isdigit() else 1 if n else 0


# Pages and metadata.
info = dict(re.findall(r'^([^:\n]+):[ \t]*(.*)$', run('pdfinfo', '-isodates', pdf).decode(), re.M))
pages = int(info['Pages'])
if pages < len(headings) + 1:
    problems.append('%d pages for a cover and %d headings' % (pages, len(headings)))
expect('page size', info['Page size'], '595.276 x 841.89 pts (A4)')
core = zipfile.ZipFile(os.path.join(out, 'report.xlsx')).read('docProps/core.xml').decode()
created = re.search(r'<dcterms:created[^>]*>([^<]+)<', core).group(1)
expect('creation date (the workbook\'s)', info.get('CreationDate'), created)
expect('modification date', info.get('ModDate'), created)
expect('creator', info.get('Creator', '').split(' ')[0], 'tipreport')
if not info.get('Title'):
    problems.append('no title in the metadata')

# Text, page by page (pdftotext separates pages with form feeds).
text = run('pdftotext', '-layout', pdf, '-').decode()
page_text = text.split('\f')
flat = re.sub(r'\s+', ' ', text)

# The outline, as pdftohtml reads it.
xml = run('pdftohtml', '-xml', '-stdout', '-i', '-q', pdf).decode()
outline = [(int(p), re.sub(r'<[^>]+>', '', t).strip())
           for p, t in re.findall(r'<item page="(\d+)">(.*?)</item>', xml)]
expect('outline', [t for _, t in outline], headings)
last = 0
for page, title in outline:
    if page <= last:
        problems.append('outline entry %r on page %d, before or at %d' % (title, page, last))
    last = page
    body = [l for l in page_text[page - 1].splitlines() if l.strip()]
    # The running header is the first line; the heading comes next.
    if not any(line.strip() == title for line in body[:3]):
        problems.append('page %d does not start with %r' % (page, title))
for h in headings:
    if h not in flat:
        problems.append('heading %r not in the text' % h)

# Figures: the PDF says what the CSV tables say.
def line_with(*parts):
    pattern = r'\s+'.join(re.escape(p) for p in parts)
    return re.search(r'(^|\s)' + pattern + r'(\s|$)', text, re.M) is not None


for r in table('cases_by_region'):
    if r['region_code'] == 'total':  # public mode's row of totals
        continue
    if num(r['cases']) or num(r['victims']):
        name = r['region'] if r['region'] != 'unknown' else labels['word']['unknown']
        if not line_with(r['region_code'], name, count(r['cases']), count(r['victims']),
                         count(r['victims_minor'])):
            problems.append('cases_by_region: no line "%s %s %s %s %s"' % (
                r['region_code'], name, r['cases'], r['victims'], r['victims_minor']))
summary = {r['metric']: r['value'] for r in table('summary')}
if num(summary['cases']):
    if not line_with(labels['word']['total'], count(summary['cases']), count(summary['victims']),
                     count(summary['victims_minor'])):
        problems.append('cases_by_region: no total line %s %s %s' % (
            summary['cases'], summary['victims'], summary['victims_minor']))
for r in table('routes'):
    if r['origin'] == 'total':
        continue
    if not line_with(labels['scope'][r['scope']], count(r['cases']), count(r['victims'])):
        problems.append('routes: no line ending "%s %s %s"' % (r['scope'], r['cases'], r['victims']))
by_form = {}
public = any('suppressed' in r for r in table('exploitation')[:1])
for r in table('exploitation'):
    if public:  # the form's total, as printed (perhaps hidden)
        if r['sex'] == 'total' and r['minor'] == 'total':
            by_form[r['exploitation']] = r['victims']
    else:
        by_form[r['exploitation']] = str(int(by_form.get(r['exploitation'], '0')) + int(r['victims']))
for code, n in by_form.items():
    if num(n) and not line_with(labels['exploitation'][code], count(n)):
        problems.append('exploitation: no line "%s %s"' % (labels['exploitation'][code], n))

# Ink on every page; chart colours under each drawn chart's title.
def pixmaps():
    """Pages at 36 dpi (half a pixel a point) as (width, height, RGB bytes)."""
    raw = run('pdftoppm', '-r', '36', pdf)
    pos, maps = 0, []
    while pos < len(raw):
        m = re.match(rb'P6\s+(\d+)\s+(\d+)\s+255\s', raw[pos:])
        w, h = int(m.group(1)), int(m.group(2))
        start = pos + m.end()
        maps.append((w, h, raw[start:start + 3 * w * h]))
        pos = start + 3 * w * h
    return maps


def chart_pixels(pm, top, bottom):
    """Saturated blue pixels (bars, map) between top and bottom, in points."""
    w, h, px = pm
    n = 0
    for y in range(max(0, int(top / 2)), min(h, int(bottom / 2))):
        row = px[3 * w * y:3 * w * (y + 1)]
        for x in range(w):
            r, b = row[3 * x], row[3 * x + 2]
            n += b - r > 60 and r < 170
    return n


maps = pixmaps()
expect('rendered pages', len(maps), pages)
for i, (w, h, px) in enumerate(maps):
    dark = sum(1 for k in range(0, len(px), 3) if px[k] < 128)
    if dark < 50:
        problems.append('page %d is blank' % (i + 1))

words = []  # (page, yMin, yMax, word)
bbox = run('pdftotext', '-bbox', pdf, '-').decode()
for p, page in enumerate(re.split(r'<page ', bbox)[1:]):
    for y0, y1, wd in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
                                 r'yMax="([\d.]+)">([^<]*)</word>', page):
        words.append((p, float(y0), float(y1), wd.replace('&amp;', '&')))


def title_places(title):
    """(page, y under the title) of each line that is the title, whole."""
    t = title.split()
    found = []
    for i in range(len(words) - len(t) + 1):
        if not all(words[i + k][3] == t[k] and words[i + k][0] == words[i][0] and
                   abs(words[i + k][1] - words[i][1]) < 1 for k in range(len(t))):
            continue
        nxt = words[i + len(t)] if i + len(t) < len(words) else None
        prev = words[i - 1] if i else None
        if any(w and w[0] == words[i][0] and abs(w[1] - words[i][1]) < 1 for w in (nxt, prev)):
            continue  # part of a longer line
        found.append((words[i][0], words[i + len(t) - 1][2]))
    return found


definition = open(os.path.join('templates', 'reports', 'annual-report.%s.txt' % lang),
                  encoding='utf-8').read()
no_chart = labels['word']['no_chart']
for name in re.findall(r'^\[chart (\w+)\]', definition, re.M):
    title = labels['chart'][name]
    places = title_places(title)
    reach = 640 if name == 'map' else 60  # the map's shading may start far below its title
    if name == 'by_year':  # a legend row, then cases (blue) beside taller victims and suspects
        reach = 200
    drawn = any(chart_pixels(maps[p], y, y + reach) > 40 for p, y in places)
    known_values = lambda t, col: sum(num(r[col]) for r in table(t)
                                      if r[t] not in ('unknown', 'total'))
    shown = lambda v: int(v) if v.isdigit() else 0  # a hidden value draws no bar
    empty = {'map': num(summary['cases']) == 0,
             # not published in public mode: no table, no chart
             'by_year': not os.path.exists(os.path.join(out, 'tables', 'by_year.csv')) or
             not any(shown(r['cases']) for r in table('by_year')),
             'by_month': not os.path.exists(os.path.join(out, 'tables', 'by_month.csv')) or
             not any(shown(r['cases']) for r in table('by_month') if r['month'] != 'unknown'),
             'suspects_by_year': not any(shown(r['identified']) for r in table('suspects_by_year')
                                         if r['year'] != 'total'),
             'victims_by_sex_age': num(summary['victims_female']) + num(summary['victims_male']) == 0,
             'cases_by_region': num(summary['cases']) == 0,
             'status': num(summary['cases']) == 0,
             'suspects_funnel': num(summary['suspects_identified']) == 0,
             'exploitation': known_values('exploitation', 'victims') == 0,
             'recruitment': known_values('recruitment', 'cases') == 0}[name]
    if empty:
        if drawn:
            problems.append('chart %s drawn with nothing to draw' % name)
    elif not empty and not drawn:
        problems.append('chart %s (%r): no chart colours under its title' % (name, title))
# The map says how many routes it draws, or that there is none to draw.
known = [r for r in table('routes') if 'unknown' not in (r['origin'], r['destination']) and
         'total' != r['origin'] and (r['origin'] != r['destination'] or r['transit'])]
if num(summary['cases']) and '[chart map]' in definition:
    said = labels['word']['map_routes' if known else 'map_no_routes'].split('{')[0]
    if said not in flat:
        problems.append('the map does not say %r' % said)

for p in problems:
    print('%s: %s' % (pdf, p))
sys.exit(1 if problems else 0)
