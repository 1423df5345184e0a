# SPDX-License-Identifier: EUPL-1.2
"""Ketenmonitor: monitor van de regiovisie aanpak huiselijk geweld en kindermishandeling."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _package_version() -> str:
    """The version from the installed distribution's metadata, the only place it is written."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ketenmonitor")
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "0+onbekend"


def __getattr__(name: str) -> str:
    # Looked up on first use, so importing the package does not read metadata.
    if name == "__version__":
        return _package_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
