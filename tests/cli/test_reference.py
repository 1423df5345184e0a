# SPDX-License-Identifier: EUPL-1.2
"""docs/opdrachtregel.md and docs/instellingen.md are generated and must match the code."""

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


def test_the_generator_writes_both_files(tmp_path: Path) -> None:
    assert reference.main([str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([reference.CLI_FILE, reference.SETTINGS_FILE])
    assert reference.main([str(tmp_path / "bestaat-niet")]) == 64
