# SPDX-License-Identifier: EUPL-1.2
"""The monitor report opened in headless Chromium: it renders, charts show, nothing errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page


@pytest.fixture
def opened(
    chromium_browser: Browser, rendered_report: Path
) -> Iterator[tuple[Page, list[str], list[str]]]:
    page = chromium_browser.new_page(viewport={"width": 1100, "height": 1400})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(rendered_report.as_uri())
    yield page, errors, requests
    page.close()


@pytest.mark.browser
def test_report_renders_with_a_section_per_gemeente(
    opened: tuple[Page, list[str], list[str]], tmp_path: Path
) -> None:
    page, errors, requests = opened
    assert page.title().startswith("Ketenmonitor huiselijk geweld en kindermishandeling")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Ketenmonitor huiselijk geweld en kindermishandeling"
    )
    for name in (
        "Regio Haaglanden",
        "Gemeente Delft",
        "Gemeente Midden-Delfland",
        "Gemeente 's-Gravenhage",
        "Kwaliteit van de koppeling",
        "Over deze cijfers",
    ):
        heading = page.get_by_role("heading", level=2, name=name, exact=True)
        assert heading.count() == 1, name
    navigation = page.get_by_role("navigation", name="Inhoudsopgave")
    assert navigation.get_by_role("link", name="Gemeente Delft").count() == 1
    screenshot = tmp_path / "rapport.png"
    page.screenshot(path=str(screenshot))
    assert screenshot.stat().st_size > 20_000
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests


@pytest.mark.browser
def test_charts_are_visible_svg_images_with_a_name(
    opened: tuple[Page, list[str], list[str]],
) -> None:
    page, errors, _requests = opened
    charts = page.locator("figure svg[role='img']")
    assert charts.count() >= 12  # region: every chart; gemeenten: the core selection
    first = charts.first
    first.scroll_into_view_if_needed()
    assert first.is_visible()
    box = first.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    named = page.get_by_role(
        "img", name="Adviezen en meldingen, regio Haaglanden, per periode"  # unit on the axis
    )
    assert named.count() == 1
    assert errors == []


@pytest.mark.browser
def test_skip_link_is_first_and_moves_focus_to_main(
    opened: tuple[Page, list[str], list[str]],
) -> None:
    page, _errors, _requests = opened
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Direct naar de inhoud"
    assert page.locator("a.overslaan").bounding_box() is not None
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


@pytest.mark.browser
def test_axe_core_finds_no_wcag_violations(
    opened: tuple[Page, list[str], list[str]],
    axe: Callable[[Page], list[dict[str, Any]]],
    axe_describe: Callable[[list[dict[str, Any]]], str],
) -> None:
    page, _errors, _requests = opened
    found = axe(page)
    assert found == [], axe_describe(found)
