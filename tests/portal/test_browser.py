# SPDX-License-Identifier: EUPL-1.2
"""The portal in Debian's Chromium, served by the real server (``ketenmonitor serve``, Granian).

Per role: log in, see exactly the allowed gemeenten (links and direct URLs), axe-core WCAG 2.1
A/AA on every page, keyboard-only navigation, an htmx toelichting, no CSP violations; at the end
the audit chain of everything the browser did verifies with ``ketenmonitor audit verify``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-wachtwoord"
USERS = {
    "beheerder": (["beheerder"], []),
    "programma": (["programmamanager"], ["haaglanden"]),
    "adviseur-delft": (["beleidsadviseur"], ["GM0503"]),
    "raad-denhaag": (["raadslid"], ["GM0518"]),
    "raad-twee": (["raadslid"], ["GM0503", "GM1842"]),
}
ALLOWED = {
    "beheerder": {"GM0518", "GM0503", "GM1842"},
    "programma": {"GM0518", "GM0503", "GM1842"},
    "adviseur-delft": {"GM0503"},
    "raad-denhaag": {"GM0518"},
    "raad-twee": {"GM0503", "GM1842"},
}
ALL = {"GM0518", "GM0503", "GM1842"}
SETUP = """
from ketenmonitor.portal import setup
setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from ketenmonitor.portal.dashboards.registry import register_folder
from ketenmonitor.portal.accounts.local import create_local_user
from ketenmonitor.portal.regiovisie.store import import_example
import json, sys
register_folder(sys.argv[1], "test")
import_example("haaglanden")
for name, (roles, scope) in json.loads(sys.argv[2]).items():
    create_local_user(name, roles, scope, sys.argv[3], full_name=name)
