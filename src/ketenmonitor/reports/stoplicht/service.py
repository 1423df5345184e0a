# SPDX-License-Identifier: EUPL-1.2
"""From files to the four formats: read the regiovisie, evaluate the period, render.

Used by ``ketenmonitor report --regiovisie`` and by ``ketenmonitor demo``. The regiovisie is
checked on its own (schema, references); whether its indicators exist is judged against the
publication it is evaluated on, so a report can be made from any publication of the region.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.publish.reader import Publication
from ketenmonitor.regiovisie import evaluate
from ketenmonitor.regiovisie.errors import RegiovisieError
from ketenmonitor.regiovisie.result import Probleem
from ketenmonitor.regiovisie.yaml_io import load_regiovisie
from ketenmonitor.reports.stoplicht import FORMATS, render_stoplicht_report

log = get_logger(__name__)


@dataclass(frozen=True)
class StoplichtResult:
    paths: dict[str, Path]
    periode: str
    problemen: tuple[Probleem, ...]


def make_stoplicht_report(
    regiovisie_file: Path,
    publication: Publication | None,
    out_dir: Path,
    *,
    periode: str | None = None,
    template: Path | None = None,
    formats: tuple[str, ...] = FORMATS,
) -> StoplichtResult:
    """Evaluate ``periode`` (default: the latest reporting period) and write ``formats``."""
    regiovisie = load_regiovisie(regiovisie_file, catalogue=False)
    if periode is None:
        if not regiovisie.perioden:
            raise RegiovisieError(
                "geen_rapportage",
                _("De regiovisie in {bron} heeft nog geen rapportageperiode.").format(
                    bron=regiovisie_file),
                _("Voeg onder 'rapportages' een periode toe, bijvoorbeeld periode: \"2025\"."),
            )
        periode = regiovisie.perioden[-1]
    report = evaluate(regiovisie, periode, publication)
    paths = render_stoplicht_report(report, out_dir, publication=publication, formats=formats,
                                    template=template)
    log.info("regiovisie_geevalueerd", periode=periode, problemen=len(report.problemen))
    return StoplichtResult(paths, periode, report.problemen)
