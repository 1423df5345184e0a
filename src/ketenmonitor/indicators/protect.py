# SPDX-License-Identifier: EUPL-1.2
"""Suppression checked by the interval attack, to a fixpoint (issue 12, ADR 0010).

The suppression rules of ``disclosure.py`` protect each sum on its own. An attacker combines all
sums of all tables (and every earlier publication of the region), which no local rule can
foresee. So after suppressing, the interval attack (``attack.py``) runs over the result; for
every cell it narrows down, the smallest shown cell of each sum around it is suppressed as well,
and the tables are disclosed again. Suppression only grows, so this ends: at worst every cell of
the affected area and period is hidden. The attack that certifies the last round is returned,
so the publication can state what it was checked against.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass

import pyarrow as pa

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.indicators.attack import Attacker, AttackReport, Finding, PendingAttack
from ketenmonitor.indicators.attack_model import Published
from ketenmonitor.indicators.catalogue import Catalogue
from ketenmonitor.indicators.disclosure import Protection, with_uncertainty
from ketenmonitor.indicators.elsewhere import Elsewhere, can_fork
from ketenmonitor.indicators.linked import disclose_tables, find_links
from ketenmonitor.indicators.model import TOTAAL
from ketenmonitor.indicators.tables import CellTable, Group, additive_groups

log = get_logger(__name__)
MAX_ROUNDS = 12
FORK_FROM = 20_000  # cells; below this the first suppression is too short to gain from a child


@dataclass(frozen=True)
class Protected:
    """The disclosed tables and the attack on them that found nothing (or what it found)."""

    tables: dict[str, pa.Table]
    report: AttackReport
    rounds: int
    extra_cells: int
    targets: int = 0  # hidden counts and small complements the first round checked

    def summary(self, interval: int, earlier: int) -> dict[str, int]:
        """What the publication's metadata states about the check."""
        return {
            "protection_interval": interval, "targets": self.targets,
            "findings": len(self.report.findings), "rounds": self.rounds,
            "extra_suppressed": self.extra_cells, "earlier_publications": earlier,
        }


def _open_neighbours(
    cells: CellTable, groups: Sequence[Group], hidden: Sequence[bool], cell: int
) -> set[int]:
    """The smallest shown cell of every sum around ``cell``."""
    picks: set[int] = set()
    for group in groups:
        if cell not in group.cells:
            continue
        shown = [c for c in group.cells if not hidden[c]]
        if shown:
            picks.add(min(shown, key=lambda c: (cells.teller[c], c == group.total, c)))
    return picks


def _whole_place(cells: CellTable, hidden: Sequence[bool], cell: int) -> set[int]:
    """Every shown cell of the same area and year: the fallback when no sum has one left."""
    year = cells.year(cell)
    return {
        i for i in range(len(cells))
        if not hidden[i] and cells.gebied[i] == cells.gebied[cell] and cells.year(i) == year
    }


def more_suppression(
    findings: Sequence[Finding],
    cells: Mapping[str, CellTable],
    tables: Mapping[str, pa.Table],
    catalogue: Catalogue,
) -> dict[str, set[int]]:
    """Cells to suppress in addition, per indicator, for the attack's ``findings``."""
    groups = {ind: additive_groups(cells[ind], catalogue[ind]) for ind in cells}
    hidden = {ind: tables[ind].column("onderdrukt").to_pylist() for ind in tables}
    extra: dict[str, set[int]] = {}
    for finding in findings:
        table, defn = cells[finding.indicator], catalogue[finding.indicator]
        cell = table.index[(finding.gebied, finding.periode, finding.dimensie, finding.categorie)]
        around = {cell}
        if defn.noemer_is_totaal and finding.maat != "teller" and table.dimensie[cell] != TOTAAL:
            around.add(table.index[(finding.gebied, finding.periode, TOTAAL, TOTAAL)])
        picks: set[int] = set()
        for c in around:
            picks |= _open_neighbours(table, groups[finding.indicator], hidden[finding.indicator], c)
        if not picks:
            picks = _whole_place(table, hidden[finding.indicator], cell)
        extra.setdefault(finding.indicator, set()).update(picks)
    return extra