"""


@dataclass
class Portal:
    url: str
    env: dict[str, str]
    data_dir: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KETENMONITOR_PORTAL_", "DJANGO_SETTINGS_MODULE"))}
    env.update(KETENMONITOR_PORTAL_ONTWIKKELING="1", KETENMONITOR_PORTAL_DATA_DIR=str(data_dir),
               KETENMONITOR_PORTAL_STATISCH_COMPRIMEREN="0")
    return env


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory, pub_fixture: ModuleType) -> Iterator[Portal]:
    import json

    data_dir = tmp_path_factory.mktemp("portaal")
    pubs = tmp_path_factory.mktemp("publicaties")
    pub_fixture.write(pubs)
    env = _env(data_dir)
    subprocess.run([sys.executable, "-c", SETUP, str(pubs), json.dumps(USERS), PASSWORD],
                   env=env, check=True, timeout=300)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", "serve",
         "--poort", str(port), "--workers", "1", "--threads", "4"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/gezondheid/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    out = server.stdout.read().decode() if server.stdout else ""
                    raise RuntimeError(f"portaal start niet: {out}") from None
                time.sleep(0.5)
        yield Portal(url, env, data_dir)
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture()
def login(chromium_browser: Any, portal: Portal) -> Iterator[Callable[..., Any]]:
    contexts: list[Any] = []

    def open_as(name: str, bypass_csp: bool = False) -> Any:
        # axe-core is injected as an inline script, which the portal's CSP rightly blocks.
        context = chromium_browser.new_context(locale="nl-NL", bypass_csp=bypass_csp)
        contexts.append(context)
        page = context.new_page()
        page.csp_errors = []
        page.on("console", lambda msg: page.csp_errors.append(msg.text)
                if "Content Security Policy" in msg.text else None)
        page.goto(f"{portal.url}/inloggen/lokaal/")
        page.fill("#id_username", name)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.mark.parametrize("user", sorted(USERS))
def test_each_role_sees_exactly_its_gemeenten(login: Callable[[str], Any], portal: Portal,
                                              user: str) -> None:
    page = login(user)
    page.goto(f"{portal.url}/regio/haaglanden/")
    links = page.eval_on_selector_all(
        "a[href*='/gemeente/']", "els => els.map(e => e.getAttribute('href'))")
    shown = {href.split("/gemeente/")[1].split("/")[0] for href in links}
    assert shown == ALLOWED[user]
    for code in ALL:
        response = page.goto(f"{portal.url}/regio/haaglanden/gemeente/{code}/")
        assert response is not None
        assert response.status == (200 if code in ALLOWED[user] else 403), code
        if code not in ALLOWED[user]:
            assert "Geen toegang" in page.content()
    assert not page.csp_errors


PAGES = [
    "/?overzicht=1",
    "/regio/haaglanden/",
    "/regio/haaglanden/?periode=2025-H1",
    "/regio/haaglanden/gemeente/GM0503/",
    "/regio/haaglanden/indicator/meldingen_per_1000/",
    "/regio/haaglanden/gemeente/GM1842/indicator/huisverboden_per_10000/",
    "/regio/haaglanden/gemeente/GM0503/indicator/meldingen_naar_melder/",
    "/publicaties/",
    "/publicaties/haaglanden-2025-12-31-v1/",
    "/toegang/",
    "/toegankelijkheid/",
    "/bestaat-niet/",
    "/regio/haaglanden/regiovisie/",
    "/regio/haaglanden/regiovisie/versies/",
]


def test_axe_finds_no_violations_on_any_page(
    login: Callable[[str], Any], portal: Portal, axe: Callable[[Any], list[dict[str, Any]]],
    axe_describe: Callable[[list[dict[str, Any]]], str], chromium_browser: Any,
) -> None:
    anonymous = chromium_browser.new_context(bypass_csp=True).new_page()
    for path in ("/inloggen/", "/inloggen/lokaal/", "/toegankelijkheid/"):
        anonymous.goto(portal.url + path)
        found = axe(anonymous)
        assert not found, f"{path}: {axe_describe(found)}"
    page = login("beheerder", bypass_csp=True)
    for path in PAGES:
        page.goto(portal.url + path)
        found = axe(page)
        assert not found, f"{path}: {axe_describe(found)}"
    manager = login("programma", bypass_csp=True)
    for path in ("/regio/haaglanden/regiovisie/", "/regio/haaglanden/regiovisie/yaml/"):
        manager.goto(portal.url + path)
        found = axe(manager)
        assert not found, f"{path}: {axe_describe(found)}"
    adviser = login("adviseur-delft", bypass_csp=True)
    adviser.goto(f"{portal.url}/regio/haaglanden/gemeente/GM0503/indicator/veiligheidsbeoordeling_binnen_5_werkdagen/")
    found = axe(adviser)
    assert not found, axe_describe(found)


def test_no_csp_violations_on_the_main_pages(login: Callable[..., Any], portal: Portal) -> None:
    page = login("adviseur-delft")
    share = "/regio/haaglanden/gemeente/GM0503/indicator/veiligheidsbeoordeling_binnen_5_werkdagen/"
    for path in [*PAGES[:7], share]:
        page.goto(portal.url + path)
    assert not page.csp_errors


def test_charts_load_as_images_with_text_alternative(login: Callable[[str], Any],
                                                     portal: Portal) -> None:
    page = login("beheerder")
    for path, expected in (("/regio/haaglanden/indicator/meldingen_per_1000/", 2),  # trend, gemeenten
                           ("/regio/haaglanden/gemeente/GM0503/indicator/meldingen_naar_melder/", 3)):
        page.goto(portal.url + path)
        images = page.query_selector_all("img.km-grafiek")
        assert len(images) == expected, path
        for image in images:
            assert image.get_attribute("alt")
            assert page.evaluate("img => img.complete && img.naturalWidth > 0", image)
        # every chart has its table with the same figures
        assert len(page.query_selector_all("table.km-tabel")) >= len(images)


def test_keyboard_only_navigation(login: Callable[[str], Any], portal: Portal) -> None:
    page = login("raad-twee")
    page.goto(f"{portal.url}/regio/haaglanden/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent")
    assert skip.strip() == "Naar de inhoud"
    assert page.evaluate("getComputedStyle(document.activeElement).position") != "absolute"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    # Tab on to the first gemeente link, showing a visible focus ring on the way.
    for _step in range(60):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", href
        if "/gemeente/GM0503/" in href and "indicator" not in href:
            break
    else:
        raise AssertionError("geen gemeentelink bereikt met Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/gemeente/GM0503/**")
    assert "Gemeente Delft" in page.inner_text("h1")
    # On to an indicator detail page and back with the breadcrumb, keyboard only.
    page.focus("a[href*='/indicator/meldingen_per_1000/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/indicator/meldingen_per_1000/**")
    page.focus("nav.km-kruimel a[href^='/regio/haaglanden/?']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/regio/haaglanden/?**")


def test_toelichting_with_htmx_in_the_browser(login: Callable[[str], Any], portal: Portal) -> None:
    page = login("adviseur-delft")
    page.goto(f"{portal.url}/regio/haaglanden/gemeente/GM0503/indicator/veiligheidsbeoordeling_binnen_5_werkdagen/")
    page.evaluate("window.geenHerlaad = true")
    page.select_option("#id_periode", "2024")
    page.fill("#id_tekst", "Vanaf 2024 telt Veilig Thuis de werkdagen anders (notitie 12).")
    page.click("#toelichting-blok button[type=submit]")
    page.wait_for_selector("text=De toelichting is opgeslagen.")
    assert page.evaluate("window.geenHerlaad") is True  # swapped in place, no page load
    assert "door adviseur-delft op" in page.inner_text("#toelichting-blok")
    assert page.input_value("#id_tekst") == ""
    assert not page.csp_errors
    other = login("raad-twee")
    other.goto(f"{portal.url}/regio/haaglanden/gemeente/GM0503/indicator/veiligheidsbeoordeling_binnen_5_werkdagen/")
    assert "werkdagen anders" in other.inner_text("#toelichtingen")
    assert other.query_selector("#id_tekst") is None  # a raadslid reads, does not write


def test_download_in_the_browser(login: Callable[[str], Any], portal: Portal) -> None:
    page = login("raad-denhaag")
    page.goto(f"{portal.url}/regio/haaglanden/indicator/meldingen_per_1000/")
    with page.expect_download() as info:
        page.click("text=CSV")
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "GM0518" in text and "GM0503" not in text


def test_programmamanager_edits_a_judgement_light_and_downloads_docx(
    login: Callable[..., Any], portal: Portal, axe: Callable[[Any], list[dict[str, Any]]],
    axe_describe: Callable[[list[dict[str, Any]]], str],
) -> None:
    page = login("programma")
    page.goto(f"{portal.url}/regio/haaglanden/regiovisie/")
    page.evaluate("window.geenHerlaad = true")
    judged = page.locator("li.km-lichten__item", has_text="oordeel van").first
    judged.get_by_role("link", name=re.compile("bewerken")).click()
    form = page.locator("form.km-formulier").first
    form.wait_for()
    form.get_by_label("Oranje").check()
    form.get_by_label("Oorzaak").fill("Minder trainers beschikbaar dan gepland.")
    form.get_by_label("Gevolg").fill("Een deel van de scholen wacht op een training.")
    form.get_by_label("Bijsturing").fill("Twee extra trainers vanaf het voorjaar.")
    form.get_by_role("button", name="Licht opslaan").click()
    page.wait_for_selector("text=Het licht is opgeslagen.")
    assert page.evaluate("window.geenHerlaad") is True  # swapped in place by htmx
    assert "Twee extra trainers vanaf het voorjaar." in page.inner_text("main")
    assert not page.csp_errors
    with page.expect_download() as info:
        page.click("text=Stoplichtenrapportage (DOCX)")
    import docx

    document = docx.Document(info.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Twee extra trainers vanaf het voorjaar." in text
    versions = login("raad-twee")
    versions.goto(f"{portal.url}/regio/haaglanden/regiovisie/versies/")
    assert "oranje" in versions.inner_text("table")


def test_audit_chain_verifies_beside_the_browser_tests(portal: Portal) -> None:
    """The chain the portal writes (its set-up and whichever browser tests ran before this one,
    in any order) verifies as a whole."""
    result = subprocess.run(
        [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", "audit", "verify"],
        env=portal.env, capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    checked = int(result.stdout.split(":")[1].split()[0])
    assert checked >= 1


#: Pages where gemeente names appear in lists, tables, headings and breadcrumbs.
RESPONSIVE_PAGES = (  # (page, words that must be on it)
    ("/regio/haaglanden/", {"Delft", "Midden-Delfland", "'s-Gravenhage", "Haaglanden"}),
    ("/regio/haaglanden/indicator/meldingen_per_1000/", {"Delft", "Midden-Delfland"}),
    ("/regio/haaglanden/regiovisie/", set()),
)
GEMEENTE_WORDS = ("'s-Gravenhage", "Midden-Delfland", "Delft", "Haaglanden")
#: Every visible occurrence of a word: how many line boxes it takes, how wide it is, and how wide
#: the element holding it is. A word split over two lines has two rects.
WORD_BOXES = """(words) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const holder = node.parentElement;
    if (!holder || !holder.getClientRects().length) continue;
    for (const word of words) {
      let at = node.data.indexOf(word);
      while (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const wordWidth = rects.reduce((sum, r) => sum + r.width, 0);
        if (rects.length) found.push({word, lines: new Set(rects.map(r => Math.round(r.top))).size,
          wordWidth, holderWidth: holder.getBoundingClientRect().width, tag: holder.tagName});
        at = node.data.indexOf(word, at + word.length);
      }
    }
  }
  return found;
}"""


#: The outermost elements that stick out on the right (for the failure message).
WIDER_THAN_SCREEN = """() => {
  const free = (e) => {  // not inside a box that scrolls or clips
    for (let a = e; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return false;
    }
    return true;
  };
  const found = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5 && free(e.parentElement))
    .map(e => e.tagName + '.' + e.className);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(n);
    if (range.getBoundingClientRect().right > innerWidth + 0.5 && free(n.parentElement)) {
      found.push(n.parentElement.tagName + ' "' + n.data.trim().slice(0, 40) + '"');
    }
  }
  return found.slice(0, 5);
}"""


@pytest.mark.parametrize("width", [390, 1400])
def test_responsive_no_word_broken_and_no_horizontal_scrolling(
    login: Callable[..., Any], portal: Portal, width: int, tmp_path: Path,
) -> None:
    """Phone (390 px, an iPhone 12–15) and desktop: no horizontal scrolling, every gemeente name
    on one line and never in a box narrower than the name (it wrapped letter by letter)."""
    page = login("programma")
    page.set_viewport_size({"width": width, "height": 844})
    for path, expected in RESPONSIVE_PAGES:
        page.goto(portal.url + path)
        name = path.strip("/").replace("/", "_")
        page.screenshot(path=str(tmp_path / f"{width}-{name}.png"), full_page=True)
        scroll, inner = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]")
        wide = page.evaluate(WIDER_THAN_SCREEN)
        assert scroll <= inner, f"{path} op {width} px: {scroll} px breed, door {wide}"
        boxes = page.evaluate(WORD_BOXES, list(GEMEENTE_WORDS))
        assert {b["word"] for b in boxes} >= expected, path
        broken = [b for b in boxes
                  if b["lines"] > 1 or b["holderWidth"] + 0.5 < b["wordWidth"]]
        assert not broken, f"{path} op {width} px: {broken[:3]}"
