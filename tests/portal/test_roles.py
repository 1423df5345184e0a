# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from ketenmonitor.portal.accounts.roles import Access, Rol, parse_roles

REGION = ["GM0518", "GM0503", "GM1842"]


def test_parse_roles_keeps_known_roles_in_fixed_order() -> None:
    assert parse_roles(["Beheerder", "onbekend", "raadslid"]) == [Rol.RAADSLID, Rol.BEHEERDER]


def test_gemeente_scope_sees_own_gemeente_and_region_only() -> None:
    access = Access.of(["raadslid"], ["gm0503"])
    assert access.sees_region("haaglanden", REGION)
    assert access.visible_gemeenten("haaglanden", REGION) == ["GM0503"]
    assert access.sees_gemeente("haaglanden", "GM0503")
    assert not access.sees_gemeente("haaglanden", "GM0518")
    assert not access.sees_region("hollands_midden", ["GM0546"])
    assert not access.may_explain("GM0503")
    assert not access.may_download_report("haaglanden")


def test_region_scope_covers_every_gemeente_of_that_region() -> None:
    access = Access.of(["programmamanager"], ["haaglanden"])
    assert access.visible_gemeenten("haaglanden", REGION) == REGION
    assert access.may_edit_regiovisie("haaglanden", REGION)
    assert not access.sees_region("hollands_midden", ["GM0546"])


def test_beleidsadviseur_explains_only_named_gemeenten() -> None:
    access = Access.of(["beleidsadviseur"], ["GM0518", "haaglanden"])
    assert access.may_explain("GM0518")
    assert not access.may_explain("GM0503")  # visible through the region, but not its own


def test_beheerder_sees_everything_and_no_role_sees_nothing() -> None:
    assert Access.of(["beheerder"], []).visible_gemeenten("x", REGION) == REGION
    nobody = Access.of([], ["GM0503", "haaglanden"])
    assert not nobody.sees_region("haaglanden", REGION)
    assert nobody.visible_gemeenten("haaglanden", REGION) == []
