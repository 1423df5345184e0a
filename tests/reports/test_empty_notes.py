# SPDX-License-Identifier: EUPL-1.2
"""A category or area without a figure in every period is explained under its table (issue 15)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ketenmonitor.reports.data import Area, IndicatorTable
from ketenmonitor.reports.empty_notes import area_notes, category_notes

REGION = Area("VR_HAAGLANDEN", "Haaglanden", "regio")
DELFT = Area("GM0503", "Delft", "gemeente")
PERIODS = ["2023", "2024"]


def _row(area: Area, periode: str, categorie: str, waarde: float | None,
         reden: str | None) -> dict[str, Any]:
    return {
        "gebied_code": area.code, "gebied_naam": area.naam, "gebied_niveau": area.niveau,
        "periode": periode, "periode_type": "jaar",
        "dimensie": "totaal" if categorie == "totaal" else "aard",
        "categorie": categorie, "categorie_label": categorie.capitalize(),
        "teller": None if waarde is None else 20, "noemer": None if waarde is None else 100,
        "waarde": waarde, "weergave": "", "onderdrukt": reden == "onthulling",
        "voorlopig": False, "reden_geen_cijfer": reden,
    }


def _table() -> IndicatorTable:
    rows = []
    for p in PERIODS:
        rows += [_row(REGION, p, "totaal", 100.0, None),
                 _row(REGION, p, "partnergeweld", 80.0, None),
                 _row(REGION, p, "ouderenmishandeling", None, "onthulling"),
                 _row(DELFT, p, "totaal", None, "onthulling" if p == "2023" else "geen_gegevens")]
    return IndicatorTable(pd.DataFrame(rows))


def test_a_category_hidden_in_every_period_is_explained() -> None:
    categories = [("partnergeweld", "Partnergeweld"), ("ouderenmishandeling", "Ouderenmishandeling")]
    notes = category_notes(_table(), REGION, "aard", categories, PERIODS)
    assert len(notes) == 1
    assert "‘Ouderenmishandeling’ heeft in geen enkele periode een cijfer voor Regio Haaglanden" \
        in notes[0] and "(x: geheim" in notes[0]
    assert "primair" not in notes[0] and "secundair" not in notes[0]


def test_an_area_without_any_figure_is_explained_and_one_with_figures_is_not() -> None:
    notes = area_notes(_table(), [DELFT, REGION], PERIODS)
    assert len(notes) == 1 and notes[0].startswith("Delft heeft in geen enkele periode een cijfer")
