# SPDX-License-Identifier: EUPL-1.2
"""Security headers on every response: strict CSP, no framing, no sniffing, no debug pages."""

from __future__ import annotations

from typing import Any


def test_responses_carry_a_strict_csp_and_no_debug_page(client: Any, db: Any) -> None:
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina niet gevonden" in body and "Traceback" not in body and "URLconf" not in body
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client: Any, db: Any) -> None:
    body = client.get("/toegankelijkheid/").content.decode()
    assert "<style" not in body and " style=" not in body
    assert "<script>" not in body and "<script src=" in body


def test_gemeente_theme_is_a_setting(rf: Any, tmp_path: Any) -> None:
    from django.test import override_settings

    from ketenmonitor.portal.config import PortalSettings
    from ketenmonitor.portal.context import portal

    theme = tmp_path / "delft.css"
    theme.write_text(".delft-theme { --basis-color-accent-1-bg-default: #c00; }")
    config = PortalSettings(thema_css=theme, thema_klasse="delft-theme", organisatie="Delft")
    request = rf.get("/")
    with override_settings(CONFIG=config):
        found = portal(request)
    assert found["thema_css"] == "thema/delft.css"
    assert found["thema_klasse"] == "delft-theme" and found["organisatie"] == "Delft"


def test_theme_class_must_be_a_plain_css_class() -> None:
    import pydantic
    import pytest

    from ketenmonitor.portal.config import PortalSettings

    with pytest.raises(pydantic.ValidationError):
        PortalSettings(thema_klasse='x" onload="alert(1)')
