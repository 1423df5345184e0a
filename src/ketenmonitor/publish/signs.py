# SPDX-License-Identifier: EUPL-1.2
"""Why a published cell shows no figure: three reasons, three signs (issue 15, ADR 0021).

A cell without a figure used to show '.' for three different things. The publication now keeps
them apart, in the column ``reden_geen_cijfer`` (format 1.2) and in the sign of ``weergave``,
following the signs statistical offices use:

========================  =====  ================================================================
reason                    sign   meaning
========================  =====  ================================================================
``onthulling``            ``x``  hidden to protect persons (CBS: "geheim")
``nog_niet_waarneembaar`` ``…``  the period or its follow-up window (12/18 months, 180 days, ...)
                                 is not over at the peildatum: the figure comes later
``geen_gegevens``         ``.``  no data: the source was not delivered for the period, or there
                                 was nothing to count (CBS: "gegevens ontbreken")
========================  =====  ================================================================

Disclosure control (``indicators.disclosure``) decides which cells are suppressed; this module
only reads its mark (``onderdrukt`` true) and never says why (primair or secundair stays
internal, ADR 0010). Every other empty cell is either not yet observable or has no data.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.model import IndicatorDefinitie

ONTHULLING = "onthulling"
NOG_NIET_WAARNEEMBAAR = "nog_niet_waarneembaar"
GEEN_GEGEVENS = "geen_gegevens"
REASONS: tuple[str, ...] = (ONTHULLING, NOG_NIET_WAARNEEMBAAR, GEEN_GEGEVENS)
SIGNS: dict[str, str] = {ONTHULLING: "x", NOG_NIET_WAARNEEMBAAR: "…", GEEN_GEGEVENS: "."}
REASON_COLUMN = "reden_geen_cijfer"

# Derived columns that stay NULL until a follow-up window after the counted date has passed at
# the peildatum (derive/pipeline.py, derive/pathways.py): the window in days, rounded up.
FOLLOW_UP_DAYS: dict[str, int] = {
    "gevolgd_12m": 366,
    "gevolgd_18m": 549,
    "nieuwe_melding_12m_na_afsluiting": 366,
    "hulp_gestart": 180,
    "onderzoek_binnen_10_weken": 70,
    "vb_binnen_5_werkdagen": 9,
}


def explanation(reason: str) -> str:
    """The Dutch meaning of a reason, for legends, tooltips and screen readers."""
    texts = {
        ONTHULLING: _("geheim: afgeschermd om personen te beschermen"),
        NOG_NIET_WAARNEEMBAAR: _(
            "nog niet waarneembaar: de periode of de volgtermijn (bijvoorbeeld 12 of 18 maanden) "
            "is op de peildatum nog niet om"
        ),
        GEEN_GEGEVENS: _("geen gegevens: bron niet aangeleverd of niets om te tellen"),
    }
    return texts[reason]


def short_label(reason: str) -> str:
    """One or two words, for a table cell's screen-reader hint or a chart tooltip."""
    labels = {
        ONTHULLING: _("geheim"),
        NOG_NIET_WAARNEEMBAAR: _("nog niet waarneembaar"),
        GEEN_GEGEVENS: _("geen gegevens"),
    }
    return labels[reason]


def legend() -> list[tuple[str, str]]:
    """(sign, meaning) for every reason, in a fixed order, for every legend that lists signs."""
    return [(SIGNS[r], explanation(r)) for r in REASONS]


def reason_of_sign(weergave: str | None) -> str | None:
    """The reason a display text stands for, or None for a figure."""
    for reason, sign in SIGNS.items():
        if weergave == sign:
            return reason
    return None


def follow_up_days(defn: IndicatorDefinitie) -> int | None:
    """The longest follow-up window an indicator's counts wait for, or None."""
    columns = [f.kolom for f in (*defn.teller.filters, *defn.noemer.filters)]
    days = [FOLLOW_UP_DAYS[c] for c in columns if c in FOLLOW_UP_DAYS]
    return max(days) if days else None


def undelivered_periods(
    periods: Collection[str], bronnen: Collection[str], deliveries: Collection[Mapping[str, Any]]
) -> set[str]:
    """The periods for which a source of the indicator has no delivery in force.

    Only record types the publication knows deliveries of at all are judged, and nothing when
    the metadata lists no deliveries (a hand-made publication): then nothing is known missing.
    """
    if not deliveries:
        return set()
    spans: dict[str, list[Period]] = {}
    for d in deliveries:
        try:
            spans.setdefault(str(d["record_type"]), []).append(Period.parse(str(d["period"])))
        except (InputRefused, KeyError):
            continue
    missing: set[str] = set()
    for code in periods:
        try:
            period = Period.parse(code)
        except InputRefused:
            continue
        for bron in bronnen:
            if bron == "betrokkene" and bron not in spans:
                continue  # betrokkenen may come with the Veilig Thuis berichten
            if not any(s.start <= period.end and period.start <= s.end for s in spans.get(bron, [])):
                missing.add(code)
    return missing


