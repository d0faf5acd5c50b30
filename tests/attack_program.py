"""attack_program.py: the integer program of tests/attack_public.py: variables (the hidden
counts and the counts no table prints), linear identities over them, and each hidden count's
smallest and largest value (scipy's milp, HiGHS), with what counts as a disclosure."""
import re, sys
import numpy as np
from scipy.optimize import milp, LinearConstraint, Bounds
from scipy.sparse import coo_matrix

BIG = 10 ** 6  # an upper bound no count reaches: a maximum at BIG is "unbounded"

class Model:
    """Variables with bounds, and linear identities over expressions ({var: coef}, the
    constant under None)."""

    def __init__(self, x_min):
        self.lo, self.hi, self.eqs, self.les = [], [], [], []
        self.x_min = x_min
        self.hidden = []  # (var, release, table, row, column, mark, K)

    def var(self, lo=0, hi=BIG):
        self.lo.append(lo); self.hi.append(hi)
        return {len(self.lo) - 1: 1}

    def cell(self, text, where, k):
        text = text.strip()
        if re.fullmatch(r'\d+', text):
            return {None: int(text)}
        m = re.fullmatch(r'<(\d+)', text)
        if m:
            e = self.var(1, int(m.group(1)) - 1)
        elif text == 'x':
            e = self.var(self.x_min, BIG)
        else:
            return None  # empty: not given
        self.hidden.append((next(iter(e)),) + where + (text, k))
        return e

    def _add(self, store, terms, label):
        e = {}
        for c, x in terms:
            if x is None:
                return  # a term not given: no identity
            for v, a in x.items():
                e[v] = e.get(v, 0) + c * a
        e = {v: a for v, a in e.items() if a != 0 or v is None}
        store.append((e, label))

    def eq(self, label, *terms):   # sum of coef * expr == 0
        self._add(self.eqs, terms, label)

    def le(self, label, *terms):   # sum of coef * expr <= 0
        self._add(self.les, terms, label)


def S(*exprs):
    """The sum of expressions (None when one is not given)."""
    out = {}
    for x in exprs:
        if x is None:
            return None
        for v, a in x.items():
            out[v] = out.get(v, 0) + a
    return out


def neg(x):
    return None if x is None else {v: -a for v, a in x.items()}


