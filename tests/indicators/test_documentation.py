# SPDX-License-Identifier: EUPL-1.2
"""docs/indicatoren.md is generated from the catalogue and must stay in step with it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import yaml

from ketenmonitor.codes import code_list
from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.catalogue import load_catalogue, load_indicator
from ketenmonitor.indicators.compiler import compile_indicator
from ketenmonitor.indicators.documentation import main, render_indicator_docs
from ketenmonitor.indicators.example import EXAMPLE_ID, EXAMPLE_YAML
from ketenmonitor.indicators.periods import reporting_periods

DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicatoren.md"


def test_docs_file_matches_the_catalogue() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_indicator_docs(), (
        "docs/indicatoren.md loopt achter op de catalogus; genereer het opnieuw met: "
        "python -m ketenmonitor.indicators.documentation docs/indicatoren.md"
    )


def test_every_indicator_is_documented_with_every_part() -> None:
    text = render_indicator_docs()
    for defn in load_catalogue().values():
        section = text.split(f'<a id="{defn.id}"></a>', 1)[1].split("\n### ", 1)[0]
        assert section.startswith(defn.titel)
        assert " ".join(defn.definitie.split()) in section
        assert defn.formule.replace("|", "\\|") in section
        for label in ("| Eenheid |", "| Teller |", "| Noemer |", "| Periode |", "| Bronnen |",
                      "| Onthullingscontrole |", "| Vergelijking met CBS |", "| Beter is |"):
            assert label in section, (defn.id, label)


def test_theme_counts_add_up() -> None:
    text = render_indicator_docs()
    catalogue = load_catalogue()
    for thema in code_list("thema").labels.values():
        n = sum(1 for d in catalogue.values() if d.thema == thema)
        assert f"| {thema} | {n} |" in text
    assert f"| Totaal | {len(catalogue)} | |" in text


def test_worked_example_is_valid_and_computes(tmp_path: Path, warehouse: duckdb.DuckDBPyConnection) -> None:
    assert EXAMPLE_YAML.rstrip("\n") in render_indicator_docs()
    path = tmp_path / f"{EXAMPLE_ID}.yaml"
    path.write_text(EXAMPLE_YAML, encoding="utf-8")
    defn = load_indicator(path)
    assert defn.id == EXAMPLE_ID and EXAMPLE_ID not in load_catalogue()
    sql = compile_indicator(defn, "haaglanden", reporting_periods(Period(2020).end))
    rows = warehouse.sql(sql).to_arrow_table().to_pylist()
    totals = [r for r in rows if r["dimensie"] == "totaal" and r["gebied_niveau"] == "regio"]
    assert totals and all(r["noemer"] > 0 for r in totals)
    assert yaml.safe_load(EXAMPLE_YAML)["thema"] in code_list("thema").labels.values()


def test_main_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "docs" / "indicatoren.md"
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render_indicator_docs()
    assert main([]) == 2
