# SPDX-License-Identifier: EUPL-1.2
"""A regiovisie report for a reader who may see only some gemeenten of the region.

``scoped_evaluate(regiovisie, periode, publication, gemeenten)`` is :func:`evaluate` with the
gemeente scope applied; ``gemeenten=None`` means the whole region (nothing removed). A scoped
report keeps every region light and figure and the reader's own gemeenten, and leaves out:

- lights computed for another gemeente (the indicator link with ``gebied: GM…``), in every
  period, so the progress table, charts and appendix lose them too;
- praktijkverhalen set in another gemeente;
- activities held only in other gemeenten, and other gemeenten's names in the activity list;
- rows of other gemeenten in output tables split per gemeente and in contribution tables (the
  region's totals stay, they are region figures).

Scope is applied to the model before evaluation, so region lights are computed exactly as for a
region reader: a gemeente-scoped reader never sees a different region colour.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from decimal import Decimal

from ketenmonitor.publish.reader import Publication
from ketenmonitor.regiovisie.budget import Bijdragetabel, Financien
from ketenmonitor.regiovisie.evaluate import evaluate
from ketenmonitor.regiovisie.model import Regiovisie
from ketenmonitor.regiovisie.programme import OutputTabel
from ketenmonitor.regiovisie.result import EvaluatedReport

REGIO = "regio"


def _hidden(code: str, allowed: Collection[str]) -> bool:
    return bool(code) and code != REGIO and code.upper().startswith("GM") and code not in allowed


def restrict_regiovisie(regiovisie: Regiovisie, allowed: Collection[str]) -> Regiovisie:
    """The regiovisie without other gemeenten's indicator links, their lights and stories."""
    opgaven = []
    removed: dict[str, set[str]] = {}
    for opgave in regiovisie.ontwikkelopgaven:
        resultaten = []
        for res in opgave.resultaten:
            gone = {k.id for k in res.indicatoren if _hidden(k.gebied, allowed)}
            removed[res.id] = gone
            kept = [k for k in res.indicatoren if k.id not in gone]
            resultaten.append(res.model_copy(update={"indicatoren": kept}) if gone else res)
        opgaven.append(opgave.model_copy(update={"resultaten": resultaten}))
    rapportages = []
    for rap in regiovisie.rapportages:
        results = {}
        for res_id, rr in rap.resultaten.items():
            gone = removed.get(res_id, set())
            lights = [lt for lt in rr.lichten if lt.koppeling not in gone]
            results[res_id] = rr.model_copy(update={"lichten": lights})
        opgaven_rap = {
            key: orap.model_copy(update={"praktijkverhalen": [
                s for s in orap.praktijkverhalen if not _hidden(s.gemeente, allowed)]})
            for key, orap in rap.opgaven.items()
        }
        rapportages.append(rap.model_copy(update={"resultaten": results, "opgaven": opgaven_rap}))
    return regiovisie.model_copy(update={"ontwikkelopgaven": opgaven, "rapportages": rapportages})


def _output(table: OutputTabel, allowed: Collection[str]) -> OutputTabel:
    if table.indicator.uitsplitsing != "gemeente":
        return table
    rows = tuple(r for r in table.rijen if not _hidden(r.categorie, allowed))
    return dataclasses.replace(table, rijen=rows)


def _contributions(table: Bijdragetabel, allowed: Collection[str]) -> Bijdragetabel:
    hidden = [r for r in table.rijen if r.gemeente_code not in allowed]
    return dataclasses.replace(
        table,
        rijen=tuple(r for r in table.rijen if r.gemeente_code in allowed),
        rest_inwoners=table.rest_inwoners + sum(r.inwoners for r in hidden),
        rest_bedrag=table.rest_bedrag + sum((r.bedrag for r in hidden), Decimal(0)),
    )


def _finances(f: Financien | None, allowed: Collection[str]) -> Financien | None:
    if f is None:
        return None
    return dataclasses.replace(f, bijdragen=tuple(_contributions(t, allowed) for t in f.bijdragen))


def restrict_report(report: EvaluatedReport, allowed: Collection[str]) -> EvaluatedReport:
    """The parts of an evaluated report computed from all activities, narrowed to ``allowed``."""
    activities = []
    for a in report.activiteiten:
        if not a.gemeenten:
            activities.append(a)
            continue
        own = [c for c in a.gemeenten if c in allowed]
        if own:
            activities.append(a.model_copy(update={"gemeenten": own}))
    return dataclasses.replace(
        report,
        activiteiten=tuple(activities),
        output=tuple(_output(t, allowed) for t in report.output),
        financien=_finances(report.financien, allowed),
    )


def scoped_evaluate(regiovisie: Regiovisie, periode: str, publication: Publication | None,
                    gemeenten: Collection[str] | None) -> EvaluatedReport:
    """:func:`evaluate` for a reader who may see ``gemeenten`` (``None``: the whole region)."""
    if gemeenten is None:
        return evaluate(regiovisie, periode, publication)
    allowed = frozenset(gemeenten)
    report = evaluate(restrict_regiovisie(regiovisie, allowed), periode, publication)
    return restrict_report(report, allowed)


def scope_key(gemeenten: Collection[str] | None) -> str:
    """A file-name part naming the scope, so a cached report is never served across scopes."""
    return "regio" if gemeenten is None else "-".join(sorted(gemeenten)) or "geen-gemeenten"

