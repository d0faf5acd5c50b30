#!/usr/bin/python3
"""measure.py: runs a command RUNS times; prints median wall seconds and the largest peak RSS.
Usage: measure.py RUNS LABEL CMD..."""
import os, resource, statistics, subprocess, sys, time

runs, label, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
walls, rss = [], 0
for _ in range(runs):
    t = time.perf_counter()
    # Each run in a child of its own, so that ru_maxrss is that run's peak.
    out = subprocess.run([sys.executable, '-c', '''
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
''', *cmd], capture_output=True, text=True)
    walls.append(time.perf_counter() - t)
    code, kb = out.stdout.split()
    if code != '0':
        sys.exit('%s failed (exit %s): %s' % (label, code, out.stderr))
    rss = max(rss, int(kb))
print('%-34s %8.2f s  (min %.2f, max %.2f)  peak RSS %7.0f MB' %
      (label, statistics.median(walls), min(walls), max(walls), rss / 1024))
if os.environ.get('MEASURE_LOG'):  # "label<TAB>median seconds<TAB>peak MB", for ratios
    with open(os.environ['MEASURE_LOG'], 'a') as f:
        f.write('%s\t%.3f\t%.0f\n' % (label, statistics.median(walls), rss / 1024))
