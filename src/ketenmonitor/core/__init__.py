# SPDX-License-Identifier: EUPL-1.2
"""Shared foundations: settings, errors, logging, periods, working days, i18n."""
