# SPDX-License-Identifier: EUPL-1.2
"""Users, roles and gemeente scopes: OIDC in production, a local login only in development."""
