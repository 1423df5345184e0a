# SPDX-License-Identifier: EUPL-1.2
"""The HTML of the monitor report: canonical, accessible structure, escaped text, no scripts."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.reports import render_monitor_report


class _Outline(HTMLParser):
    """Collects what the accessibility checks need from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tables = 0
        self.captions = 0
        self.th_without_scope = 0
        self.sources: list[str] = []
        self.html_lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.html_lang = values.get("lang") or ""
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))
        if tag in ("script", "img", "link", "iframe"):
            self.sources.append(tag)
        self.tables += tag == "table"
        self.captions += tag == "caption"
        self.th_without_scope += tag == "th" and "scope" not in values


@pytest.fixture(scope="module")
def html(rendered_report: Path) -> str:
    return rendered_report.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def test_writes_index_html(rendered_report: Path) -> None:
    assert rendered_report.name == "index.html" and rendered_report.stat().st_size > 10_000


def test_language_landmarks_and_skip_link(html: str, outline: _Outline) -> None:
    assert outline.html_lang == "nl"
    for landmark in ("header", "nav", "main", "footer"):
        assert outline.tags.count(landmark) == 1, landmark
    assert '<a class="overslaan" href="#inhoud">Direct naar de inhoud</a>' in html
    assert '<main id="inhoud"' in html


def test_headings_never_skip_a_level(outline: _Outline) -> None:
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        assert after <= before + 1, (before, after)


def test_tables_have_captions_and_scoped_headers(outline: _Outline) -> None:
    assert outline.tables >= 20  # core selection: one gemeente indicator drawn, the rest listed
    assert outline.captions == outline.tables
    assert outline.th_without_scope == 0


def test_ids_unique_and_internal_links_resolve(outline: _Outline) -> None:
    assert len(outline.ids) == len(set(outline.ids))
    targets = {h[1:] for h in outline.hrefs if h.startswith("#")}
    assert targets <= set(outline.ids)
    assert all(h.startswith("#") for h in outline.hrefs)  # nothing points outside the file


def test_no_scripts_images_or_external_resources(html: str, outline: _Outline) -> None:
    assert outline.sources == []
    assert "https://" not in html and "cdn" not in html.lower()


def test_each_chart_is_followed_by_its_table(html: str) -> None:
    figures = html.count('<figure class="figuur"')
    assert figures >= 12
    for chunk in html.split('<figure class="figuur"')[1:]:
        after = chunk[chunk.index("</figure>") :]
        # an answer's chart (ADR 0024) points to the table in the region section instead
        assert after.lstrip().startswith(('</figure>\n<div class="tabel-omhulsel"',
                                          '</figure>\n<p class="verwijzing">De cijfers van '
                                          'figuur'))
        if "verwijzing" in after[:40]:
            target = after[after.index('href="#') + 7:].split('"')[0]
            assert target.startswith("tabel-") and f'<table id="{target}">' in html
        assert 'role="img"' in chunk[: chunk.index("</figure>")]


def test_toc_lists_every_gemeente_and_sections(html: str) -> None:
    toc = html[html.index("<nav") : html.index("</nav>")]
    for name in (
        "Gemeente Delft",
        "Gemeente Midden-Delfland",
        "Gemeente &#39;s-Gravenhage",
        "Regio Haaglanden",
        "Kwaliteit van de koppeling",
        "Over deze cijfers",
    ):
        assert name in toc, name


def test_traffic_lights_have_icon_and_text(html: str) -> None:
    assert (
        '<span class="licht licht-blauw"><span class="licht-icoon" aria-hidden="true">✓</span> '
        '<span class="licht-label">verbeterd</span></span>' in html
    )
    assert "licht-leisteen" in html and "gelijk gebleven" in html
    assert "licht licht-groen" not in html and "licht licht-oranje" not in html  # stoplicht only


def test_text_from_the_publication_is_escaped(publication_factory: object, tmp_path: Path) -> None:
    assert callable(publication_factory)
    directory = publication_factory()
    meta_path = directory / "metadata.json"
    metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    metadata["indicators"][0]["titel"] = "Meldingen <script>alert(1)</script>"
    meta_path.write_text(json.dumps(metadata), encoding="utf-8")
    html = render_monitor_report(directory, tmp_path / "uit").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "Meldingen &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unwritable_output_gives_a_dutch_error(shared_publication: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    with pytest.raises(PublicationError) as error:
        render_monitor_report(shared_publication, blocker / "rapport")
    assert error.value.message.startswith("Het rapport kon niet worden geschreven naar")
    assert "--uitvoer" in error.value.hint
