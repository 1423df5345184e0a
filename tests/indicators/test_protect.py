# SPDX-License-Identifier: EUPL-1.2
"""Suppression checked by the interval attack (issue 12): more cells until it finds nothing, and a
refusal when an earlier publication already gave a count away."""

from __future__ import annotations

import pyarrow as pa
import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.indicators.attack import PendingAttack, attack
from ketenmonitor.indicators.attack_model import Published
from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue
from ketenmonitor.indicators.elsewhere import can_fork
from ketenmonitor.indicators.protect import protect_tables, refuse_unprotected
from testsupport import load_module

_attack_tests = load_module("indicators/test_attack.py")
IND, TRUTH = _attack_tests.IND, _attack_tests.TRUTH


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_protection_leaves_the_attack_nothing(catalogue: Catalogue) -> None:
    truth = _attack_tests._truth(TRUTH)
    protected = protect_tables({IND: truth}, catalogue, set(), threshold=10, rounding_base=5,
                               interval=5)
    assert protected.report.findings == [] and protected.targets > 0
    table = protected.tables[IND].to_pylist()
    assert all(r["onderdrukt"] for r in table if r["gebied_code"] == "G1")
    # checked again from scratch, the attacker still narrows nothing down
    again = attack({IND: truth}, protected.tables, catalogue, threshold=10, base=5, protection=5,
                   values_from_rounded=True)
    assert again.findings == []
    refuse_unprotected(protected, 5, 0)  # nothing to refuse


def test_an_earlier_publication_that_showed_the_count_is_refused(catalogue: Catalogue) -> None:
    truth = _attack_tests._truth(TRUTH)
    shown_before = Published({IND: _attack_tests._published(truth, hidden=set())}, True)
    protected = protect_tables({IND: truth}, catalogue, set(), threshold=10, rounding_base=5,
                               interval=5, earlier=[shown_before])
    assert {(f.gebied, f.periode) for f in protected.report.findings} >= {("G1", "2024-H1")}
    with pytest.raises(PublicationError) as refused:
        refuse_unprotected(protected, 5, 1)
    assert "1 eerdere publicatie" in refused.value.message


@pytest.mark.skipif(not can_fork(), reason="fork or a second core is missing")
def test_first_suppression_in_a_child_gives_the_same_publication(
    results: dict[str, pa.Table], catalogue: Catalogue,
) -> None:
    """With ``fork`` the first suppression runs in a child process while the attacker is
    modelled; the tables and what the loop reports are those of doing it in one process."""
    tables = {ind: results[ind] for ind in ("meldingen_naar_duur_geweld", "meldingen_naar_aard")}

    def run(fork: bool) -> tuple[dict[str, pa.Table], int, int, int]:
        protected = protect_tables(tables, catalogue, set(), threshold=10, rounding_base=5,
                                   interval=5, fork=fork)
        return (protected.tables, protected.rounds, protected.extra_cells,
                len(protected.report.findings))

    forked, here = run(True), run(False)
    assert forked[1:] == here[1:]
    assert forked[0].keys() == here[0].keys()
    assert all(forked[0][ind].equals(here[0][ind]) for ind in here[0])


@pytest.mark.parametrize("ind", ["meldingen_naar_duur_geweld", "eerder_signaal_naar_partner"])
def test_rounds_prepared_ahead_give_what_one_round_after_the_other_gives(
    ind: str, results: dict[str, pa.Table], catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The loop prepares the next round from the findings of bound propagation while the LPs
    run; it keeps that round only when the LPs add nothing. Whether it prepares ahead (the
    default), never (the plain loop) or from too few findings (so the round ahead is dropped and
    made again), the publication and what the loop reports are the same."""
    def run() -> tuple[list[dict[str, object]], int, int, int]:
        protected = protect_tables({ind: results[ind]}, catalogue, set(), threshold=10,
                                   rounding_base=5, interval=5, workers=2)
        return (protected.tables[ind].to_pylist(), protected.rounds, protected.extra_cells,
                len(protected.report.findings))

    ahead = run()
    assert ahead[1] >= 2 and ahead[2] > 0 and ahead[3] == 0  # the case needs a second round
    monkeypatch.setattr(PendingAttack, "settled", property(lambda self: []))
    assert run() == ahead
    monkeypatch.setattr(PendingAttack, "settled",
                        property(lambda self: self.report.findings[: min(1, self.report.settled)]))
    assert run() == ahead


@pytest.mark.parametrize("fork", [False, pytest.param(True, marks=pytest.mark.skipif(
    not can_fork(), reason="fork or a second core is missing"))])
def test_the_callers_work_runs_once_while_the_first_suppression_runs(
    fork: bool, catalogue: Catalogue,
) -> None:
    truth = _attack_tests._truth(TRUTH)
    calls: list[int] = []
    protected = protect_tables({IND: truth}, catalogue, set(), threshold=10, rounding_base=5,
                               interval=5, fork=fork, meanwhile=lambda: calls.append(1))
    assert calls == [1] and protected.report.findings == []

    def fails() -> None:
        raise RuntimeError("elders")

    with pytest.raises(RuntimeError, match="elders"):  # raised here; no child left behind
        protect_tables({IND: truth}, catalogue, set(), threshold=10, rounding_base=5,
                       interval=5, fork=fork, meanwhile=fails)