def reason_for(
    onderdrukt: bool,
    has_figure: bool,
    periode: str,
    provisional: Collection[str],
    peildatum: date,
    window_days: int | None,
    undelivered: Collection[str] = (),
) -> str | None:
    """Why a cell shows no figure (None when it shows one).

    Reasons that follow from public facts come first — a period in which no case can have
    completed its follow-up window, or a source not delivered for the period — because they say
    nothing about the counts; disclosure control withholds such cells too (every cell without
    a value is primary there), but 'geheim' would be the wrong explanation. Then the mark of
    disclosure control; an empty cell it did not mark is not yet observable in a provisional
    period or an incomplete window, and otherwise has no data.
    """
    if has_figure and not onderdrukt:
        return None
    try:
        period: Period | None = Period.parse(periode)
    except InputRefused:
        period = None
    if period is not None and window_days is not None and (
        period.start + timedelta(days=window_days) > peildatum
    ):
        return NOG_NIET_WAARNEEMBAAR
    if period is not None and period.start > peildatum:
        return NOG_NIET_WAARNEEMBAAR
    if periode in undelivered:
        return GEEN_GEGEVENS
    if onderdrukt:
        return ONTHULLING
    if periode in provisional:
        return NOG_NIET_WAARNEEMBAAR
    if period is not None and window_days is not None and (
        period.end + timedelta(days=window_days) > peildatum
    ):
        return NOG_NIET_WAARNEEMBAAR
    return GEEN_GEGEVENS


def mark_table(
    table: pa.Table,
    provisional: Collection[str],
    peildatum: date,
    window_days: int | None,
    schema: pa.Schema,
    undelivered: Collection[str] = (),
) -> pa.Table:
    """``table`` in the layout of ``schema`` (format 1.2) with the reason and the sign of every
    cell without a figure.

    Works on a table fresh from disclosure control (no reason column) and on one already
    marked (the reasons are recomputed, so marking twice changes nothing). A period counts as
    provisional when it is in ``provisional`` or the table flags it ``voorlopig``.
    ``onderdrukt`` stays as disclosure control set it.
    """
    flagged = table.column("voorlopig").to_pylist() if "voorlopig" in table.column_names else []
    provisional = set(provisional) | {
        str(p) for p, v in zip(table.column("periode").to_pylist(), flagged, strict=False) if v
    }
    onderdrukt = table.column("onderdrukt").to_pylist()
    waarde = table.column("waarde").to_pylist()
    periode = table.column("periode").to_pylist()
    weergave = table.column("weergave").to_pylist()
    reasons: list[str | None] = []
    shown: list[str] = []
    known: dict[tuple[bool, bool, str], str | None] = {}  # the reason depends on these alone
    for hidden, value, code, text in zip(onderdrukt, waarde, periode, weergave, strict=True):
        key = (bool(hidden), value is not None, str(code))
        if key in known:
            reason = known[key]
        else:
            reason = known[key] = reason_for(*key, provisional, peildatum, window_days,
                                             undelivered)
        reasons.append(reason)
        shown.append(SIGNS[reason] if reason else str(text))
    # only the sign, the reasons and the columns an older layout lacks change: any other column
    # (also a wrong one) stays as it is, so the publication guards still see and refuse it
    columns = {name: table.column(name) for name in table.column_names}
    columns["weergave"] = pa.array(shown, pa.string())
    columns[REASON_COLUMN] = pa.array(reasons, pa.string())
    if "onderdrukking" in schema.names:
        # the one published disclosure reason; primair/secundair never leave disclosure control
        columns["onderdrukking"] = pa.array(
            [ONTHULLING if bool(h) else None for h in onderdrukt], pa.string()
        )
    for fld in schema:
        if fld.name not in columns:
            columns[fld.name] = pa.nulls(table.num_rows, fld.type)
    own = set(schema.names)
    names = [f.name for f in schema] + [n for n in table.column_names if n not in own]
    return pa.table({name: columns[name] for name in names})


def mark_tables(
    tables: Mapping[str, pa.Table],
    metadata: Mapping[str, Any],
    windows: Mapping[str, int | None],
    schema: pa.Schema,
) -> dict[str, pa.Table]:
    """``mark_table`` over the indicator tables of one publication.

    ``metadata`` gives the peildatum, the provisional periods, the deliveries and each
    indicator's ``bronnen``; ``windows`` the follow-up window per indicator (from the catalogue).
    """
    peildatum = date.fromisoformat(str(metadata["peildatum"])[:10])
    provisional = list(metadata.get("provisional_periods") or [])
    deliveries = list(metadata.get("deliveries") or [])
    bronnen = {str(i["id"]): list(i.get("bronnen") or []) for i in metadata.get("indicators") or []}
    marked: dict[str, pa.Table] = {}
    for name, table in tables.items():
        periods = {str(p) for p in table.column("periode").to_pylist()}
        # conservative: a period counts as not delivered only when no delivery covers it and
        # the table shows no figure at all for it (both visible to any reader)
        shown = {str(p) for p, w in zip(table.column("periode").to_pylist(),
                                        table.column("waarde").to_pylist(), strict=True)
                 if w is not None}
        missing = undelivered_periods(periods - shown, bronnen.get(name, []), deliveries)
        marked[name] = mark_table(table, provisional, peildatum, windows.get(name), schema,
                                  missing)
    return marked
