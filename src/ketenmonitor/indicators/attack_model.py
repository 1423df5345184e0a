# SPDX-License-Identifier: EUPL-1.2
"""The attacker's linear model of a publication: variables, bounds and stated relations.

Every count a publication shows or hides (teller, and the noemer where it is a count) is one
variable; counts that several tables show as the same series (``linked.py``) and the noemer of a
distribution's category (its total's teller) share one variable. What the attacker knows:

* a published count lies in its rounding band (``T-2 … T+2`` for base 5) and is at least the
  suppression threshold (otherwise it would not be shown); a hidden count is ≥ 0;
* every sum of ``tables.additive_groups`` (categories ↔ total, gemeenten ↔ regio,
  half-years ↔ year, code groups ↔ codes), for teller and counted noemer;
* teller ≤ noemer for shares, means and medians;
* a published ``waarde`` of a share or rate fixes ``factor × teller / noemer`` to ±0,05 — only
  when the values were computed from the unrounded counts (format ≤ 1.1);
* the suppression label (``primair``/``secundair``), when the publication shows it;
* every earlier publication of the same region and period: its published counts and values.

The defender knows the truth, so a relation is only added when it holds for the true counts
(a distinct count is not additive over half-years; a corrected delivery changed some cells): a
relation the truth violates would not help an attacker either, it would mislead him.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
from scipy.sparse import coo_matrix, csr_matrix, vstack
from scipy.sparse.csgraph import connected_components

from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.model import TOTAAL, Eenheid, IndicatorDefinitie
from ketenmonitor.indicators.schema import PRIMAIR, SECUNDAIR
from ketenmonitor.indicators.tables import CellTable, additive_groups

CellKey = tuple[str, int, str]  # (indicator id, row, 'teller' | 'noemer')
Row = dict[int, float]  # variable → coefficient
INF = float("inf")


@dataclass
class Model:
    """Variables with bounds and true values, and linear rows ``lo ≤ Σ coef·x ≤ hi``."""

    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    truth: list[float] = field(default_factory=list)
    rows: list[tuple[Row, float, float]] = field(default_factory=list)
    var: dict[CellKey, int] = field(default_factory=dict)
    dropped: int = 0  # relations left out because the truth violates them
    shown: set[int] = field(default_factory=set)  # variables some table publishes
    _arrays: tuple[int, Arrays] | None = field(default=None, repr=False, compare=False)

    def copy(self) -> Model:
        """An independent copy (bounds, rows and shown variables; the variables are shared)."""
        return Model(self.lower.copy(), self.upper.copy(), self.truth, self.rows.copy(),
                     self.var, self.dropped, self.shown.copy(), self._arrays)

    def arrays(self) -> Arrays:
        """The rows as a CSR matrix with their bounds; kept, so a copy that adds rows only
        converts the new ones."""
        done, cached = self._arrays if self._arrays is not None else (0, _empty_arrays())
        if done < len(self.rows):
            cached = _stack(cached, _to_arrays(self.rows[done:], len(self.truth)))
            self._arrays = (len(self.rows), cached)
        matrix = cached.matrix
        if matrix.shape[1] < len(self.truth):
            matrix = csr_matrix((matrix.data, matrix.indices, matrix.indptr),
                                shape=(matrix.shape[0], len(self.truth)))
        return Arrays(matrix, cached.lo, cached.hi)

    def add_var(self, value: float) -> int:
        self.lower.append(0.0)
        self.upper.append(INF)
        self.truth.append(value)
        return len(self.truth) - 1

    def bound(self, v: int, lo: float, hi: float) -> bool:
        """Intersect the bounds of ``v`` with [lo, hi] when the truth lies inside."""
        if lo - 1e-9 <= self.truth[v] <= hi + 1e-9:
            self.lower[v] = max(self.lower[v], lo)
            self.upper[v] = min(self.upper[v], hi)
            return True
        self.dropped += 1
        return False

    def relation(self, row: Row, lo: float, hi: float) -> None:
        """Add ``lo ≤ row·x ≤ hi`` when the truth satisfies it."""
        row = {v: c for v, c in row.items() if c}
        if not row:
            return
        at_truth = sum(c * self.truth[v] for v, c in row.items())
        if lo - 1e-6 <= at_truth <= hi + 1e-6:
            self.rows.append((row, lo, hi))
        else:
            self.dropped += 1


@dataclass(frozen=True)
class Arrays:
    """Rows ``lo ≤ A·x ≤ hi`` as arrays (A in CSR, columns are variables)."""

    matrix: csr_matrix
    lo: np.ndarray
    hi: np.ndarray


def _empty_arrays() -> Arrays:
    return Arrays(csr_matrix((0, 0)), np.zeros(0), np.zeros(0))


def _to_arrays(rows: Sequence[tuple[Row, float, float]], n_vars: int) -> Arrays:
    lengths = np.fromiter((len(row) for row, _lo, _hi in rows), np.int64, len(rows))
    nnz = int(lengths.sum())
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    cols = np.fromiter((v for row, _lo, _hi in rows for v in row), np.int64, nnz)
    coef = np.fromiter((c for row, _lo, _hi in rows for c in row.values()), np.float64, nnz)
    lo = np.fromiter((lo for _row, lo, _hi in rows), np.float64, len(rows))
    hi = np.fromiter((hi for _row, _lo, hi in rows), np.float64, len(rows))
    return Arrays(csr_matrix((coef, cols, indptr), shape=(len(rows), n_vars)), lo, hi)


def _stack(first: Arrays, second: Arrays) -> Arrays:
    if first.matrix.shape[0] == 0:
        return second
    n = max(first.matrix.shape[1], second.matrix.shape[1])
    a = csr_matrix((first.matrix.data, first.matrix.indices, first.matrix.indptr),
                   shape=(first.matrix.shape[0], n))
    b = csr_matrix((second.matrix.data, second.matrix.indices, second.matrix.indptr),
                   shape=(second.matrix.shape[0], n))
    return Arrays(vstack([a, b], format="csr"), np.concatenate([first.lo, second.lo]),
                  np.concatenate([first.hi, second.hi]))


@dataclass(frozen=True)
class Published:
    """One publication's indicator tables, with how its values were computed."""

    tables: Mapping[str, pa.Table]
    values_from_rounded: bool  # format 1.2: waarde from the rounded counts (nothing extra)


