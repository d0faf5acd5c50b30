#!/usr/bin/python3
"""generate.py DIR: the hostile inputs too big or too special to keep in git, written into DIR
(a 10 MB field, a million columns, a 100 MB line, a link out of the folder, a pipe, a folder
named like a CSV file)."""
import os, sys

out = sys.argv[1]
V = 'victim_id,case_id,sex,age\nV1,C1,F,15\nV2,C2,M,30\n'
H = 'case_id,reported_on,region\n'


def mk(name, files):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    for f, data in files.items():
        with open(os.path.join(out, name, f), 'w', encoding='utf-8') as fh:
            fh.write(data)


mk('field-10mb', {'cases.csv': H + 'C1,2007-05-01,Cusco\nC2,2007-06-01,' + 'P' * (10 << 20) + '\n',
                  'victims.csv': V})
mk('million-columns', {'cases.csv': H + 'C1,2007-05-01,Cusco' + ',x' * 1000000 + '\nC2,2007-06-01,Puno\n',
                       'victims.csv': V})
mk('million-header-columns', {'cases.csv': H[:-1] + ',h' * 1000000 + '\nC1,2007-05-01,Cusco\n',
                              'victims.csv': V})
# 100 MB in one quoted field that spans 25 million physical lines, then one physical line.
mk('line-100mb', {'cases.csv': H + 'C1,2007-05-01,Cusco\nC2,2007-06-01,"' + 'a,b\n' * (25 << 20) + '"\n',
                  'victims.csv': V})
mk('physical-line-100mb', {'cases.csv': H + 'C1,2007-05-01,Cusco\nC2,2007-06-01,' + 'x' * (100 << 20) + '\n',
                           'victims.csv': 'victim_id,case_id\nV1,C1\n'})
mk('link-out', {'victims.csv': V})
os.symlink('/etc/passwd', os.path.join(out, 'link-out', 'cases.csv'))
mk('link-inside', {'victims.csv': V, 'data.txt': H + 'C1,2007-05-01,Cusco\n'})
os.symlink('data.txt', os.path.join(out, 'link-inside', 'cases.csv'))
mk('dangling-link', {'victims.csv': V})
os.symlink('nowhere.csv', os.path.join(out, 'dangling-link', 'cases.csv'))
mk('pipe', {'victims.csv': V})
os.mkfifo(os.path.join(out, 'pipe', 'cases.csv'))
mk('folder-as-file', {'victims.csv': V})
os.makedirs(os.path.join(out, 'folder-as-file', 'cases.csv'))
