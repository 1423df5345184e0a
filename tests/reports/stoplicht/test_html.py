# SPDX-License-Identifier: EUPL-1.2
"""The canonical HTML: structure a screen reader relies on, checked on the parsed page."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ketenmonitor.reports.stoplicht.document import Document


class _Page(HTMLParser):
    """Collects headings, tables, badges and resource references of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.badge_texts: list[str] = []
        self._in_label = 0
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = dict(attrs)
        self.tags.append((tag, data))
        if tag == "html":
            self.html_lang = data.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "span" and data.get("class") == "licht-label":
            self._in_label += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._in_label:
            self._in_label -= 1

    def handle_data(self, data: str) -> None:
        if self._in_label and data.strip():
            self.badge_texts.append(data.strip())


@pytest.fixture(scope="module")
def page(render: Callable[[str], Path]) -> tuple[str, _Page]:
    text = render("html").read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(text)
    return text, parser


def test_language_title_and_skip_link(page: tuple[str, _Page]) -> None:
    text, parsed = page
    assert parsed.html_lang == "nl"
    assert "<title>Voortgangsrapportage 2025 – Stoplichtenrapportage" in text
    first_link = next(attrs for tag, attrs in parsed.tags if tag == "a")
    assert first_link == {"class": "overslaan", "href": "#inhoud"}
    assert '<main id="inhoud" tabindex="-1">' in text


def test_headings_never_skip_a_level(page: tuple[str, _Page]) -> None:
    _text, parsed = page
    levels = parsed.headings
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_tables_have_caption_and_scoped_headers(page: tuple[str, _Page], document: Document) -> None:
    text, parsed = page
    assert text.count("<table") == len(document.tables())
    assert text.count("<caption") == len(document.tables())
    headers = [attrs for tag, attrs in parsed.tags if tag == "th"]
    assert headers and all(a.get("scope") in ("col", "row") for a in headers)


def test_every_badge_has_a_hidden_icon_and_a_text_label(page: tuple[str, _Page],
                                                       document: Document) -> None:
    _text, parsed = page
    icons = [a for tag, a in parsed.tags if tag == "span" and a.get("class") == "licht-icoon"]
    assert len(icons) == len(parsed.badge_texts) >= len(document.lights())
    assert all(a.get("aria-hidden") == "true" for a in icons)
    assert set(parsed.badge_texts) == {"Groen", "Oranje", "Rood", "Geen oordeel mogelijk",
                                       "Rood (overschreven; berekend: Oranje)"}


def test_every_chart_is_a_named_image_followed_by_its_table(page: tuple[str, _Page],
                                                            document: Document) -> None:
    text, parsed = page
    svgs = [a for tag, a in parsed.tags if tag == "svg"]
    figures = [b for b in document.walk() if type(b).__name__ == "Figure"]
    assert len(svgs) == len(figures) >= 5
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)
    for figure in figures:
        after = text.split(f'id="{figure.id}"', 1)[1]
        assert after.index(f'<table id="{figure.table.id}"') < after.index("</figure>") + 2000


def test_self_contained_no_scripts_no_external_resources(page: tuple[str, _Page]) -> None:
    text, parsed = page
    assert not [a for tag, a in parsed.tags if tag == "script"]
    assert not [a for tag, a in parsed.tags if tag in ("link", "img", "iframe")]
    assert "http://" not in text.replace("http://www.w3.org", "")
    assert "https://" not in text


def test_print_css_for_a4_with_page_numbers(page: tuple[str, _Page]) -> None:
    text, _parsed = page
    assert "size: A4" in text and 'content: "Pagina " counter(page) " van " counter(pages)' in text
    assert "target-counter(attr(href), page)" in text  # table of contents with page numbers
