# SPDX-License-Identifier: EUPL-1.2
"""Every code the simulator uses exists in the code lists, and the shares are probabilities."""

from __future__ import annotations

import pytest

from ketenmonitor.codes import code_list
from ketenmonitor.simulate import parameters as P
from ketenmonitor.simulate.households import ROLES
from ketenmonitor.simulate.model import EB_GROUP, EERDERE_BETROKKENHEID


@pytest.mark.parametrize(("codes", "name"), [
    (P.MELDER_ORGS, "melder_organisatie"), (P.MELDER_ROLLEN, "melder_rol"), (P.AARD, "aard"),
    (P.AANVULLEND, "aanvullende_informatie"), (P.DUUR, "duur_geweld"),
    (P.UITKOMST_VB, "uitkomst_veiligheidsbeoordeling"),
    (P.UITKOMST_ONDERZOEK, "uitkomst_onderzoek"), (P.OVERDRACHT_ORGS, "overdracht_organisatie"),
    (P.VERWIJZERS_OTHER[0] + ("VEILIG_THUIS",), "verwijzer"),
    (P.REDEN_AFSLUITING[0], "reden_afsluiting"), (P.MDA_UITKOMST[0], "mda_uitkomst"),
    (ROLES, "rol_betrokkene"), (EERDERE_BETROKKENHEID, "eerdere_betrokkenheid"),
])
def test_codes_exist_in_code_lists(codes: tuple[str, ...], name: str) -> None:
    assert set(codes) <= set(code_list(name).codes)


def test_eerdere_betrokkenheid_groups_match_the_code_list() -> None:
    groups = code_list("eerdere_betrokkenheid").groups
    assert [groups[c] for c in EERDERE_BETROKKENHEID] == list(EB_GROUP)


def test_rol_given_org_covers_every_organisation_with_known_roles() -> None:
    assert set(P.ROL_GIVEN_ORG) == set(P.MELDER_ORGS)
    for rollen, shares in P.ROL_GIVEN_ORG.values():
        assert set(rollen) <= set(P.MELDER_ROLLEN)
        assert sum(shares) == pytest.approx(1.0)


@pytest.mark.parametrize("shares", [
    P.HH_TYPE_SHARES_MELDING, P.HH_TYPE_SHARES_ADVIES, P.HH_TYPE_SHARES_POLITIE,
    P.HH_TYPE_SHARES_LOKAAL_TEAM, P.CHRONICITY_SHARES, P.UITKOMST_VB_SHARES,
    P.UITKOMST_ONDERZOEK_SHARES, P.OVERDRACHT_SHARES, P.DUUR_FIRST, P.DUUR_REPEAT,
    P.VB_ON_TIME_WORKDAYS[1], P.VERWIJZERS_OTHER[1], P.REDEN_AFSLUITING[1], P.MDA_UITKOMST[1],
])
def test_shares_sum_to_one(shares: tuple[float, ...]) -> None:
    assert sum(shares) == pytest.approx(1.0)
    assert min(shares) >= 0
