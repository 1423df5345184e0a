# SPDX-License-Identifier: EUPL-1.2
"""The portal of ``ketenmonitor demo``: a development portal with the synthetic region loaded.

Runs in the demo's own process: sets the development settings (data folder inside the demo
output), migrates, registers the demo publication, loads the example regiovisie (when it is for
the demo's region), and creates one development account per role with one generated
password. Nothing is started: the demo prints how to start the portal.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

DEMO_USERS: tuple[tuple[str, list[str], list[str], str], ...] = (
    ("beheerder", ["beheerder"], [], "Beheerder"),
    ("programmamanager", ["programmamanager"], ["{regio}"], "Programmamanager (regio)"),
    ("beleidsadviseur", ["beleidsadviseur"], ["{gemeente}"], "Beleidsadviseur ({naam})"),
    ("raadslid", ["raadslid"], ["{gemeente}"], "Raadslid ({naam})"),
)


@dataclass(frozen=True)
class DemoPortal:
    data_dir: Path
    url: str
    password: str
    users: list[tuple[str, str]]  # (username, description)

    @property
    def serve_command(self) -> str:
        return (f"KETENMONITOR_PORTAL_ONTWIKKELING=1 KETENMONITOR_PORTAL_DATA_DIR={self.data_dir} "
                "ketenmonitor serve")


def load_demo_portal(data_dir: Path, publication: Path, port: int = 8000) -> DemoPortal:
    """Prepare the development portal in ``data_dir`` with ``publication`` registered."""
    os.environ["KETENMONITOR_PORTAL_ONTWIKKELING"] = "1"
    os.environ["KETENMONITOR_PORTAL_DATA_DIR"] = str(data_dir.resolve())
    from ketenmonitor.portal import setup

    setup()
    from django.core.management import call_command

    from ketenmonitor.portal.accounts.local import create_local_user
    from ketenmonitor.portal.dashboards.loading import loaded
    from ketenmonitor.portal.dashboards.registry import register_publication

    call_command("migrate", interactive=False, verbosity=0)
    record, _new = register_publication(publication, "demo")
    pub = loaded(record.pad, record.metadata_sha256)
    example = next((g for g in pub.gemeenten if g.code == "GM0503"), pub.gemeenten[0])
    password = secrets.token_urlsafe(9)
    users: list[tuple[str, str]] = []
    for name, roles, scope, description in DEMO_USERS:
        codes = [s.format(regio=record.regio, gemeente=example.code) for s in scope]
        create_local_user(name, roles, codes, password, full_name=name)
        users.append((name, description.format(naam=example.naam)))
    _load_regiovisie(record.regio)
    return DemoPortal(data_dir, f"http://127.0.0.1:{port}/", password, users)


def _load_regiovisie(region: str) -> None:
    """The package's example regiovisie (its region must be the demo's; else nothing)."""
    from ketenmonitor.portal.regiovisie.store import import_example

    import_example(region)
