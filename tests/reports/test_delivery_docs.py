# SPDX-License-Identifier: EUPL-1.2
"""docs/aanleverformaat.md is generated from the delivery schema and must stay in step with it."""

from __future__ import annotations

from pathlib import Path

from ketenmonitor.delivery.schema import MANIFEST_FIELDS, RECORD_TYPES, SCHEMA_VERSION
from ketenmonitor.reports.delivery_docs import main, render_delivery_format

DOCS = Path(__file__).resolve().parents[2] / "docs" / "aanleverformaat.md"


def test_docs_file_matches_the_delivery_schema() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_delivery_format(), (
        "docs/aanleverformaat.md loopt achter op ketenmonitor.delivery.schema; genereer het opnieuw "
        "met: python -m ketenmonitor.reports.delivery_docs docs/aanleverformaat.md"
    )


def test_every_record_type_field_and_manifest_field_is_documented() -> None:
    text = render_delivery_format()
    assert f"versie **{SCHEMA_VERSION}**" in text
    for record in RECORD_TYPES.values():
        section = text.split(f"### {record.name}\n", 1)[1].split("\n### ", 1)[0]
        for field in record.fields:
            required = "ja" if field.required else "nee"
            assert f"| `{field.name}` | {field.type.value} | {required} |" in section, field.name
    for name in MANIFEST_FIELDS:
        assert f"| `{name}` |" in text


def test_code_lists_are_linked_and_listed() -> None:
    text = render_delivery_format()
    assert "[`aard`](#codelijst-aard)" in text
    assert '### <a id="codelijst-aard"></a>aard' in text
    assert "| `PARTNERGEWELD` | (Ex-)Partnergeweld |" in text
    assert "gescheiden door `\\|`" in text


def test_main_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "docs" / "aanleverformaat.md"
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render_delivery_format()
    assert main([]) == 2