def _counted_noemer(defn: IndicatorDefinitie) -> bool:
    return not defn.eenheid.is_rate


def band(shown: int, base: int) -> tuple[int, int]:
    """The counts that round half up to ``shown`` for rounding base ``base``."""
    return max(0, shown - base // 2), shown + base - 1 - base // 2


def build_variables(
    cells: Mapping[str, CellTable], catalogue: Catalogue, links: Sequence[Sequence[CellKey]]
) -> Model:
    """One variable per true count, shared by linked cells and distribution noemers.

    Variables are numbered in the order of their smallest key (sorted), each with the true
    value of that key; the shared ones are the connected components of the links."""
    values: dict[CellKey, float] = {}
    pairs: list[tuple[CellKey, CellKey]] = []
    for ind, table in cells.items():
        defn = catalogue[ind]
        counted, to_total = _counted_noemer(defn), defn.noemer_is_totaal
        for i in range(len(table)):
            values[(ind, i, "teller")] = table.teller[i]
            noemer = table.noemer[i]
            if counted and noemer is not None:
                values[(ind, i, "noemer")] = noemer
                if to_total and table.dimensie[i] != TOTAAL:
                    total = table.index[(table.gebied[i], table.periode[i], TOTAAL, TOTAAL)]
                    pairs.append(((ind, i, "noemer"), (ind, total, "teller")))
    for link in links:
        members = [k for k in link if k in values]
        pairs += [(other, members[0]) for other in members[1:]
                  if values[other] == values[members[0]]]
    keys = sorted(values)
    position = {key: k for k, key in enumerate(keys)}
    edges = np.array([(position[a], position[b]) for a, b in pairs], np.int64).reshape(-1, 2)
    graph = coo_matrix(
        (np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(len(keys), len(keys))
    )
    _count, label = connected_components(graph, directed=False)
    _labels, firsts = np.unique(label, return_index=True)  # first (smallest) key per component
    order = np.argsort(firsts, kind="stable")
    number = np.empty(len(firsts), np.int64)
    number[order] = np.arange(len(firsts))
    model = Model()
    model.truth = [values[keys[k]] for k in firsts[order].tolist()]
    model.lower = [0.0] * len(model.truth)
    model.upper = [INF] * len(model.truth)
    model.var = dict(zip(keys, number[label].tolist(), strict=True))
    return model


def add_relations(model: Model, cells: Mapping[str, CellTable], catalogue: Catalogue) -> None:
    """The sums of every table and teller ≤ noemer (the publication states both)."""
    for ind, table in cells.items():
        defn = catalogue[ind]
        measures = ["teller"] + (["noemer"] if _counted_noemer(defn) else [])
        to_total = defn.noemer_is_totaal
        var_of = {m: [model.var.get((ind, i, m)) for i in range(len(table))] for m in measures}
        for group in additive_groups(table, defn):
            for measure in measures:
                if measure == "noemer" and to_total and group.kind in (
                    "categorie", "hierarchie"
                ):
                    continue  # every category divides by the same total
                of = var_of[measure]
                parts = [of[c] for c in group.parts]
                total = of[group.total]
                if total is None or None in parts:
                    continue
                _add_sum(model, parts, total)
        if _counted_noemer(defn):
            for i in range(len(table)):
                if (ind, i, "noemer") in model.var:
                    t, n = model.var[(ind, i, "teller")], model.var[(ind, i, "noemer")]
                    if t != n:
                        model.relation({t: 1.0, n: -1.0}, -INF, 0.0)


def _add_sum(model: Model, parts: Sequence[int | None], total: int) -> None:
    """``Σ parts − total = 0`` (``≥ 0`` where the truth has more in the parts: distinct counts,
    the year is at most the sum of its halves); what ``Model.relation`` would add, with the
    truth summed once (the model has over 100.000 of these rows)."""
    row: Row = dict.fromkeys(parts, 1.0)  # type: ignore[arg-type]  # no None (checked)
    if len(row) < len(parts):  # a variable twice (linked cells): count it
        row = {}
        for part in parts:
            if part is not None:
                row[part] = row.get(part, 0.0) + 1.0
    row[total] = row.get(total, 0.0) - 1.0
    if not row[total]:
        del row[total]
    if not row:
        return
    truth = model.truth
    at_truth = sum(c * truth[v] for v, c in row.items())
    if at_truth == 0:
        model.rows.append((row, 0.0, 0.0))
    elif at_truth >= -1e-6:
        model.rows.append((row, 0.0, INF))
    else:
        model.dropped += 1


def add_publication(
    model: Model,
    cells: Mapping[str, CellTable],
    publication: Published,
    catalogue: Catalogue,
    threshold: int,
    base: int,
) -> None:
    """What one publication shows about the counts: bands, thresholds, values, labels."""
    for ind, table in publication.tables.items():
        if ind not in cells:
            continue
        truth, defn = cells[ind], catalogue[ind]
        limit = threshold * defn.drempel_factor
        cols = table.column_names
        shown_t = table.column("teller").to_pylist()
        shown_n = table.column("noemer").to_pylist()
        shown_w = table.column("waarde").to_pylist()
        labels = (
            table.column("onderdrukking").to_pylist() if "onderdrukking" in cols else [None] * len(
                table
            )
        )
        keys = zip(
            table.column("gebied_code").to_pylist(), table.column("periode").to_pylist(),
            table.column("dimensie").to_pylist(), table.column("categorie").to_pylist(),
            strict=True,
        )
        for j, key in enumerate(keys):
            i = truth.index.get(key)
            if i is None:
                continue
            t = model.var[(ind, i, "teller")]
            n = model.var.get((ind, i, "noemer"))
            if shown_t[j] is not None:
                lo, hi = band(int(shown_t[j]), base)
                if model.bound(t, max(lo, limit), hi):
                    model.shown.add(t)
                if n is not None and shown_n[j] is not None:
                    lo, hi = band(int(shown_n[j]), base)
                    if model.bound(n, max(lo, limit), hi):
                        model.shown.add(n)
            elif labels[j] == SECUNDAIR:
                model.bound(t, limit, INF)
                if n is not None:
                    model.bound(n, limit, INF)
            elif labels[j] == PRIMAIR and n is None:
                model.bound(t, 0, limit - 1)
            if shown_w[j] is not None and not publication.values_from_rounded:
                _add_value(model, defn, t, n, truth.noemer[i], float(shown_w[j]))


def _add_value(
    model: Model, defn: IndicatorDefinitie, t: int, n: int | None, inhabitants: int | None,
    shown: float,
) -> None:
    """``factor·t/n`` rounds to ``shown`` (one decimal): a linear band around ``shown``."""
    factor = defn.eenheid.factor
    low, high = shown - 0.05, shown + 0.05
    if defn.eenheid is Eenheid.PERCENTAGE and n is not None:
        model.relation({t: factor, n: -low}, 0.0, INF)
        model.relation({t: factor, n: -high}, -INF, 0.0)
    elif defn.eenheid.is_rate and inhabitants:
        model.bound(t, low * inhabitants / factor, high * inhabitants / factor)


def propagate(model: Model, max_passes: int = 200) -> None:
    """Tighten the variable bounds from the rows (activity bounds, integers rounded inwards).

    Cheap and valid for the attacker (counts are integers), it settles most targets before any
    LP: a bound that already violates a goal is a finding, and the LPs start from tighter boxes.
    Every pass works on all rows that hold a variable the previous pass tightened, as arrays; a
    bound is implied by the rows whichever order they are read in, so stopping early (after
    ``max_passes``) only leaves more for the LP to decide, never a wrong finding.
    """
    if not model.rows:
        return
    arrays = model.arrays()
    n_rows = arrays.matrix.shape[0]
    lengths = np.diff(arrays.matrix.indptr)
    cols = arrays.matrix.indices.astype(np.int64)
    coef = arrays.matrix.data
    row_of = np.repeat(np.arange(n_rows), lengths)
    row_lo, row_hi = arrays.lo, arrays.hi
    lower = np.asarray(model.lower, dtype=np.float64)
    upper = np.asarray(model.upper, dtype=np.float64)
    active = np.ones(n_rows, dtype=bool)
    for _ in range(max_passes):
        at = np.flatnonzero(active[row_of])
        if not len(at):
            break
        c, v, r = coef[at], cols[at], row_of[at]
        up = c > 0
        t_min = np.where(up, c * lower[v], c * upper[v])
        t_max = np.where(up, c * upper[v], c * lower[v])
        rest_min = _rest(t_min, r, n_rows, -INF)
        rest_max = _rest(t_max, r, n_rows, INF)
        hi, lo = row_hi[r], row_lo[r]
        with np.errstate(invalid="ignore"):
            cap = np.where(np.isfinite(hi) & np.isfinite(rest_min), (hi - rest_min) / c, np.nan)
            floor_ = np.where(np.isfinite(lo) & np.isfinite(rest_max), (lo - rest_max) / c,
                              np.nan)
        new_upper, new_lower = upper.copy(), lower.copy()
        np.fmin.at(new_upper, v, np.floor(np.where(up, cap, floor_) + 1e-7))
        np.fmax.at(new_lower, v, np.ceil(np.where(up, floor_, cap) - 1e-7))
        changed = (new_upper < upper - 0.5) | (new_lower > lower + 0.5)
        if not changed.any():
            break
        upper = np.where(new_upper < upper - 0.5, new_upper, upper)
        lower = np.where(new_lower > lower + 0.5, new_lower, lower)
        active = np.zeros(n_rows, dtype=bool)
        active[row_of[changed[cols]]] = True
    model.lower[:] = lower.tolist()
    model.upper[:] = upper.tolist()


def _rest(terms: np.ndarray, rows: np.ndarray, n_rows: int, unbounded: float) -> np.ndarray:
    """Per term: the activity of the other terms of its row (``unbounded`` when one of them is
    infinite)."""
    infinite = np.isinf(terms)
    finite = np.where(infinite, 0.0, terms)
    total = np.bincount(rows, weights=finite, minlength=n_rows)
    count = np.bincount(rows, weights=infinite, minlength=n_rows)
    others = count[rows] - infinite
    return np.where(others > 0, unbounded, total[rows] - finite)
