# SPDX-License-Identifier: EUPL-1.2
"""Dashboards from registered publications: region, gemeente, indicator detail, downloads."""
