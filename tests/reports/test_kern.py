# SPDX-License-Identifier: EUPL-1.2
"""The core selection: which indicators a gemeente section draws in full."""

from __future__ import annotations

from importlib import resources

from ketenmonitor.reports.kern import core_indicators, parse_core_list


def test_parse_skips_comments_and_blank_lines() -> None:
    text = "# kop\n\nmeldingen_per_1000  # toelichting\n adviezen_per_1000\n"
    assert parse_core_list(text) == frozenset({"meldingen_per_1000", "adviezen_per_1000"})


def test_shipped_core_list_names_catalogue_indicators_only() -> None:
    catalogue = resources.files("ketenmonitor.indicators").joinpath("catalogue")
    ids = {p.name.removesuffix(".yaml") for p in catalogue.iterdir() if p.name.endswith(".yaml")}
    core = core_indicators()
    assert 8 <= len(core) <= 15  # a selection, not the catalogue
    assert core <= ids, sorted(core - ids)
