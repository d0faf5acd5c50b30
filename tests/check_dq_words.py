"""check_dq_words.py: the data-quality words (problems, actions, roles) are Spanish all through
the Spanish documents.

Usage: check_dq_words.py TEMPLATES OUTPUT_DIR...  (each OUTPUT_DIR a Spanish run: report.pdf,
report.xlsx, data_quality.csv; a folder without report.pdf has its data_quality.csv checked). The English texts are listed from templates/labels/en.ini:
es.ini must say each (with no {n} that en.ini lacks), every problem of data_quality.csv must be one of them
(else it could not be translated), and no three-word run of their fixed text, no action code
and no English action or role label may appear in the Spanish PDF's or workbook's text.
"""
import configparser
import csv
import os
import re
import subprocess
import sys

import openpyxl

SECTIONS = ("role", "dq_action", "dq_problem")
HOLE = re.compile(r"\{[1-9]\}")


def labels(path):
    ini = configparser.ConfigParser(interpolation=None, delimiters=("=",), comment_prefixes=(";",),
                                    strict=False)  # a section may come back (a later block)
    ini.optionxform = str
    ini.read(path, encoding="utf-8")
    return {s: dict(ini[s]) for s in SECTIONS}


def words(text):
    return re.sub(r"\s+", " ", text).strip()


def forbidden(en):
    """The English runs that must not appear in a Spanish document."""
    out = set()
    for pattern in en["dq_problem"].values():
        for piece in HOLE.split(pattern):
            w = piece.split()
            out.update(" ".join(w[i:i + 3]) for i in range(len(w) - 2))
    out.update(en["dq_action"])                      # the codes: kept_as_unknown ...
    out.update(v for v in en["dq_action"].values())  # and the English labels
    out.update(v for v in en["role"].values() if v != "Cases")  # "Casos" shares no run
    return out


def document_text(d):
    if not os.path.exists(os.path.join(d, "report.pdf")):
        return {}
    pdf = subprocess.run(["pdftotext", os.path.join(d, "report.pdf"), "-"], check=True,
                         capture_output=True, text=True).stdout
    wb = openpyxl.load_workbook(os.path.join(d, "report.xlsx"))
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    return {"report.pdf": words(pdf), "report.xlsx": words(" | ".join(cells))}


def main():
    templates, dirs = sys.argv[1], sys.argv[2:]
    en = labels(os.path.join(templates, "labels", "en.ini"))
    es = labels(os.path.join(templates, "labels", "es.ini"))
    bad = []
    for s in SECTIONS:
        for k, v in en[s].items():
            if k not in es[s]:
                bad.append(f"es.ini: no [{s}] {k}")
            elif not set(HOLE.findall(es[s][k])) <= set(HOLE.findall(v)):
                bad.append(f"es.ini: [{s}] {k} has a {{n}} en.ini does not")
    patterns = [re.compile("^" + HOLE.sub(".+", re.escape(p).replace(r"\{", "{").replace(r"\}", "}"))
                           + "$") for p in en["dq_problem"].values()]
    runs = forbidden(en)
    for d in dirs:
        if not os.path.exists(os.path.join(d, "data_quality.csv")):  # public: no log
            continue
        with open(os.path.join(d, "data_quality.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if not any(p.match(row["problem"]) for p in patterns):
                    bad.append(f"{d}: problem not in en.ini [dq_problem]: {row['problem']}")
        for name, text in document_text(d).items():
            for r in sorted(runs):
                if re.search(r"(?<![\w])" + re.escape(r) + r"(?![\w])", text):
                    bad.append(f"{d}/{name}: English '{r}'")
    for b in bad:
        print(b)
    if bad:
        return 1
    print(f"{len(dirs)} runs, {len(runs)} English runs checked, none found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
