#!/usr/bin/env python3
"""Scores any policykg binary on the evaluation excerpts, the way
tests/it/evaluation.rs does (exact span and type; headings by level, numbering
and title), so that versions can be compared on the same gold: the figures
"before" in docs/evaluation.md come from the binary of an earlier commit.

Each excerpt is run through `BINARY parse --json`. An excerpt whose header
names a CSV row (`#source: gov-reports-2026/….csv row=N`) is written as a
one-row CSV with that row's metadata columns (province, year, title, …) and
the excerpt as `full_text`, so that organs' short forms and regional names
resolve against the report's province exactly as in tests/it/evaluation.rs;
other excerpts are plain text files. The corpus is read from ../shared/corpus
beside the checkout.

Usage: python3 tests/eval/score.py BINARY [dev|dev2|frozen|law-dev]
"""
import collections
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
SET = sys.argv[2] if len(sys.argv) > 2 else ""
d = os.path.join(os.path.dirname(os.path.abspath(__file__)), SET)
work = tempfile.mkdtemp()
kinds = {'organization':'org','person':'person','place':'place','legislation':'law','plan':'plan','time':'time','quantity':'quantity'}
CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'corpus')


def write_input(work, name, header, text):
    """The excerpt as policykg should read it: with its CSV row's metadata if it has one."""
    source = header.replace('#source:', '').strip()
    if ' row=' not in source:
        p = os.path.join(work, name + '.txt'); open(p, 'w').write(text)
        return p
    path, row = source.split(' row=')
    with open(os.path.join(CORPUS, path), encoding='utf-8-sig', newline='') as fh:
        meta = list(csv.DictReader(fh))[int(row) - 1]
    cols = [k for k in meta if k != 'full_text']
    p = os.path.join(work, name + '.csv')
    with open(p, 'w', newline='') as fh:
        w = csv.writer(fh)
        w.writerow(cols + ['full_text']); w.writerow([meta[k] for k in cols] + [text])
    return p


cnt = collections.defaultdict(lambda: [0,0,0]); hc = [0,0,0]
for f in sorted(os.listdir(d)):
    if not f.endswith('.txt'): continue
    name = f[:-4]
    header, body = open(os.path.join(d, f)).read().split('\n', 1)
    text = ''; gold = []; i = 0; n = 0
    for m in re.finditer(r'⟦([^⟧]*)\|(\w+)⟧', body):
        text += body[i:m.start()]; n = len(text)
        text += m.group(1); gold.append((n, len(text), m.group(2))); i = m.end()
    text += body[i:]
    p = write_input(work, name, header, text)
    out = json.loads(subprocess.run([BIN, 'parse', '--json', p], capture_output=True, text=True).stdout)
    out = out[0] if isinstance(out, list) else out
    ex = out['extraction']
    pred = [(m['span']['begin'], m['span']['end'], kinds.get(ex['entities'][m['entity']]['kind'])) for m in ex['mentions']]
    pred = [x for x in pred if x[2]]
    for t in kinds.values():
        g = collections.Counter(x for x in gold if x[2] == t); pr = [x for x in pred if x[2] == t]
        tp = 0
        for x in pr:
            if g[x] > 0: g[x] -= 1; tp += 1
        c = cnt[t]; c[0] += tp; c[1] += len(pr); c[2] += sum(1 for x in gold if x[2] == t)
    go = [tuple(l.split('\t')[:3]) if len(l.split('\t'))>=3 else (l.split('\t')[0], l.split('\t')[1], '') for l in open(os.path.join(d, name + '.outline')).read().splitlines() if l.strip()]
    go = collections.Counter((int(a), b, c) for a, b, c in go)
    ph = [(s['level'], s['numbering'], s['title']) for s in out['outline']['sections']]
    tp = 0
    for x in ph:
        if go[x] > 0: go[x] -= 1; tp += 1
    hc[0] += tp; hc[1] += len(ph); hc[2] += sum(1 for l in open(os.path.join(d, name + '.outline')).read().splitlines() if l.strip())
def f1(tp, p, g):
    P = tp / p if p else 1; R = tp / g if g else 1
    return P, R, (2*P*R/(P+R) if P+R else 0)
allc = [0,0,0]
for t, c in sorted(cnt.items()):
    print(t, c, ['%.2f' % x for x in f1(*c)])
    allc = [a+b for a, b in zip(allc, c)]
print('micro', allc, ['%.2f' % x for x in f1(*allc)])
print('headings', hc, ['%.2f' % x for x in f1(*hc)])
