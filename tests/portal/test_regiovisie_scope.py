# SPDX-License-Identifier: EUPL-1.2
"""Role × URL matrix for the regiovisie: the overview page and the stoplichtenrapportage in all
four formats show the region's lights and the reader's own gemeenten, never another gemeente's.

Checked on the bodies: the HTML page, the DOCX (paragraphs and tables, python-docx), the PDF
(text, pypdf) and the XLSX (every cell, openpyxl). The example regiovisie has one light for
Delft (``Lokaal team Delft``, replacing the example's Zoetermeer light) and one for Wassenaar;
its activities, stories and contribution tables name every gemeente of Haaglanden. Region
readers must see all of them (so the check can fail); gemeente readers only their own.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest

from ketenmonitor.codes import all_gemeenten

BASE = "/regio/haaglanden/regiovisie/"
OWN_LIGHT = "Lokaal team Delft"
NAMES = {g.code: g.naam for g in all_gemeenten() if g.regio == "haaglanden"}
REGION = set(NAMES)
CASES = [  # roles, scope, gemeenten whose figures may appear (None: the whole region)
    (["raadslid"], ["GM0503"], {"GM0503"}),
    (["beleidsadviseur"], ["GM0518"], {"GM0518"}),
    (["beleidsadviseur", "raadslid"], ["GM0518", "GM1842"], {"GM0518", "GM1842"}),
    (["programmamanager"], ["haaglanden"], None),
    (["beheerder"], [], None),
    (["raadslid"], ["hollands_midden"], set()),
]
FORMATS = ("html", "docx", "pdf", "xlsx")


@pytest.fixture()
def scoped_visie(registered: list[Any]) -> Any:
    """The example regiovisie with its Zoetermeer light moved to Delft (a fixture gemeente)."""
    from ketenmonitor.portal.regiovisie import store
    from ketenmonitor.regiovisie import example_path

    text = example_path().read_text(encoding="utf-8")
    text = text.replace("titel: Zoetermeer", f"titel: {OWN_LIGHT}", 1)
    text = text.replace("gebied: GM0637", "gebied: GM0503", 1)
    return store.import_yaml("haaglanden", text, "test", None, bron="test")


def body_text(fmt: str, content: bytes) -> str:
    """The readable text of a downloaded file."""
    if fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(content))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if fmt == "pdf":
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                         for v in row if v is not None)
    return content.decode("utf-8")


def leaks(text: str, allowed: set[str] | None) -> list[str]:
    """Names of gemeenten outside the scope that appear in ``text``."""
    if allowed is None:
        return []
    return sorted(NAMES[c] for c in REGION - allowed if NAMES[c] in text)


def _get(client: Any, url: str) -> tuple[int, bytes]:
    response = client.get(url)
    if response.status_code != 200:
        return response.status_code, b""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return 200, content


@pytest.mark.parametrize(("roles", "scope", "allowed"), CASES)
def test_overview_and_yaml_follow_the_scope(
    client_for: Callable[..., Any], scoped_visie: Any, roles: list[str], scope: list[str],
    allowed: set[str] | None,
) -> None:
    client = client_for(roles, scope)
    status, page = _get(client, BASE)
    if allowed == set():
        assert status == 403
        assert _get(client, f"{BASE}rapport.html")[0] == 403
        return
    assert status == 200
    text = page.decode()
    assert leaks(text, allowed) == []
    assert (OWN_LIGHT in text) == (allowed is None or "GM0503" in allowed)
    if allowed is None:
        assert "Wassenaar" in text  # the check can see a leak
    export = _get(client, f"{BASE}export.yaml")[0]
    assert export == (200 if allowed is None else 403)
    assert leaks(_get(client, f"{BASE}versies/")[1].decode(), allowed) == []


@pytest.mark.slow
def test_report_formats_follow_the_scope(
    client_for: Callable[..., Any], scoped_visie: Any,
) -> None:
    """Every role × format: status, and no other gemeente's name in the file body."""
    found: dict[tuple[str, str], list[str]] = {}
    # A render costs seconds, so: every format for one gemeente (the leak check) and for the
    # region (the control that the text of each format is read), the cheap formats for two
    # gemeenten, and a reader outside the region.
    plan = [(CASES[0], FORMATS), (CASES[3], FORMATS), (CASES[2], ("html", "xlsx")),
            (CASES[5], FORMATS)]
    for number, ((roles, scope, allowed), formats) in enumerate(plan):
        client = client_for(roles, scope, name=f"lezer-{number}")
        for fmt in formats:
            status, content = _get(client, f"{BASE}rapport.{fmt}")
            key = ("+".join(roles) + ":" + ",".join(scope), fmt)
            if allowed == set():
                assert status == 403, key
                continue
            assert status == 200, key
            text = body_text(fmt, content)
            found[key] = leaks(text, allowed)
            assert (OWN_LIGHT in text) == (allowed is None or "GM0503" in allowed), key
            if allowed is None:
                assert "Wassenaar" in text, key
    assert len(found) == 10
    assert {k: v for k, v in found.items() if v} == {}
