# SPDX-License-Identifier: EUPL-1.2
"""Portal settings from environment variables ``KETENMONITOR_PORTAL_*`` (``core.env_settings``).

Secure by default: development mode is off, DEBUG is off, cookies are secure, and outside
development a secret key is required. The Django settings module only translates these values.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from pydantic import Field, SecretStr

from ketenmonitor.core.env_settings import EnvSettings
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.private_files import write_private_file
from ketenmonitor.core.validation import load_settings

ROLE_CODES = ("raadslid", "beleidsadviseur", "programmamanager", "beheerder")


class PortalSettings(EnvSettings):
    """Everything an operator sets for the portal; names follow ``KETENMONITOR_PORTAL_<NAAM>``."""

    env_prefix = "KETENMONITOR_PORTAL_"

    ontwikkeling: bool = Field(
        default=False,
        description="Ontwikkelstand: lokale inlog, geen TLS nodig. Nooit in productie.",
    )
    debug: bool = Field(default=False, description="Django DEBUG; alleen in de ontwikkelstand.")
    secret_key: SecretStr | None = Field(default=None, description="Geheime sleutel van Django")
    data_dir: Path = Field(default=Path("ketenmonitor-portaal"), description="Werkmap van het portaal")
    publicatie_map: Path | None = Field(
        default=None,
        description="Map waartegen publicatiemappen relatief worden opgeslagen (standaard de "
        "werkmap); verplaats of kopieer deze map en het portaal toont de publicaties daarin",
    )
    database_url: str | None = Field(
        default=None, description="Database-URL, bijvoorbeeld postgres://gebruiker@host/portaal"
    )
    allowed_hosts: list[str] = Field(default=["localhost", "127.0.0.1"])
    csrf_trusted_origins: list[str] = Field(default=[])
    achter_tls: bool = Field(
        default=True, description="Het portaal draait achter TLS (HTTPS); zet HSTS en redirects aan"
    )
    proxy_tls_header: bool = Field(
        default=False,
        description="Vertrouw X-Forwarded-Proto van een reverse proxy die TLS afhandelt",
    )
    proxy_ip_header: str | None = Field(
        default=None,
        description="Header met het IP-adres van de gebruiker achter een proxy (X-Forwarded-For)",
    )
    hsts_seconden: int = Field(default=31_536_000, ge=0)
    thema_css: Path | None = Field(
        default=None, description="Eigen themastylesheet van de gemeente (bestand op schijf)"
    )
    thema_klasse: str = Field(default="voorbeeld-theme", pattern=r"^[a-zA-Z][a-zA-Z0-9_-]*$")
    organisatie: str = Field(default="Ketenmonitor", description="Naam van de organisatie in de kop")
    contact_email: str = Field(default="toegankelijkheid@example.nl")
    # OIDC (mozilla-django-oidc); OIDC is on when a client id is set.
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_authorization_endpoint: str | None = None
    oidc_token_endpoint: str | None = None
    oidc_user_endpoint: str | None = None
    oidc_jwks_endpoint: str | None = None
    oidc_sign_algo: str = "RS256"
    oidc_scopes: str = "openid email profile"
    claim_rollen: str = Field(default="roles", description="Claim met de rollen (punt = genest)")
    claim_gemeenten: str = Field(
        default="gemeenten", description="Claim met gemeente- en regiocodes (punt = genest)"
    )
    claim_naam: str = Field(default="name")
    claim_email: str = Field(default="email")
    rol_waarden: dict[str, str] = Field(
        default={},
        description="Vertaling van rolwaarden in het token naar portaalrollen, bijvoorbeeld "
        '{"km-raad": "raadslid"}',
    )
    audit_sleutel_bestand: Path | None = Field(
        default=None,
        description="Sleutelbestand van de auditlog (HMAC), buiten de database; maak het met "
        "'ketenmonitor audit sleutel'. In de ontwikkelstand: <data_dir>/auditsleutel",
    )
    audit_anker_bestand: Path | None = Field(
        default=None,
        description="Alleen-toevoegen-bestand met ondertekende ankerpunten van de auditketen. "
        "In de ontwikkelstand: <data_dir>/auditanker.jsonl",
    )
    max_verzoek_mb: int = Field(
        default=5, ge=1, description="Grootste verzoek (upload of formulier) in MB; groter: 413",
    )
    verzoek_tijdslimiet: float = Field(
        default=60.0, ge=0,
        description="Seconden dat één verzoek mag duren; daarna afgebroken (0 = geen limiet)",
    )
    statisch_comprimeren: bool = Field(
        default=True, description="Statische bestanden vooraf comprimeren (gzip/brotli)"
    )
    log_level: str = "WARNING"

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_client_id)

    @property
    def audit_key_file(self) -> Path | None:
        if self.audit_sleutel_bestand is not None or not self.ontwikkeling:
            return self.audit_sleutel_bestand
        return self.data_dir / "auditsleutel"

    @property
    def audit_anchor_file(self) -> Path | None:
        if self.audit_anker_bestand is not None or not self.ontwikkeling:
            return self.audit_anker_bestand
        return self.data_dir / "auditanker.jsonl"

    @property
    def database_location(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'portaal.sqlite3').resolve()}"


def get_portal_settings() -> PortalSettings:
    return load_settings(PortalSettings, "KETENMONITOR_PORTAL_")


def _dev_secret(data_dir: Path) -> str:
    """A random key kept in the data folder so development sessions survive a restart."""
    path = data_dir / "ontwikkelsleutel"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(50)
    write_private_file(path, key)
    return key


def secret_key(config: PortalSettings) -> str:
    """The configured key; only development may do without one."""
    if config.secret_key is not None:
        value = config.secret_key.get_secret_value()
        if len(value) < 50 and not config.ontwikkeling:
            raise ConfigurationError(
                "portaal_sleutel_kort",
                _("KETENMONITOR_PORTAL_SECRET_KEY is te kort ({n} tekens, minimaal 50).").format(
                    n=len(value)
                ),
                _("Maak een sleutel met: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"),
            )
        return value
    if config.ontwikkeling:
        return _dev_secret(config.data_dir)
    raise ConfigurationError(
        "portaal_sleutel_ontbreekt",
        _("Het portaal start niet zonder geheime sleutel (KETENMONITOR_PORTAL_SECRET_KEY)."),
        _(
            "Zet KETENMONITOR_PORTAL_SECRET_KEY op een willekeurige waarde van minstens 50 tekens, "
            "of KETENMONITOR_PORTAL_ONTWIKKELING=1 voor een ontwikkelomgeving."
        ),
    )