def solve(m):
    """Every hidden count's smallest and largest value: per connected part of the system;
    a solution found for one count bounds the others, so that only the counts not yet seen
    to span their mark's range are optimised."""
    n = len(m.lo)
    rows = []  # (coefs {var: a}, right-hand side, label, eq or le)
    for store, kind in ((m.eqs, 'eq'), (m.les, 'le')):
        for e, label in store:
            const = e.get(None, 0)
            vs = {v: a for v, a in e.items() if v is not None and a != 0}
            if not vs:
                if (kind == 'eq' and const != 0) or (kind == 'le' and const > 0):
                    print('the printed numbers break an identity: %s' % label)
                    sys.exit(2)
                continue
            rows.append((vs, -const, label, kind))
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for vs, _, _, _ in rows:
        vl = list(vs)
        for v in vl[1:]:
            ra, rb = find(vl[0]), find(v)
            if ra != rb:
                parent[ra] = rb
    comp = {}
    for v in range(n):
        comp.setdefault(find(v), []).append(v)
    crow = {}
    for r in rows:
        crow.setdefault(find(next(iter(r[0]))), []).append(r)
    hidden_by = {}
    for h in m.hidden:
        hidden_by.setdefault(find(h[0]), []).append(h)
    result = {}
    for root in crow:  # every part with identities, so that a full run checks them all
        hs = hidden_by.get(root, [])
        vs = comp[root]
        idx = {v: i for i, v in enumerate(vs)}
        rs = crow.get(root, [])
        ri, ci, data, lo, hi = [], [], [], [], []
        for j, (coefs, rhs, label, kind) in enumerate(rs):
            for v, a in coefs.items():
                ri.append(j); ci.append(idx[v]); data.append(a)
            lo.append(rhs if kind == 'eq' else -np.inf); hi.append(rhs)
        cons = [LinearConstraint(coo_matrix((data, (ri, ci)), shape=(len(rs), len(vs))).tocsr(),
                                 lo, hi)] if rs else []
        bounds = Bounds([m.lo[v] for v in vs], [m.hi[v] for v in vs])
        integ = np.ones(len(vs))
        seen = {}

        def run(c, h):
            # The linear relaxation first: where its optimum is whole numbers (tables of
            # sums mostly give such vertices) it is the integer program's too.
            r = optimum(c, None, bounds, cons)
            if r.status != 0 or np.abs(r.x - np.round(r.x)).max() > 1e-6:
                r = optimum(c, integ, bounds, cons)
            if r.status != 0:
                print('the identities have no solution (%s %s %s %s): %s' %
                      (h[1], h[2], h[3], h[4], r.message))
                for label in conflict(rs, idx, bounds):
                    print('  among: %s' % label)
                sys.exit(2)
            for h2 in hs:
                x = round(r.x[idx[h2[0]]])
                a, b = seen.get(h2[0], (x, x))
                seen[h2[0]] = (min(a, x), max(b, x))
            return round(r.x[idx[h[0]]]) if h[0] is not None else None
        for h in hs:
            k = h[6]
            a, b = seen.get(h[0], (None, None))
            if a is not None and not disclosed(h[5], k, a, b):
                continue
            c = np.zeros(len(vs)); c[idx[h[0]]] = 1
            lo_v = run(c, h)
            hi_v = run(-c, h)
            result[h[0]] = (lo_v, hi_v)
        if not hs:
            run(np.zeros(len(vs)), (None, 'the latent counts', '', '', ''))
    for root, hs in hidden_by.items():  # hidden counts in no identity: their mark alone
        if root not in crow:
            for h in hs:
                result[h[0]] = (m.lo[h[0]], m.hi[h[0]])
    return result


def optimum(c, integ, bounds, cons):
    r = milp(c, integrality=integ, bounds=bounds, constraints=cons)
    if r.status == 2:  # HiGHS's presolve (scipy 1.10) calls some of these infeasible
        r = milp(c, integrality=integ, bounds=bounds, constraints=cons,
                 options={'presolve': False})
    return r


def conflict(rs, idx, bounds):
    """A smallest set of identities that have no solution together (a deletion filter over
    the linear relaxation): what the attacker misread."""
    def feasible(keep):
        if not keep:
            return True
        ri, ci, data, lo, hi = [], [], [], [], []
        for j, (coefs, rhs, label, kind) in enumerate(keep):
            for v, a in coefs.items():
                ri.append(j); ci.append(idx[v]); data.append(a)
            lo.append(rhs if kind == 'eq' else -np.inf); hi.append(rhs)
        a = coo_matrix((data, (ri, ci)), shape=(len(keep), len(idx))).tocsr()
        return milp(np.zeros(len(idx)), bounds=bounds, constraints=[LinearConstraint(a, lo, hi)],
                    options={'presolve': False}).status == 0  # the linear relaxation
    keep = list(rs)
    i = 0
    while i < len(keep):
        if not feasible(keep[:i] + keep[i + 1:]):
            keep.pop(i)
        else:
            i += 1
    return sorted({r[2] for r in keep})


def disclosed(mark, k, lo, hi):
    """What a reader learns beyond the mark: a <K pinned or narrowed; an x shown to be a
    small count (1..K-1). An x worked out to 0 or to K or more gives nothing away: the
    documents say an x may be 0 and stands for a count hidden to protect another
    (docs/report-tables.md, Marks)."""
    if mark.startswith('<'):
        return lo == hi or hi - lo < int(mark[1:]) - 2
    return lo >= 1 and hi <= k - 1
