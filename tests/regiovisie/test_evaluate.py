# SPDX-License-Identifier: EUPL-1.2
"""Evaluating the example regiovisie against a synthetic publication: computed lights follow
the norms, stay honest about suppressed figures, overrides keep both lights, and changing a
published value flips the light as the norm says."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ketenmonitor.publish.reader import Publication
from ketenmonitor.regiovisie import (
    RegiovisieError,
    TabelBenchmark,
    evaluate,
    example_path,
    load_regiovisie,
)
from ketenmonitor.regiovisie.lights import LichtStatus
from ketenmonitor.regiovisie.model import Regiovisie
from ketenmonitor.regiovisie.result import EvaluatedLight, EvaluatedReport

G, O, R, N = (  # noqa: E741 (short names keep the table of expected lights readable)
    LichtStatus.GROEN, LichtStatus.ORANJE, LichtStatus.ROOD, LichtStatus.GEEN_OORDEEL)
EXPECTED = {
    "2024": {"P1": [O, R], "P2": [O], "P3": [O], "M1": [O], "M2": [R], "M3": [G], "V1": [O, O],
             "V2": [O], "V3": [G], "S1": [G], "S2": [G, R], "S3": [G, N]},
    "2025": {"P1": [G, O], "P2": [G], "P3": [G], "M1": [R], "M2": [O], "M3": [G], "V1": [G, G],
             "V2": [N], "V3": [N], "S1": [G], "S2": [G, O], "S3": [G, N]},
}


@pytest.fixture(scope="module")
def example() -> Regiovisie:
    return load_regiovisie(example_path())


def lights(report: EvaluatedReport) -> dict[str, list[EvaluatedLight]]:
    return {r.id: list(r.lichten) for o in report.opgaven for r in o.resultaten}


def light(report: EvaluatedReport, resultaat: str, index: int = 0) -> EvaluatedLight:
    return lights(report)[resultaat][index]


@pytest.mark.parametrize("periode", ["2024", "2025"])
def test_lights_of_the_example(example: Regiovisie, publication: Publication, periode: str) -> None:
    report = evaluate(example, periode, publication)
    assert {k: [lt.status for lt in v] for k, v in lights(report).items()} == EXPECTED[periode]
    assert report.publicatie_id == publication.publication_id
    assert report.problemen == ()  # every orange and red light has its explanation


def test_the_example_shows_every_colour_computed_lights_and_a_split_light(
        example: Regiovisie, publication: Publication) -> None:
    report = evaluate(example, "2024", publication)
    all_lights = [lt for _o, _r, lt in report.lichten()]
    computed = [lt for lt in all_lights if lt.soort == "berekend"]
    assert len(computed) >= 6 and len(all_lights) - len(computed) >= 3
    assert {G, O, R} <= {lt.status for lt in all_lights}
    assert {G, O, R} <= {lt.berekende_status for lt in computed}
    assert any(r.gesplitst and {lt.status for lt in r.lichten} == {G, R}
               for o in report.opgaven for r in o.resultaten)


def test_a_computed_light_records_figure_norm_period_and_publication(
        example: Regiovisie, publication: Publication) -> None:
    b = light(evaluate(example, "2025", publication), "M1").berekening
    assert b is not None and b.cijfer is not None
    assert (b.indicator_id, b.cijfer.waarde, b.cijfer.weergave) == (
        "veiligheidsbeoordeling_binnen_5_werkdagen", 64.7, "64,7*")
    assert b.periode == "2025" and b.cijfer.voorlopig
    assert b.norm_tekst == "groen bij 85,0 of hoger; oranje bij 65,0 tot 85,0; rood onder 65,0"
    assert b.publicatie_id == publication.publication_id and b.peildatum == publication.peildatum
    assert "Berekend op een voorlopig cijfer (*)." in light(
        evaluate(example, "2025", publication), "M1").waarschuwingen


def test_a_suppressed_figure_gives_no_judgement_with_the_reason(
        example: Regiovisie, publication: Publication) -> None:
    wassenaar = light(evaluate(example, "2025", publication), "S3", 1)
    assert wassenaar.status is N and wassenaar.berekening is not None
    assert wassenaar.berekening.kleur is None and wassenaar.berekening.cijfer is not None
    assert wassenaar.berekening.cijfer.weergave == "x"
    reason = wassenaar.berekening.reden_geen_oordeel or ""
    assert "geheim (x)" in reason and "(Wassenaar)" in reason
    # The figure is provisional, but no colour was computed, so no colour rests on it.
    assert wassenaar.berekening.cijfer.voorlopig
    assert "Berekend op een voorlopig cijfer (*)." not in wassenaar.waarschuwingen


def test_a_missing_figure_gives_no_judgement(example: Regiovisie, publication: Publication) -> None:
    from ketenmonitor.regiovisie.model import IndicatorKoppeling

    changed = example.model_copy(deep=True)
    res = changed.resultaat("M3")
    assert res is not None
    res.indicatoren[0] = IndicatorKoppeling.model_validate(
        {"id": "veiligheidsscore", "indicator": "verandering_signs_of_safety", "periode": "2019",
         "norm": {"soort": "drempel", "groen": 2.5, "oranje": 1.5}})
    b = light(evaluate(changed, "2025", publication), "M3").berekening
    assert b is not None and b.kleur is None and b.cijfer is None and b.periode == "2019"
    title = publication.indicator("verandering_signs_of_safety")["titel"]
    assert b.reden_geen_oordeel == f"Er is geen gepubliceerd cijfer voor {title} in 2019."


@pytest.mark.parametrize(("value", "status"), [(90.0, G), (85.0, G), (70.0, O), (64.9, R)])
def test_changing_a_published_value_flips_the_threshold_light(
        example: Regiovisie, publication_with: Callable[..., Publication],
        value: float, status: LichtStatus) -> None:
    key = ("veiligheidsbeoordeling_binnen_5_werkdagen", "regio", "2025", "totaal", "totaal")
    assert light(evaluate(example, "2025", publication_with({key: value})), "M1").status is status


@pytest.mark.parametrize(("value", "status"), [(12.2, G), (10.5, O), (10.1, R)])
def test_changing_a_value_flips_the_development_light(
        example: Regiovisie, publication_with: Callable[..., Publication],
        value: float, status: LichtStatus) -> None:
    key = ("duur_geweld_eerste_melding", "regio", "2025", "duur_geweld", "MAX_1_WEEK")
    b = light(evaluate(example, "2025", publication_with({key: value})), "P2").berekening
    assert b is not None and b.status is status
    assert b.referentie is not None and b.referentie.periode == "2024"
    assert b.verschil == pytest.approx(value - 12.2)


@pytest.mark.parametrize(("value", "status"), [(93.0, G), (90.0, O), (89.0, R)])
def test_changing_a_gemeente_value_flips_the_comparison_with_the_region(
        example: Regiovisie, publication_with: Callable[..., Publication],
        value: float, status: LichtStatus) -> None:
    key = ("hulp_gestart_na_overdracht", "GM0637", "2025", "totaal", "totaal")
    b = light(evaluate(example, "2025", publication_with({key: value})), "S3").berekening
    assert b is not None and b.status is status and b.gebied_naam == "Zoetermeer"
    assert b.referentie is not None and b.referentie.waarde == 94.4


def test_an_override_keeps_both_lights(example: Regiovisie, publication: Publication) -> None:
    wachttijd = light(evaluate(example, "2025", publication), "V1", 1)
    assert wachttijd.overschreven and wachttijd.status is G
    assert wachttijd.berekende_status is O
    assert wachttijd.overschrijving is not None and "intaketermijn" in wachttijd.overschrijving.reden


def test_an_orange_computed_light_without_explanation_is_reported(
        example: Regiovisie, publication_with: Callable[..., Publication]) -> None:
    key = ("verandering_signs_of_safety", "regio", "2025", "totaal", "totaal")
    report = evaluate(example, "2025", publication_with({key: 2.0}))
    m3 = light(report, "M3")
    assert m3.status is O and any("geen uitleg" in w for w in m3.waarschuwingen)
    [problem] = report.problemen
    assert problem.plaats == "rapportages[1].resultaten.M3.lichten[0]"


def test_progress_over_periods_is_kept(example: Regiovisie, publication: Publication) -> None:
    report = evaluate(example, "2025", publication)
    s2 = next(r for o in report.opgaven for r in o.resultaten if r.id == "S2")
    assert [(v.periode, [s for _n, s in v.statussen]) for v in s2.verloop] == [
        ("2024", [G, R]), ("2025", [G, O])]
    assert [v.periode for v in next(iter(report.opgaven)).resultaten[0].verloop] == ["2024", "2025"]
    first = evaluate(example, "2024", publication)
    assert [v.periode for v in first.opgaven[0].resultaten[0].verloop] == ["2024"]


def test_the_report_holds_what_the_renderers_need(example: Regiovisie,
                                                   publication: Publication) -> None:
    report = evaluate(example, "2025", publication)
    assert report.regio_naam == "Haaglanden" and report.indeling_meervoud == "Ontwikkelopgaven"
    assert report.rapport_titel == "Voortgangsrapportage 2025" and report.status == "concept"
    assert [d.status for d in report.lichtdefinities] == [G, O, R, N]
    ids = {i.id for i in report.indicatoren}
    assert {"veiligheidsbeoordeling_binnen_5_werkdagen", "professionals_getraind"} <= ids
    assert all(i.definitie for i in report.indicatoren)
    assert len(report.activiteiten) == 9 and all(a.datum.year == 2025 for a in report.activiteiten)
    trained = next(t for t in report.output if t.indicator.id == "professionals_getraind")
    assert trained.totaal.waarde == 95 + 80 + 70 + 60 + 35 + 48
    assert report.financien is not None and report.financien.jaar == 2025
    assert report.vervolg.aandachtspunten and report.opgaven[0].praktijkverhalen
    assert report.opgaven[1].reflectie is not None
    assert report.herijkingen == (2026,)
    p1 = report.opgaven[0].resultaten[0]
    assert p1.activiteiten == ("A2025-01", "A2025-02", "A2025-03", "A2025-05", "A2025-07")


def test_without_publication_only_output_and_judged_lights_have_a_colour(
        example: Regiovisie) -> None:
    report = evaluate(example, "2025")
    for _o, res, lt in report.lichten():
        if lt.berekening is not None and lt.berekening.bron == "publicatie" and not lt.overschreven:
            assert lt.status is N, res.id
    assert light(report, "P1").status is G


def test_national_benchmark(example: Regiovisie, publication: Publication) -> None:
    changed = example.model_copy(deep=True)
    res = changed.resultaat("M1")
    assert res is not None
    res.indicatoren[0].norm = type(res.indicatoren[0]).model_validate(
        {"id": "x", "indicator": "veiligheidsbeoordeling_binnen_5_werkdagen",
         "norm": {"soort": "vergelijking", "met": "nederland", "oranje_vanaf": -5}}).norm
    key = ("veiligheidsbeoordeling_binnen_5_werkdagen", "2025", "totaal", "totaal")
    no_benchmark = light(evaluate(changed, "2025", publication), "M1").berekening
    assert no_benchmark is not None and no_benchmark.kleur is None
    assert "Nederland" in (no_benchmark.reden_geen_oordeel or "")
    nl = TabelBenchmark("Nederland", {key: 68.0})
    b = light(evaluate(changed, "2025", publication, nl), "M1").berekening
    assert b is not None and b.status is O and b.referentie_label == "Nederland"
    assert b.verschil == pytest.approx(64.7 - 68.0)
    suppressed = TabelBenchmark("Nederland", {key: None})
    b = light(evaluate(changed, "2025", publication, suppressed), "M1").berekening
    assert b is not None and b.kleur is None and "geheim (.)" in (b.reden_geen_oordeel or "")


def test_unknown_period_and_other_region_are_refused(example: Regiovisie,
                                                     publication: Publication) -> None:
    with pytest.raises(RegiovisieError, match="geen rapportage voor periode 2023") as info:
        evaluate(example, "2023", publication)
    assert "2024, 2025" in info.value.hint
    other = example.model_copy(update={"regio": "hollands_midden"})
    with pytest.raises(RegiovisieError, match="van regio 'haaglanden', de regiovisie van regio "
                       "'hollands_midden'") as refused:
        evaluate(other, "2025", publication)
    assert refused.value.exit_code == 2


def test_a_resultaat_without_any_light_is_reported(example: Regiovisie,
                                                   publication: Publication) -> None:
    changed = example.model_copy(deep=True)
    rapportage = changed.rapportage("2025")
    assert rapportage is not None
    del rapportage.resultaten["S1"]  # judged in 2024, forgotten in 2025
    report = evaluate(changed, "2025", publication)
    assert light(report, "S1").status is N
    assert [p.plaats for p in report.problemen] == ["rapportages[1].resultaten.S1"]


def test_light_definitions_of_the_region_with_defaults_for_the_rest(example: Regiovisie) -> None:
    from ketenmonitor.regiovisie.lights import Kleur

    report = evaluate(example, "2025")
    assert report.lichtdefinities[0].definitie == example.lichtdefinities[Kleur.GROEN]
    partial = example.model_copy(update={"lichtdefinities": {Kleur.ROOD: "Eigen woorden."}})
    texts = {d.status: d.definitie for d in evaluate(partial, "2025").lichtdefinities}
    assert texts[R] == "Eigen woorden." and texts[G].startswith("De ontwikkeling gaat goed")
    assert texts[N].startswith("Er is geen (betrouwbaar) cijfer")
