# SPDX-License-Identifier: EUPL-1.2
"""YAML import/export: the bundled example and template load, export round-trips, and every
kind of mistake is refused with a Dutch message that names the place and line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ketenmonitor.core.errors import ExitCode
from ketenmonitor.regiovisie import (
    RegiovisieError,
    dump_regiovisie,
    example_path,
    load_regiovisie,
    parse_regiovisie,
    template_path,
)
from ketenmonitor.regiovisie.model import Regiovisie

ENGLISH = ("Field required", "Input should", "Extra inputs", "Value error", "Traceback")


@pytest.fixture(scope="module")
def example() -> Regiovisie:
    return load_regiovisie(example_path())


@pytest.fixture(scope="module")
def example_text() -> str:
    return example_path().read_text(encoding="utf-8")


def refusal(text: str, catalogue: bool = True) -> RegiovisieError:
    with pytest.raises(RegiovisieError) as info:
        parse_regiovisie(text, "test.yaml", catalogue)
    error = info.value
    assert error.exit_code is ExitCode.REFUSED
    assert not any(word in str(error) for word in ENGLISH), str(error)
    return error


def test_the_example_is_complete(example: Regiovisie) -> None:
    assert 3 <= len(example.ontwikkelopgaven) <= 6
    assert all(2 <= len(o.resultaten) <= 4 for o in example.ontwikkelopgaven)
    assert all(r.acties for _o, r in example.iter_resultaten())
    assert example.perioden == ["2024", "2025"]
    links = [k for _o, r in example.iter_resultaten() for k in r.indicatoren]
    assert len([k for k in links if k.indicator]) >= 6
    assert {k.norm.soort for k in links} == {"drempel", "vergelijking", "ontwikkeling"}
    judged = [lt for rap in example.rapportages for rr in rap.resultaten.values()
              for lt in rr.lichten if lt.oordeel]
    assert {lt.oordeel for lt in judged} == {"groen", "oranje", "rood"}
    assert any(lt.overschrijving for rap in example.rapportages
               for rr in rap.resultaten.values() for lt in rr.lichten)
    assert len(example.uitvoeringsprogramma.activiteiten) >= 10
    assert {b.soort for b in example.begroting.bronnen} == {"du_vo", "bijdrage_per_inwoner", "overig"}


def test_export_then_import_gives_an_equal_model(example: Regiovisie, tmp_path: Path) -> None:
    text = dump_regiovisie(example)
    again = parse_regiovisie(text)
    assert again == example
    assert dump_regiovisie(again) == text  # stable: a second export changes nothing
    assert text.startswith("# Regiovisie (schema_versie 1.0)")
    assert yaml.safe_load(text)["schema_versie"] == "1.0"


def test_the_template_loads_and_round_trips() -> None:
    template = load_regiovisie(template_path())
    assert parse_regiovisie(dump_regiovisie(template)) == template
    text = template_path().read_text(encoding="utf-8")
    assert text.count("#") > 100  # every field explained


def test_an_unknown_field_is_named_with_its_line(example_text: str) -> None:
    text = example_text.replace("    titel: Voorkomen en eerder signaleren",
                                "    titel: Voorkomen en eerder signaleren\n    tilte: typo", 1)
    error = refusal(text)
    [fout] = error.fouten
    assert fout.plaats == "ontwikkelopgaven[0].tilte"
    assert fout.melding == "onbekend veld 'tilte'"
    line = text.splitlines().index("    tilte: typo") + 1
    assert fout.regel == line
    assert f"(regel {line})" in error.message and "test.yaml" in error.message


def test_wrong_types_and_missing_fields_get_dutch_hints(example_text: str) -> None:
    text = (example_text
            .replace("      deelnemers: 95\n", "      deelnemers: veel\n", 1)
            .replace("              groen: 85\n", "", 1)
            .replace("      datum: 2025-02-11\n", "      datum: 11-02-2025\n", 1))
    error = refusal(text)
    messages = {f.plaats: (f.melding, f.oplossing) for f in error.fouten}
    assert messages["uitvoeringsprogramma.activiteiten[8].deelnemers"][0] == (
        "hier hoort een geheel getal")
    assert messages["uitvoeringsprogramma.activiteiten[8].datum"][1].startswith("schrijf jjjj-mm-dd")
    missing = next(k for k in messages if k.endswith("norm.groen"))
    assert messages[missing][0] == "verplicht veld 'groen' ontbreekt"
    assert all(f.regel for f in error.fouten)


def test_invalid_yaml_syntax_names_the_line() -> None:
    error = refusal('schema_versie: "1.0"\ntitel: x\nregio: haaglanden\n\tlooptijd: 2024\n')
    [fout] = error.fouten
    assert fout.melding == "geen geldige YAML rond regel 4, kolom 1"
    assert fout.regel == 4 and "geen tabs" in fout.oplossing


def test_a_key_twice_in_one_block_is_refused(example_text: str) -> None:
    text = example_text.replace("      P2:\n        toelichting: >-\n          Het aandeel eerste",
                                "      P1:\n        toelichting: >-\n          Het aandeel eerste", 1)
    [fout] = refusal(text).fouten
    assert fout.plaats == "rapportages[0].resultaten.P1"
    assert fout.melding == "'P1' staat twee keer in hetzelfde blok"
    assert fout.regel is not None and text.splitlines()[fout.regel - 1].strip() == "P1:"


@pytest.mark.parametrize(("text", "expected"), [
    ("titel: x\n", "'schema_versie' ontbreekt"),
    ('schema_versie: "2.0"\ntitel: x\n', "schema_versie 2.0 wordt niet ondersteund"),
    ("- een lijst\n", "bevat geen regiovisie"),
])
def test_wrong_schema_version_or_shape_is_refused(text: str, expected: str) -> None:
    assert expected in refusal(text).message


def test_unquoted_version_number_is_accepted(example_text: str) -> None:
    text = example_text.replace('schema_versie: "1.0"', "schema_versie: 1.0", 1)
    assert parse_regiovisie(text).schema_versie == "1.0"


def test_references_and_catalogue_are_checked(example_text: str) -> None:
    text = (example_text
            .replace("indicator: veiligheidsbeoordeling_binnen_5_werkdagen",
                     "indicator: veiligheid_binnen_5_dagen", 1)
            .replace("            koppeling: getraind_zorg\n", "            koppeling: getraind\n", 1)
            .replace("      opgave: samenwerking\n", "      opgave: samenwerken\n", 1)
            .replace("      gemeenten: [GM0518, GM0603]", "      gemeenten: [GM0518, GM0546]", 1)
            .replace("            dimensie: duur_geweld\n", "            dimensie: duur\n", 1)
            .replace("  - id: melding\n", "  - id: preventie\n", 1))
    error = refusal(text)
    texts = [f.text() for f in error.fouten]
    joined = "\n".join(texts)
    assert "indicator 'veiligheid_binnen_5_dagen' staat niet in de catalogus" in joined
    assert "resultaat 'P1' heeft geen koppeling 'getraind'" in joined
    assert "er is geen ontwikkelopgave met id 'samenwerken'" in joined
    assert "gemeente GM0546 hoort niet bij regio haaglanden" in joined
    assert "heeft geen uitsplitsing 'duur'" in joined
    assert "ontwikkelopgave 'preventie' komt twee keer voor" in joined
    assert all(f.regel for f in error.fouten)
    # without the catalogue check only the catalogue problems disappear
    assert len(refusal(text, catalogue=False).fouten) == len(error.fouten) - 2


def test_a_neutral_indicator_without_direction_is_refused(example_text: str) -> None:
    # equal thresholds imply no direction, and meldingen_naar_melder is neutral
    text = example_text.replace(
        "              richting: hoger_is_beter\n              groen: 6\n              oranje: 4\n",
        "              groen: 5\n              oranje: 5\n", 1)
    [fout] = refusal(text).fouten
    assert "neutraal" in fout.melding and "richting" in fout.oplossing


def test_missing_file_and_non_utf8_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RegiovisieError, match="bestaat niet"):
        load_regiovisie(tmp_path / "nergens.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("titel: Café".encode("latin-1"))
    with pytest.raises(RegiovisieError, match="niet te lezen"):
        load_regiovisie(latin)


def _billion_laughs(levels: int = 9) -> str:
    lines = ['schema_versie: "1.0"', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + f"\ntitel: *a{levels}\n"


def test_billion_laughs_is_refused_before_anything_expands() -> None:
    text = _billion_laughs()
    assert len(text) < 1000
    with pytest.raises(RegiovisieError) as refused:
        parse_regiovisie(text, bron="lachen.yaml")
    assert "(regel 2): ankers (&) en verwijzingen (*) zijn niet toegestaan" in refused.value.message


def test_deep_nesting_and_oversized_files_are_refused(tmp_path: Path) -> None:
    deep = 'schema_versie: "1.0"\ntitel: ' + "[" * 200 + "]" * 200 + "\n"
    with pytest.raises(RegiovisieError, match="dieper genest dan 40 niveaus"):
        parse_regiovisie(deep)
    big = tmp_path / "groot.yaml"
    big.write_text("# " + "x" * (3 * 1024 * 1024) + "\n")
    with pytest.raises(RegiovisieError, match="te groot"):
        load_regiovisie(big)
