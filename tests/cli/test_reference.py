# SPDX-License-Identifier: EUPL-1.2
"""docs/opdrachtregel.md, docs/instellingen.md and docs/mapping.md are generated and must match
the code."""

from __future__ import annotations

from pathlib import Path

from ketenmonitor.cli import reference

DOCS = Path(__file__).resolve().parents[2] / "docs"
HINT = f"loopt achter op de code; genereer opnieuw met: {reference.REGENERATE}"


def test_cli_reference_is_up_to_date() -> None:
    assert (DOCS / reference.CLI_FILE).read_text(encoding="utf-8") == reference.render_cli(), (
        f"docs/{reference.CLI_FILE} {HINT}")


def test_settings_reference_is_up_to_date() -> None:
    assert (DOCS / reference.SETTINGS_FILE).read_text(encoding="utf-8") == reference.render_settings(), (
        f"docs/{reference.SETTINGS_FILE} {HINT}")


def test_mapping_reference_is_up_to_date() -> None:
    assert (DOCS / reference.MAPPING_FILE).read_text(encoding="utf-8") == reference.render_mapping(), (
        f"docs/{reference.MAPPING_FILE} {HINT}")


def test_every_mapping_key_is_documented_with_an_example() -> None:
    from ketenmonitor.sources.mapping import FileMapping, Mapping
    from ketenmonitor.sources.mapping_docs import key_rows

    text = reference.render_mapping()
    for model in (Mapping, FileMapping):
        for key, _kind, _default, example, meaning in key_rows(model):
            assert f"| `{key}` |" in text
            assert meaning.strip(), f"sleutel {key} zonder beschrijving"
            assert example != "—" or key == "bestanden", f"sleutel {key} zonder voorbeeld"
    for key in ("kopregel", "negeren", "datumformaten", "gemeentenamen", "ontdubbelen"):
        assert f"| `{key}` |" in text


def test_the_mapping_example_in_the_reference_is_a_valid_mapping(tmp_path: Path) -> None:
    from ketenmonitor.sources import load_mapping
    from ketenmonitor.sources.mapping_docs import EXAMPLE

    path = tmp_path / "voorbeeld.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    assert [f.record_type for f in load_mapping(path).files] == ["lt_traject", "betrokkene"]


def test_every_setting_has_a_default_and_a_dutch_description() -> None:
    rows = list(reference.setting_rows())
    names = [env for _, env, _, _ in rows]
    assert len(names) == len(set(names))
    assert {"KETENMONITOR_ROUNDING_BASE", "KETENMONITOR_SUPPRESSION_THRESHOLD", "KETENMONITOR_KEY_FILE",
            "KETENMONITOR_PORTAL_SECRET_KEY", "KETENMONITOR_TAAL"} <= set(names)
    missing = [env for _, env, _, description in rows if not description.strip()]
    assert not missing, f"instellingen zonder beschrijving: {missing}"
    # A fallback description for a setting that no longer exists is stale.
    assert set(reference.FALLBACK_DESCRIPTIONS) <= set(names)


def test_every_command_and_option_is_in_the_cli_reference() -> None:
    text = reference.render_cli()
    for path, command in reference._walk(reference.command_tree(), ["ketenmonitor"]):
        assert f"`{' '.join(path)}`" in text
        for param in command.params:
            if param.param_type_name == "option":
                assert f"`{param.opts[0]}`" in text, (path, param.opts)
    assert "64 verkeerde opdrachtregel" in text


def test_the_generator_writes_all_three_files(tmp_path: Path) -> None:
    assert reference.main([str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [reference.CLI_FILE, reference.SETTINGS_FILE, reference.MAPPING_FILE])
    assert reference.main([str(tmp_path / "bestaat-niet")]) == 64
