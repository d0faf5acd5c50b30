#!/usr/bin/python3
"""html_text.py FILE: an HTML report as reviewable text, read by python's html.parser (not
tipreport's code): the golden form of report.html and brief.html (tests/compare_outputs.py),
as report.pdf.txt is the PDF's. A line per block: headings with their ids, paragraphs, links,
every table row as cells between bars (a header cell marked by its scope), and each chart by
its accessible name and description; the drawings' coordinates and their texts' placement
are left out (tests/unit checks the geometry; the description carries every value)."""
import html.parser
import sys

BLOCKS = {'p', 'h1', 'h2', 'h3', 'caption', 'li', 'title', 'desc'}


class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.text, self.row, self.svg = [], None, None, 0
        self.cell = None
        self.open = []  # the blocks open, outermost first: [tag, text parts, flushed]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'html':
            self.lines.append('html lang=%s' % a.get('lang'))
        elif tag == 'meta' and 'name' in a:
            self.lines.append('meta %s: %s' % (a['name'], a.get('content', '')))
        elif tag == 'svg':
            self.svg += 1
            self.lines.append('svg %s' % a.get('aria-labelledby', ''))
        elif self.svg and tag not in ('title', 'desc'):
            return  # the drawing itself
        elif tag in ('section', 'table', 'figure') or (tag == 'div' and 'id' in a):
            self.lines.append('%s #%s%s' % (tag, a.get('id', ''),
                                            ' .' + a['class'] if 'class' in a else ''))
        elif tag == 'a':
            self.lines.append('link %s' % a.get('href'))
        elif tag == 'tr':
            self.row = []
        elif tag in ('th', 'td'):
            self.cell = ('%s[%s]' % (tag, a['scope']) if tag == 'th' else '') + ' '
            self.text = []
        elif tag == 'br' and self.text is not None:
            self.text.append('\n')
        if tag in BLOCKS:
            if self.open:  # a block inside another (a table's entry in a section's): the
                self.flush(self.open[-1])  # outer one's text so far comes first
            self.open.append([tag, [], False])
            self.text = self.open[-1][1]

    def handle_endtag(self, tag):
        if tag == 'svg':
            self.svg -= 1
        elif tag in ('th', 'td') and self.row is not None:
            self.row.append((self.cell + ''.join(self.text)).strip())
            self.text = None
        elif tag == 'tr':
            self.lines.append('| ' + ' | '.join(self.row) + ' |')
            self.row = None
        elif tag in BLOCKS and self.open and self.open[-1][0] == tag:
            block = self.open.pop()
            self.flush(block)
            self.text = self.open[-1][1] if self.open else None

    def flush(self, block):
        """A block's line, with its text so far; once flushed, only more text adds a line."""
        text = ' '.join(''.join(block[1]).split())
        if text or not block[2]:
            self.lines.append('%s: %s' % (block[0], text))
        block[1].clear()
        block[2] = True

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def html_text(path):
    r = Reader()
    with open(path, encoding='utf-8') as f:
        r.feed(f.read())
    r.close()
    return '\n'.join(r.lines) + '\n'


if __name__ == '__main__':
    sys.stdout.write(html_text(sys.argv[1]))
