# SPDX-License-Identifier: EUPL-1.2
"""Command-line interface (Typer): one subcommand per stage, thin over the services."""
