# SPDX-License-Identifier: EUPL-1.2
"""Interval attack on a publication: which hidden counts can an attacker narrow down?

The attacker has every published table (of this and every earlier publication of the region and
period) and solves linear programmes over what they state (``attack_model``). A hidden count is
*protected* when the feasible range of its value contains the protection interval around the
truth: ``[max(0, v - p), v + p]`` for a true count 1–9 (``p`` = ``Settings.protection_interval``,
default 5), and at least the rounding band for larger counts (a hidden 40 must not be known
better than a published one). The same holds for the small complement ``noemer - teller``
(1–9) of a share, shown or hidden: "10 of 11" is as disclosive as "1". A true 0 is not protected (nobody is
described by it).

Speed (publishing may take at most twice as long as without the attack): the model of the truth
and of the earlier publications is built once (``Attacker``) and each round of the protection
loop only adds its own publication to a copy; the rows are kept as a sparse matrix and split into
independent connected components; in each, an LP maximises (minimises) the sum of all open
targets, so a single solution certifies every target it reaches (``attack_lp``); only targets no
batch reaches get their own LP, which then decides them exactly. Components are solved in
threads (HiGHS releases the GIL); the outcome does not depend on their number. ``start``
returns once bound propagation is done, with the LPs still running, so the protection loop can
prepare its next round meanwhile (``protect.py``).
"""

from __future__ import annotations

import math
import os
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ketenmonitor.core.logging import get_logger
from ketenmonitor.indicators.attack_lp import PARALLEL_FROM, Solved, make_spec, submit
from ketenmonitor.indicators.attack_model import (
    Arrays,
    CellKey,
    Model,
    Published,
    Row,
    add_publication,
    add_relations,
    build_variables,
    propagate,
)
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.linked import equal_series
from ketenmonitor.indicators.model import Eenheid
from ketenmonitor.indicators.tables import CellTable

log = get_logger(__name__)
_EPS = 1e-6


@dataclass(frozen=True)
class Finding:
    """A hidden count (or complement) whose feasible range is narrower than required."""

    indicator: str
    gebied: str
    periode: str
    dimensie: str
    categorie: str
    maat: str  # teller | noemer | complement
    waarde: int
    ondergrens: float  # integer, or -inf when only the upper side fails
    bovengrens: float  # integer, or inf


