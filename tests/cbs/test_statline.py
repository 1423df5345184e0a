# SPDX-License-Identifier: EUPL-1.2
"""Parsing StatLine CSV exports, and refusing every layout that is not the table layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketenmonitor.cbs.service import parse_file
from ketenmonitor.cbs.statline import read_statline
from ketenmonitor.core.errors import InputRefused


def _write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_table_layout(data_dir: Path) -> None:
    parsed = read_statline(data_dir / "84847NED_kerncijfers.csv")
    assert parsed.title == "Veilig Thuis; kerncijfers, regio"
    assert parsed.dimensions == ("Regio's", "Perioden")
    assert [t.label for t in parsed.topics] == [
        "Adviezen en meldingen | Adviezen", "Adviezen en meldingen | Meldingen"]
    assert [t.unit for t in parsed.topics] == ["aantal", "aantal"]
    assert len(parsed.rows) == 20  # closing lines ("Bron: CBS") are not data
    assert parsed.rows[0].dims == ("Nederland", "2019") and parsed.rows[0].line == 5
    assert parsed.rows[-1].cells == ("6230", "7105")


def test_extra_dimension_before_regions(data_dir: Path) -> None:
    parsed = read_statline(data_dir / "84849NED_melders.csv")
    assert parsed.dimensions == ("Organisatie melder", "Regio's", "Perioden")
    assert (parsed.region_index, parsed.period_index) == (1, 2)
    assert parsed.extra_dimensions == [(0, "Organisatie melder")]


def test_merged_labels_are_filled_down_and_bom_and_cp1252(tmp_path: Path) -> None:
    text = ('\ufeff"Veilig Thuis; kerncijfers, regio"\n"";"";"Adviezen";"Meldingen"\n'
            '"Regio\u2019s";"Perioden";"aantal";"aantal"\n"Nederland";"2020";"10";"20"\n'
            '"";"2021*";"30";"40"\n')
    parsed = read_statline(_write(tmp_path, text))
    assert [r.dims for r in parsed.rows] == [("Nederland", "2020"), ("Nederland", "2021*")]
    path = tmp_path / "ansi.csv"
    path.write_bytes(text.replace("\u2019", "'").replace("\ufeff", "").replace(
        "Nederland", "Nederlând").encode("cp1252"))
    assert read_statline(path).rows[0].dims[0] == "Nederlând"


def test_header_without_topic_lines(tmp_path: Path) -> None:
    text = '"Regio\'s";"Perioden";"Adviezen";"Meldingen"\n"Nederland";"2020";"10";"20"\n'
    parsed = parse_file(_write(tmp_path, text, "84847NED_export.csv"))
    assert parsed.tabel == "84847NED" and parsed.rows.num_rows == 2


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "het bestand is leeg"),
        (b"PK\x03\x04rest", "het is een Excel-bestand"),
        (b'"Regio\'s","Perioden","Adviezen"\n"Nederland","2020","10"\n', "komma's"),
        (b'"ID";"RegioS";"Perioden";"Adviezen_1"\n"0";"NL01  ";"2020JJ00";"10"\n',
         "ongefilterde open-data-indeling"),
        (b'"Titel"\n"";"2019";"2020"\n"Regio\'s";"aantal";"aantal"\n"Nederland";"1";"2"\n',
         "geen kopregel met de kolommen"),
        (b'"Titel"\n"";"";"Adviezen"\n"Regio\'s";"Perioden";"aantal"\n"Bron: CBS"\n',
         "de tabel bevat geen gegevens"),
    ],
)
def test_unusable_layouts_are_refused(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(InputRefused) as caught:
        read_statline(path)
    assert fragment in caught.value.message
    assert "CSV (tabel)" in caught.value.hint


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputRefused, match="bestaat niet"):
        read_statline(tmp_path / "weg.csv")


def test_bad_figure_and_bad_period_name_the_line(tmp_path: Path) -> None:
    head = '"Veilig Thuis; kerncijfers, regio"\n"";"";"Adviezen"\n"Regio\'s";"Perioden";"aantal"\n'
    bad_figure = _write(tmp_path, head + '"Nederland";"2020";"12a"\n', "a.csv")
    with pytest.raises(InputRefused) as caught:
        parse_file(bad_figure)
    assert caught.value.message.startswith("Regel 4 van a.csv: '12a' in kolom 'Adviezen'")
    bad_period = _write(tmp_path, head + '"Nederland";"2020 3e kwartaal";"10"\n', "b.csv")
    with pytest.raises(InputRefused, match="periode '2020 3e kwartaal' is geen jaar of halfjaar"):
        parse_file(bad_period)


def test_unknown_table_needs_tabel_option(tmp_path: Path) -> None:
    text = '"Iets anders"\n"";"";"Adviezen"\n"Regio\'s";"Perioden";"aantal"\n"Nederland";"2020";"10"\n'
    path = _write(tmp_path, text, "onbekend.csv")
    with pytest.raises(InputRefused) as caught:
        parse_file(path)
    assert "titel: 'Iets anders'" in caught.value.message
    assert "--tabel 84847NED" in caught.value.hint
    assert parse_file(path, tabel="84847ned").tabel == "84847NED"
