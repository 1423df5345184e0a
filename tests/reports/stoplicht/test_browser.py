# SPDX-License-Identifier: EUPL-1.2
"""The stoplichtenrapportage in headless Chromium: axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def opened(chromium_browser: Browser, render: Callable[[str], Path]) -> Iterator[tuple[Page, list[str]]]:
    page = chromium_browser.new_page(viewport={"width": 1200, "height": 1400})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith("file://") else problems.append(r.url))
    page.goto(render("html").as_uri())
    yield page, problems
    page.close()


def test_axe_core_finds_no_wcag_violations(
    opened: tuple[Page, list[str]],
    axe: Callable[[Page], list[dict[str, Any]]],
    axe_describe: Callable[[list[dict[str, Any]]], str],
) -> None:
    page, problems = opened
    found = axe(page)
    assert found == [], axe_describe(found)
    assert problems == []


def test_lights_are_visible_with_label(opened: tuple[Page, list[str]], tmp_path: Path) -> None:
    page, _problems = opened
    overview = page.get_by_role("heading", level=2, name="In één oogopslag", exact=True)
    overview.scroll_into_view_if_needed()
    badge = page.locator("#in-een-oogopslag .licht").first
    assert badge.is_visible() and badge.inner_text().strip().endswith(("Groen", "Oranje", "Rood"))
    box = badge.bounding_box()
    assert box is not None and box["width"] > 40
    shot = tmp_path / "overzicht.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_charts_render_as_named_images(opened: tuple[Page, list[str]]) -> None:
    page, _problems = opened
    charts = page.locator("figure svg[role='img']")
    assert charts.count() >= 5
    first = charts.first
    first.scroll_into_view_if_needed()
    box = first.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    named = page.get_by_role("img", name="Veiligheidsbeoordeling binnen 5 werkdagen, Haaglanden, "
                                         "per periode (%)")
    assert named.count() == 1


def test_skip_link_moves_focus_to_main(opened: tuple[Page, list[str]]) -> None:
    page, _problems = opened
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