@dataclass
class AttackReport:
    findings: list[Finding] = field(default_factory=list)
    targets: int = 0
    components: int = 0
    lps: int = 0
    seconds: float = 0.0
    dropped_relations: int = 0
    settled: int = 0  # findings from bound propagation alone (their range is an outer bound)

    def per_indicator(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for f in self.findings:
            counts[f.indicator] += 1
        return dict(sorted(counts.items()))


@dataclass(frozen=True)
class _Target:
    where: CellKey
    maat: str
    row: Row
    value: int
    goal_lo: float
    goal_hi: float


def series_links(cells: Mapping[str, CellTable], catalogue: Catalogue) -> list[list[CellKey]]:
    """Counts that tables show as the same series (``linked.equal_series``), cell by cell."""
    return [
        [(ind, rows[pos], measure) for ind, measure, rows in members]
        for members in equal_series(cells, catalogue) for pos in range(len(members[0][2]))
    ]


def _targets(
    model: Model, cells: Mapping[str, CellTable], current: Mapping[str, pa.Table],
    catalogue: Catalogue, protection: int, base: int,
    only: Collection[tuple[str, int]] | None = None,
) -> list[_Target]:
    wanted: dict[str, list[int]] | None = None
    if only is not None:
        wanted = defaultdict(list)
        for ind, i in sorted(only):
            wanted[ind].append(i)
    targets: list[_Target] = []
    for ind, table in current.items():
        if ind not in cells:
            continue
        share = catalogue[ind].eenheid is Eenheid.PERCENTAGE
        truth = cells[ind]
        hidden = table.column("onderdrukt").to_pylist()
        for i in range(len(truth)) if wanted is None else wanted.get(ind, []):
            t = model.var[(ind, i, "teller")]
            n = model.var.get((ind, i, "noemer"))
            exprs: list[tuple[str, Row]] = []
            if hidden[i]:  # a count another table shows is not secret here either
                if t not in model.shown:
                    exprs.append(("teller", {t: 1.0}))
                if n is not None and n != t and n not in model.shown:
                    exprs.append(("noemer", {n: 1.0}))
            if share and n is not None and n != t:  # shown or not: "10 of 11" singles out 1
                exprs.append(("complement", {n: 1.0, t: -1.0}))
            for maat, row in exprs:
                value = round(sum(c * model.truth[v] for v, c in row.items()))
                if value <= 0 or (maat == "complement" and value >= 10):
                    continue
                if value < 10:
                    lo, hi = max(0, value - protection), value + protection
                else:
                    lo, hi = value - base // 2, value + base - 1 - base // 2
                targets.append(_Target((ind, i, maat), maat, row, value, lo, hi))
    return targets


def _components(
    arrays: Arrays, n_vars: int, targets: Sequence[_Target]
) -> list[tuple[np.ndarray, list[int]]]:
    """(rows, targets) per connected component of the variables that hold a target."""
    matrix = arrays.matrix
    lengths = np.diff(matrix.indptr)
    firsts = matrix.indices[matrix.indptr[:-1][lengths > 0]]
    row_of = np.repeat(np.arange(matrix.shape[0]), lengths)
    graph = coo_matrix(
        (np.ones(len(matrix.indices)), (matrix.indices[matrix.indptr[row_of]], matrix.indices)),
        shape=(n_vars, n_vars),
    )
    _count, label = connected_components(graph, directed=False)
    row_label = np.full(matrix.shape[0], -1, dtype=np.int64)
    row_label[lengths > 0] = label[firsts]
    tgts: dict[int, list[int]] = defaultdict(list)
    for k, target in enumerate(targets):
        tgts[int(label[next(iter(target.row))])].append(k)
    order = np.argsort(row_label, kind="stable")
    sorted_labels = row_label[order]
    result = []
    for lab in sorted(tgts):
        lo, hi = np.searchsorted(sorted_labels, [lab, lab + 1])
        result.append((order[lo:hi], tgts[lab]))
    return result


def _variables(arrays: Arrays, parts: Sequence[tuple[np.ndarray, list[int]]]) -> int:
    """How many variables the components' rows hold together."""
    if not parts:
        return 0
    rows = np.concatenate([row_ids for row_ids, _t in parts])
    return int(np.unique(arrays.matrix[rows].indices).size)


def _box(model: Model, row: Row) -> tuple[float, float]:
    """The range of ``row·x`` over the variable bounds alone (an outer bound of the LP's)."""
    lo = sum(c * (model.lower[v] if c > 0 else model.upper[v]) for v, c in row.items())
    hi = sum(c * (model.upper[v] if c > 0 else model.lower[v]) for v, c in row.items())
    return lo, hi


def _integer(bound: float, towards: Callable[[float], int]) -> float:
    """Counts are integers: an LP bound rounds inwards (infinite bounds stay)."""
    return bound if math.isinf(bound) else float(towards(bound - _EPS if towards is math.ceil
                                                         else bound + _EPS))


class Attacker:
    """The attacker's model of the truth and of the ``earlier`` publications, built once; each
    ``attack`` adds one current publication to a copy (the protection loop attacks several
    suppression patterns of the same truth)."""

    def __init__(
        self,
        truth: Mapping[str, pa.Table],
        catalogue: Catalogue,
        *,
        threshold: int,
        base: int,
        protection: int,
        earlier: Sequence[Published] = (),
        cells: Mapping[str, CellTable] | None = None,
        workers: int | None = None,
    ):
        started = time.process_time()
        self.catalogue, self.threshold, self.base = catalogue, threshold, base
        self.protection, self.workers = protection, workers
        if cells is None:
            cells = {k: CellTable.from_arrow(v) for k, v in truth.items() if k in catalogue}
        self.cells = {k: v for k, v in cells.items() if k in catalogue}
        model = build_variables(self.cells, catalogue, series_links(self.cells, catalogue))
        add_relations(model, self.cells, catalogue)
        for pub in earlier:
            add_publication(model, self.cells, pub, catalogue, threshold, base)
        model.arrays()  # converted once for every attack on this model
        self._model = model
        self.build_seconds = time.process_time() - started

    def _finding(self, target: _Target, lo: float, hi: float) -> Finding:
        ind, i, _m = target.where
        table = self.cells[ind]
        return Finding(ind, table.gebied[i], table.periode[i], table.dimensie[i],
                       table.categorie[i], target.maat, target.value, lo, hi)

    def attack(
        self,
        current: Mapping[str, pa.Table],
        *,
        values_from_rounded: bool,
        only: Collection[tuple[str, int]] | None = None,
    ) -> AttackReport:
        """Findings of the interval attack on ``current``; ``only`` limits the targets to
        these cells (indicator, row). The components' LPs run in ``workers`` threads."""
        threads = self.workers if self.workers is not None else len(os.sched_getaffinity(0))
        if threads <= 1:
            return self.start(current, values_from_rounded=values_from_rounded, only=only,
                              pool=None).result()
        with ThreadPoolExecutor(threads) as pool:
            return self.start(current, values_from_rounded=values_from_rounded, only=only,
                              pool=pool).result()

    def start(
        self,
        current: Mapping[str, pa.Table],
        *,
        values_from_rounded: bool,
        only: Collection[tuple[str, int]] | None = None,
        pool: Executor | None,
    ) -> PendingAttack:
        """``attack`` without waiting for the LPs: bound propagation and the findings it
        settles are done on return (``PendingAttack.settled``); the components' LPs run in
        ``pool`` (in this thread when it is None or they are small) until ``result()``."""
        started = time.process_time()
        model = self._model.copy()
        add_publication(model, self.cells, Published(current, values_from_rounded),
                        self.catalogue, self.threshold, self.base)
        propagate(model)
        targets = _targets(model, self.cells, current, self.catalogue, self.protection,
                           self.base, only)
        report = AttackReport(targets=len(targets), dropped_relations=model.dropped)
        open_targets = []
        for target in targets:
            lo, hi = _box(model, target.row)
            if lo > target.goal_lo + _EPS or hi < target.goal_hi - _EPS:  # settled, no LP
                report.findings.append(self._finding(target, lo, hi))
            else:
                open_targets.append(target)
        report.settled = len(report.findings)
        arrays = model.arrays()
        lower, upper = np.asarray(model.lower), np.asarray(model.upper)
        parts = _components(arrays, len(model.truth), open_targets)
        report.components = len(parts)
        if pool is not None and _variables(arrays, parts) < PARALLEL_FROM:
            pool = None  # small: threads only cost
        truth = np.asarray(model.truth)
        futures: dict[int, Future[Solved]] = {}
        # largest first, each submitted as soon as it is built: the LPs start meanwhile
        for i in sorted(range(len(parts)), key=lambda i: -len(parts[i][0])):
            row_ids, target_ids = parts[i]
            futures[i] = submit(make_spec(arrays, row_ids, lower, upper, truth,
                                          [open_targets[k] for k in target_ids]), pool)
        report.seconds = time.process_time() - started
        return PendingAttack(self, report, open_targets, [t for _r, t in parts],
                             [futures[i] for i in range(len(parts))])


@dataclass
class PendingAttack:
    """An attack whose LPs may still run; the findings of bound propagation are known."""

    attacker: Attacker
    report: AttackReport
    open_targets: list[_Target]
    target_ids: list[list[int]]
    futures: list[Future[Solved]]
    collected: bool = False  # the LPs' findings are in the report

    @property
    def settled(self) -> list[Finding]:
        """The findings of bound propagation alone (a part of the final findings)."""
        return self.report.findings[: self.report.settled]

    def cancel(self) -> None:
        """Drop the LPs not yet started (their outcome is no longer needed)."""
        for future in self.futures:
            future.cancel()

    def result(self) -> AttackReport:
        """The report with the LPs' findings (waits for them)."""
        report = self.report
        if self.collected:
            return report
        started = time.process_time()
        for target_ids, future in zip(self.target_ids, self.futures, strict=True):
            ranges, lps = future.result()
            report.lps += lps
            for k, (lo, hi) in sorted(ranges.items()):
                report.findings.append(self.attacker._finding(
                    self.open_targets[target_ids[k]], _integer(lo, math.ceil),
                    _integer(hi, math.floor),
                ))
        self.collected = True
        report.seconds += time.process_time() - started
        log.info("aanval", doelen=report.targets, gevonden=len(report.findings),
                 componenten=report.components, lps=report.lps, seconden=round(report.seconds, 2))
        return report


def attack(
    truth: Mapping[str, pa.Table],
    current: Mapping[str, pa.Table],
    catalogue: Catalogue,
    *,
    threshold: int,
    base: int,
    protection: int,
    values_from_rounded: bool,
    earlier: Sequence[Published] = (),
    only: Collection[tuple[str, int]] | None = None,
    workers: int | None = None,
) -> AttackReport:
    """Findings of the interval attack on ``current`` (the disclosed ``truth``), together with
    the ``earlier`` publications of the same region and period.

    ``only`` limits the targets to these cells (indicator, row). Hiding more cells only removes
    what the attacker knows, so after a round of extra suppression only the newly hidden cells
    and the earlier findings need checking again (``protect.py``)."""
    attacker = Attacker(truth, catalogue, threshold=threshold, base=base, protection=protection,
                        earlier=earlier, workers=workers)
    return attacker.attack(current, values_from_rounded=values_from_rounded, only=only)