@dataclass
class _Round:
    """One round of the loop: its tables, what it hid, and its (possibly running) attack."""

    number: int
    tables: dict[str, pa.Table]
    hidden: dict[str, list[bool]]
    forced: dict[str, set[int]]
    attack: PendingAttack


def _cells_of(findings: Sequence[Finding], cells: Mapping[str, CellTable]) -> set[tuple[str, int]]:
    return {
        (f.indicator, cells[f.indicator].index[(f.gebied, f.periode, f.dimensie, f.categorie)])
        for f in findings
    }


def protect_tables(
    results: Mapping[str, pa.Table],
    catalogue: Catalogue,
    provisional: Collection[str],
    *,
    threshold: int,
    rounding_base: int,
    interval: int,
    earlier: Sequence[Published] = (),
    workers: int | None = None,
    fork: bool | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Protected:
    """Disclose ``results`` and suppress more until the interval attack finds nothing.

    Pipelined (the outcome is that of doing the rounds one after the other): while the LPs of
    a round run in ``workers`` threads, the next round is prepared from the findings bound
    propagation already settled. Only when the LPs find nothing more (the usual case: the
    findings they would add are then exactly the settled ones) is that next round kept;
    otherwise it is dropped and made again from all findings. Intervals and trends play no
    part in the attack: they are added to a round's tables while its LPs run. ``fork``:
    the first suppression in a forked child while the attacker is modelled (default: when
    fork and a second core exist and the tables have ``FORK_FROM`` cells or more).
    ``meanwhile``: the caller's own work that needs no protected table (the CBS comparison's
    figures), done here while the child still suppresses."""
    protection = Protection(interval=interval, band=rounding_base // 2)
    all_cells = {ind: CellTable.from_arrow(t) for ind, t in results.items()}
    cells = {ind: c for ind, c in all_cells.items() if ind in catalogue}
    links = find_links(cells, catalogue)

    def disclose(forced: dict[str, set[int]], previous: _Round | None) -> dict[str, pa.Table]:
        return disclose_tables(
            results, catalogue, provisional, threshold, rounding_base, protection=protection,
            extra=forced, previous=previous.tables if previous else {}, cells=all_cells,
            links=links, uncertainty=False,
        )

    # The first suppression and the model of the truth are independent Python work: with a
    # free core the suppression runs in a forked child meanwhile (same result, ``elsewhere``).
    if fork is None:
        fork = can_fork() and sum(len(c) for c in cells.values()) >= FORK_FROM
    first = Elsewhere(lambda: disclose({}, None), fork=fork)
    # the truth and the earlier publications are the same in every round: modelled once
    try:
        attacker = Attacker(results, catalogue, threshold=threshold, base=rounding_base,
                            protection=interval, earlier=earlier, cells=cells, workers=workers)
        if meanwhile is not None:
            meanwhile()
    except BaseException:
        first.cancel()  # no child left behind, blocked on a pipe nobody reads
        raise

    finished: dict[int, tuple[pa.Table, pa.Table]] = {}  # id of a table → (it, completed)

    def finish(tables: Mapping[str, pa.Table]) -> dict[str, pa.Table]:
        """``tables`` with intervals and trends; a table an earlier round kept is done once."""
        for ind, table in tables.items():
            if id(table) not in finished:
                finished[id(table)] = (table, with_uncertainty(
                    table, all_cells[ind], catalogue[ind], provisional
                ))
        return {ind: finished[id(table)][1] for ind, table in tables.items()}

    def begin(
        number: int, forced: dict[str, set[int]], previous: _Round | None,
        findings: Sequence[Finding], pool: Executor | None,
        tables: dict[str, pa.Table] | None = None,
    ) -> _Round:
        if tables is None:
            tables = disclose(forced, previous)
        hidden = {ind: t.column("onderdrukt").to_pylist() for ind, t in tables.items()}
        only: set[tuple[str, int]] | None = None  # the first round checks every cell
        if previous is not None:  # suppressing more only takes away: the new cells and the
            only = _cells_of(findings, cells) | {  # earlier findings are all there is to check
                (ind, i) for ind, flags in hidden.items() for i, flag in enumerate(flags)
                if flag and not previous.hidden[ind][i]
            }
        pending = attacker.start(tables, values_from_rounded=True, only=only, pool=pool)
        return _Round(number, tables, hidden, forced, pending)

    def advance(done: _Round, findings: Sequence[Finding]) -> tuple[dict[str, set[int]], int]:
        """The cells forced in the next round, and how many of them are newly hidden."""
        extra = more_suppression(findings, cells, done.tables, catalogue)
        added = sum(1 for ind, picks in extra.items() for i in picks if not done.hidden[ind][i])
        # Everything hidden stays hidden: with more cells forced, the secondary rules could
        # otherwise pick other cells and show one that an earlier round relied on being hidden,
        # and the next round only checks the newly hidden cells.
        forced = {ind: set(cells_) for ind, cells_ in done.forced.items()}
        for ind, flags in done.hidden.items():
            forced.setdefault(ind, set()).update(i for i, flag in enumerate(flags) if flag)
        for ind, picks in extra.items():
            forced.setdefault(ind, set()).update(picks)
        return forced, added

    threads = workers if workers is not None else len(os.sched_getaffinity(0))
    with ThreadPoolExecutor(max(1, threads)) as pool:
        current = begin(1, {}, None, (), pool, first.result())
        targets = current.attack.report.targets
        extra_total = 0
        while True:
            settled = list(current.attack.settled)
            ahead: _Round | None = None
            if settled and current.number < MAX_ROUNDS:
                forced, added = advance(current, settled)
                if added:  # prepared while the LPs of this round run
                    ahead = begin(current.number + 1, forced, current, settled, pool)
            finish(current.tables)  # while the LPs run: mostly what will be published
            if ahead is not None:
                finish(ahead.tables)
            report = current.attack.result()
            log.info("onthulling_ronde", ronde=current.number, gevonden=len(report.findings),
                     vooruit=ahead is not None)
            if ahead is not None and len(report.findings) == len(settled):
                extra_total += added  # the LPs found nothing more: the round ahead stands
                current = ahead
                continue
            if ahead is not None:
                ahead.attack.cancel()  # made from too few findings
            forced, added = advance(current, report.findings)
            if not report.findings or not added:
                return Protected(
                    finish(current.tables), report, current.number, extra_total, targets
                )
            extra_total += added
            if current.number == MAX_ROUNDS:
                return Protected(
                    finish(current.tables), report, MAX_ROUNDS, extra_total, targets
                )
            current = begin(current.number + 1, forced, current, report.findings, pool)


def refuse_unprotected(protected: Protected, interval: int, earlier: int) -> None:
    """Refuse (``PublicationError``) when the attack still narrows a hidden count down."""
    report = protected.report
    if not report.findings:
        return
    worst = sorted(report.per_indicator().items(), key=lambda kv: -kv[1])[:3]
    raise PublicationError(
        "onthulling_terug_te_rekenen",
        _("De publicatie wordt niet geschreven: uit de gepubliceerde tabellen (samen met "
          "{earlier} eerdere publicatie(s) van deze regio) zijn {count} verborgen aantallen "
          "nauwer terug te rekenen dan ±{interval}, ook na {rounds} ronden extra onderdrukking "
          "(meeste in: {where}).").format(
            earlier=earlier, count=len(report.findings), interval=interval,
            rounds=protected.rounds, where=", ".join(f"{ind} ({n})" for ind, n in worst),
        ),
        _("Meestal ligt dit aan een eerdere publicatie die al meer liet zien: controleer de "
          "eerdere publicaties van deze regio en meld het aan de beheerder (zie "
          "docs/onthullingsbeveiliging.md)."),
    )
