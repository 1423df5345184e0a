# SPDX-License-Identifier: EUPL-1.2
"""Append-only, hash-chained audit log of logins, page views, downloads, edits and publications."""
