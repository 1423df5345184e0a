# SPDX-License-Identifier: EUPL-1.2
"""Settings from the environment without pydantic-settings (ADR 0025): the rules it had."""

from __future__ import annotations

import pytest

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.settings import EngineName, Settings, get_settings
from ketenmonitor.portal.config import PortalSettings, get_portal_settings


def test_environment_fills_fields_case_insensitively_and_keywords_win(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KETENMONITOR_ROUNDING_BASE", "3")
    monkeypatch.setenv("ketenmonitor_engine", "spark")
    monkeypatch.setenv("KETENMONITOR_PROTECTION_CHECK", "false")
    monkeypatch.setenv("KETENMONITOR_KEY", "ab" * 32)
    settings = Settings()
    assert settings.rounding_base == 3 and settings.engine is EngineName.SPARK
    assert settings.protection_check is False
    assert settings.key is not None and settings.key.get_secret_value() == "ab" * 32
    assert Settings(rounding_base=7).rounding_base == 7


def test_aliases_name_their_own_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KETENMONITOR_REGION", raising=False)
    monkeypatch.setenv("KETENMONITOR_REGIO", "utrecht")
    assert Settings().region == "utrecht"
    assert Settings(region="twente").region == "twente"


def test_lists_and_dicts_are_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETENMONITOR_PORTAL_ALLOWED_HOSTS", '["monitor.example.nl"]')
    monkeypatch.setenv("KETENMONITOR_PORTAL_ROL_WAARDEN", '{"km-raad": "raadslid"}')
    settings = PortalSettings()
    assert settings.allowed_hosts == ["monitor.example.nl"]
    assert settings.rol_waarden == {"km-raad": "raadslid"}


@pytest.mark.parametrize(("variable", "value", "load"), [
    ("KETENMONITOR_ROUNDING_BASE", "vijf", get_settings),
    ("KETENMONITOR_SUPPRESSION_THRESHOLD", "0", get_settings),
    ("KETENMONITOR_PORTAL_ALLOWED_HOSTS", "monitor.example.nl", get_portal_settings),
])
def test_a_wrong_value_is_refused_in_dutch_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, load: object
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigurationError) as raised:
        load()  # type: ignore[operator]
    assert variable in raised.value.message
    assert "Input should" not in raised.value.message
