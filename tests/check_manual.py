#!/usr/bin/python3
"""check_manual.py TIPREPORT [MANUAL]: the manual page (doc/tipreport.1 by default) documents
what the program says it has: every command and option of `TIPREPORT --help` is an entry of
the manual (an option under .TP or .OP, a command under .TP in COMMANDS), every option the
manual names is in --help (serve's only once --help lists serve: issue 14 lands it apart),
every environment variable --help names is under ENVIRONMENT, every settings key the program
knows is under SETTINGS FILE, and EXIT STATUS has the codes of README.md's table. Prints one
line per problem; exits 1 when there is any."""
import os, re, subprocess, sys, tempfile

tipreport = sys.argv[1]
manual = sys.argv[2] if len(sys.argv) > 2 else 'doc/tipreport.1'
problems = []


def plain(line):
    """A roff line as it reads: escapes and font changes out, quotes of macro arguments too."""
    line = line.replace('\\-', '-').replace('\\e', '\\')
    line = re.sub(r'\\f[BIRP]|\\fR', '', line)
    return line.replace('"', '')


# The manual: sections, each a list of its lines, and each .TP's head (the line after it).
sections, heads, name = {}, {}, None
lines = open(manual, encoding='utf-8').read().splitlines()
for i, raw in enumerate(lines):
    if raw.startswith('.SH '):
        name = plain(raw[4:]).strip()
        sections[name] = []
        heads[name] = []
        continue
    if name is None:
        continue
    sections[name].append(plain(raw))
    if raw.startswith('.TP') and i + 1 < len(lines):
        heads[name].append(re.sub(r'^\.[A-Z]+ ?', '', plain(lines[i + 1])).strip())
    if raw.startswith('.OP '):
        heads[name].append(plain(raw[4:]).strip())
want = ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'COMMANDS', 'OPTIONS', 'SERVING THE PAGE TO AN OFFICE',
        'SETTINGS FILE', 'ENVIRONMENT', 'EXIT STATUS', 'FILES', 'EXAMPLES', 'SEE ALSO']
for s in want:
    if s not in sections:
        problems.append('the manual has no section %s' % s)
all_heads = [h for hs in heads.values() for h in hs]
option_heads = ' '.join(all_heads)
text = '\n'.join(l for ls in sections.values() for l in ls)

# --help: its options, commands and environment variables.
help_text = subprocess.run([tipreport, '--help'], capture_output=True, text=True,
                           check=True).stdout
help_longs = set(re.findall(r'(?<![\w-])--[a-z][a-z-]*', help_text))
help_shorts = set(re.findall(r'^ +(-[a-zA-Z]),', help_text, re.M))
block = help_text.split('Commands:\n', 1)[1].split('\n\n', 1)[0]
commands = set(re.findall(r'^  ([a-z]+)', block, re.M))
commands |= set(re.findall(r"'([a-z]+ [a-z]+)'", block))  # 'region all'
for opt in sorted(help_longs | help_shorts):
    if not re.search(r'(?<![\w-])%s(?![\w-])' % re.escape(opt), option_heads):
        problems.append('--help lists %s: the manual has no entry for it' % opt)
for cmd in sorted(commands):
    if not any(h == cmd or h.startswith(cmd + ' ') for h in heads.get('COMMANDS', [])):
        problems.append("--help lists the command '%s': COMMANDS has no entry for it" % cmd)
for var in sorted(set(re.findall(r'\$([A-Z][A-Z_]+)', help_text))):
    if var not in heads.get('ENVIRONMENT', []):
        problems.append('--help names $%s: ENVIRONMENT has no entry for it' % var)

# The other way round: every option the manual names is the program's.
serve_lands = 'serve' in commands
serve_opts = set(re.findall(r'--[a-z][a-z-]*',
                            ' '.join(heads.get('SERVING THE PAGE TO AN OFFICE', []))))
for opt in sorted(set(re.findall(r'(?<![\w-])--[a-z][a-z-]*', text))):
    if opt not in help_longs and (serve_lands or opt not in serve_opts):
        problems.append('the manual names %s: --help does not' % opt)
for opt in sorted(set(re.findall(r'(?<![\w-])-[a-zA-Z](?=,)', option_heads))):
    if opt not in help_shorts:
        problems.append('the manual names %s: --help does not' % opt)

# Settings keys: the program's own list, from its message about a key it does not know.
with tempfile.TemporaryDirectory() as d:
    for section, known in (('report', r'\(known: ([a-z_, ]+)\)'),
                           ('source x', r'\(known: ([a-z_, ]+)\)')):
        with open(os.path.join(d, 'tipreport.ini'), 'w') as f:
            f.write('[%s]\nno_such_key = 1\n' % section)
        err = subprocess.run([tipreport, 'validate', d], capture_output=True, text=True).stderr
        m = re.search(known, err)
        if not m:
            problems.append('no list of known keys for [%s] in: %s' % (section, err.strip()))
            continue
        for key in m.group(1).split(', '):
            if not any(key in re.split(r'[ ,]+', h) for h in heads.get('SETTINGS FILE', [])):
                problems.append('the settings key %s ([%s]) has no entry in SETTINGS FILE'
                                % (key, section))

# EXIT STATUS: README.md's codes, no more, no less.
readme = open('README.md', encoding='utf-8').read()
table = readme.split('### Exit codes', 1)[1].split('\n\n', 2)[1]
codes = re.findall(r'^\| (\d+) \|', table, re.M)
if not codes or codes != heads.get('EXIT STATUS'):
    problems.append('EXIT STATUS has %s; README.md has %s' % (heads.get('EXIT STATUS'), codes))

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
