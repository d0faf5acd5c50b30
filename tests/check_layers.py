#!/usr/bin/env python3
"""check_layers.py: every source file includes only what its stage may see.

The pipeline runs one way (util <- read <- count <- protect <- report <- render); renderers
see the report model's header, never counting or protection; each outside library is seen
by the one file that wraps it. Prints each breach and exits 1."""
import os
import re
import sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')

# Folder -> the project headers it may include besides its own folder's. read/ hands records
# to count/ and normalises with its reference tables: those four headers are its boundary.
ALLOWED = {
    'util': set(),
    'read': {'util/*', 'count/places.h', 'count/dataset.h', 'count/intake.h', 'count/age.h'},
    'count': {'util/*', 'read/*'},
    'protect': {'util/*', 'read/*', 'count/*'},
    'report': {'util/*', 'read/*', 'count/*', 'protect/*'},
    # The model only: report.h with the chart and map geometry it holds; the table cells it
    # is made of; render_csv also writes the data-quality list.
    'render': {'util/*', 'report/report.h', 'report/chart.h', 'report/map_drawing.h',
               'count/table.h', 'read/quality.h'},
    # tipreport serve runs each report as a child process: it sees the utilities, the
    # labels of its pages and the templates' location (options.h), never a stage's data.
    'serve': {'util/*', 'report/labels.h', 'options.h'},
}
# Outside libraries' headers -> the only files that may include them.
LIBRARIES = {
    'xlsxwriter.h': {'render/render_xlsx.c'},
    'cairo': {'render/chart_cairo.h', 'render/chart_cairo.c', 'render/render_pdf.c',
              'render/chart_png.c', 'render/chart_svg.c'},
    'pango': {'render/chart_cairo.c', 'render/render_pdf.c'},
    'glpk.h': {'protect/sdc_check.c'},
    'json-c': {'report/map.c'},
    'csv.h': {'read/csvfile.c'},
    'nettle': {'read/csvfile.c'},
    'utf8proc.h': {'util/fold.c'},
    'ini.h': {'util/inifile.c'},
    'microhttpd.h': {'serve/reply.h', 'serve/http.c', 'serve/routes.c', 'serve/upload.c'},
    'zip.h': {'serve/archive.c'},
}


def allowed(folder, header):
    if header.split('/')[0] == folder:
        return True
    rules = ALLOWED[folder]
    return header in rules or header.split('/')[0] + '/*' in rules


def breaches(root):
    out = []
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(('.c', '.h')):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            folder = rel.split('/')[0] if '/' in rel else None
            with open(os.path.join(dirpath, name), encoding='utf-8') as f:
                text = f.read()
            for m in re.finditer(r'^#include\s+"([^"]+)"', text, re.M):
                h = m.group(1)
                if '/' not in h and not os.path.exists(os.path.join(root, h)):
                    out.append('%s: "%s" does not name its folder' % (rel, h))
                elif folder and not allowed(folder, h):
                    out.append('%s: includes %s, which its stage may not see' % (rel, h))
            for m in re.finditer(r'^#include\s+<([^>]+)>', text, re.M):
                h = m.group(1)
                for lib, files_ok in LIBRARIES.items():
                    if h.startswith(lib) and rel not in files_ok:
                        out.append('%s: includes <%s>, which only %s may' %
                                   (rel, h, ', '.join(sorted(files_ok))))
    return out


if __name__ == '__main__':
    found = breaches(sys.argv[1] if len(sys.argv) > 1 else SRC)
    for b in found:
        print(b)
    sys.exit(1 if found else 0)
