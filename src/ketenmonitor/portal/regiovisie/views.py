# SPDX-License-Identifier: EUPL-1.2
"""The regiovisie pages: overview with lights per reporting period, inline light editing (htmx),
YAML edit/import/export, version history and one-click report downloads in all formats."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.portal.accounts.models import display_name
from ketenmonitor.portal.audit.models import Actie
from ketenmonitor.portal.audit.record import record
from ketenmonitor.portal.dashboards.loading import loaded
from ketenmonitor.portal.dashboards.scope import access_of, deny, sorted_publications
from ketenmonitor.portal.regiovisie import store
from ketenmonitor.portal.regiovisie.edits import editable_results, light_of, set_light
from ketenmonitor.portal.regiovisie.forms import ImportForm, LightForm, YamlForm
from ketenmonitor.portal.regiovisie.models import RegiovisieVersie
from ketenmonitor.publish import Publication
from ketenmonitor.regiovisie import EvaluatedReport, Regiovisie
from ketenmonitor.regiovisie.model import Licht
from ketenmonitor.regiovisie.result import Berekening, EvaluatedLight
from ketenmonitor.regiovisie.scope import scope_key, scoped_evaluate
from ketenmonitor.reports.stoplicht.build_chapters import resultaat_labels

FORMATS = {"html": "text/html; charset=utf-8",
           "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Context:
    versie: RegiovisieVersie
    regiovisie: Regiovisie
    publication: Publication | None
    may_edit: bool
    gemeenten: frozenset[str] | None  # the reader's gemeente scope; None = the whole region

    def evaluate(self, periode: str) -> EvaluatedReport:
        """The report of ``periode`` as this reader may see it (their gemeente scope applied)."""
        return scoped_evaluate(self.regiovisie, periode, self.publication, self.gemeenten)


def _context(request: HttpRequest, regio: str) -> Context:
    """The current version, the publication to evaluate on, and whether the user may edit."""
    pubs = sorted_publications(regio)
    pub = loaded(pubs[0].pad, pubs[0].metadata_sha256) if pubs else None
    codes = pub.gemeente_codes if pub is not None else []
    access = access_of(request)
    if not (access.sees_region(regio, codes) or access.sees_whole_region(regio)):
        raise deny(request, f"regiovisie:{regio}")
    scope = access.gemeente_scope(regio)
    found = store.current(regio)
    if found is None:
        raise Http404("regiovisie")
    return Context(found[0], found[1], pub.publication if pub is not None else None,
                   # the regiovisie holds every gemeente's lights: only a whole-region editor
                   access.may_edit_regiovisie(regio, codes) and scope is None, scope)


def _period(request: HttpRequest, regiovisie: Regiovisie) -> str:
    wanted = request.GET.get("periode") or request.POST.get("periode") or ""
    if wanted in regiovisie.perioden:
        return wanted
    if not regiovisie.perioden:
        raise Http404("rapportageperiode")
    return regiovisie.perioden[-1]


@require_safe
def overview(request: HttpRequest, regio: str) -> HttpResponse:
    c = _context(request, regio)
    periode = _period(request, c.regiovisie)
    report = c.evaluate(periode)
    record(request, Actie.PAGINA, f"regiovisie:{regio}:v{c.versie.versie}:{periode}")
    rapportage = c.regiovisie.rapportage(periode)
    return render(request, "regiovisie/overzicht.html", {
        "regio": regio, "versie": c.versie, "rapport": report, "periode": periode,
        "perioden": c.regiovisie.perioden, "mag_bewerken": c.may_edit,
        "formaten": list(FORMATS), "regiovisie": c.regiovisie, "hele_regio": c.gemeenten is None,
        "bewerkbaar": editable_results(rapportage), "nummers": resultaat_labels(report),
    })


@require_http_methods(["GET", "POST"])
def edit_light(request: HttpRequest, regio: str, periode: str, resultaat: str,
               index: int) -> HttpResponse:
    c = _context(request, regio)
    if not c.may_edit:
        raise deny(request, f"regiovisie:{regio}:licht")
    try:
        light = light_of(c.regiovisie, periode, resultaat, index)
    except KetenmonitorError:
        raise Http404("licht") from None
    computed = light.koppeling is not None
    evaluated_report = c.evaluate(periode)
    shown = _evaluated_light(evaluated_report, resultaat, index)
    berekening = shown.berekening if shown is not None and computed else None
    form = LightForm(request.POST or None, computed=computed,
                     initial=_initial(light, berekening))
    target = reverse("regiovisie:overzicht", args=[regio]) + f"?periode={periode}#res-{resultaat}"
    context = {"form": form, "regio": regio, "periode": periode, "resultaat": resultaat,
               "index": index, "licht": light, "berekend": computed, "terug": target,
               "berekening": berekening,
               "label": resultaat_labels(evaluated_report).get(resultaat, resultaat)}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        name = display_name(request.user)
        try:
            changed = set_light(c.regiovisie, periode, resultaat, index, data["kleur_enum"],
                                data["uitleg"], name, data.get("reden") or "")
            store.save(regio, changed, request.user.get_username(),
                       f"licht {resultaat} {index + 1}: {data['kleur_enum'].value}", periode,
                       request)
        except KetenmonitorError as error:
            form.add_error(None, f"{error.message} {error.hint}".strip())
        else:
            if request.htmx:  # type: ignore[attr-defined]
                report = scoped_evaluate(changed, periode, c.publication, c.gemeenten)
                evaluated = next(r for o in report.opgaven for r in o.resultaten
                                 if r.id == resultaat)
                return render(request, "regiovisie/_resultaat.html", {
                    "res": evaluated, "regio": regio, "periode": periode, "mag_bewerken": True,
                    "bevestiging": True, "bewerkbaar": {resultaat},
                    "nummers": resultaat_labels(report)})
            return redirect(target)
    partial = request.htmx  # type: ignore[attr-defined]
    template = "regiovisie/_licht_form.html" if partial else "regiovisie/licht.html"
    # htmx swaps no 4xx answer, except 422 (base.html's responseHandling): a refused form sent
    # by htmx comes back as 422 so its errors appear next to the fields instead of nowhere.
    refused = 422 if partial else 400
    return render(request, template, context, status=refused if request.method == "POST" else 200)


def _evaluated_light(report: EvaluatedReport, resultaat: str, index: int) -> EvaluatedLight | None:
    for opgave in report.opgaven:
        for res in opgave.resultaten:
            if res.id == resultaat and 0 <= index < len(res.lichten):
                return res.lichten[index]
    return None


def _initial(light: Licht, berekening: Berekening | None) -> dict[str, Any]:
    """What the form starts with: the light as it stands. An overridden light keeps its colour
    and written reason (saving it unchanged must work); a computed one starts at the computed
    colour."""
    kleur = light.oordeel or (light.overschrijving.kleur if light.overschrijving else None)
    if kleur is None and berekening is not None:
        kleur = berekening.kleur
    initial: dict[str, Any] = {"kleur": getattr(kleur, "value", kleur) or "groen"}
    if light.overschrijving is not None:
        initial["reden"] = light.overschrijving.reden
    if light.uitleg is not None:
        initial.update(light.uitleg.model_dump())
    return initial


@require_http_methods(["GET", "POST"])
def edit_yaml(request: HttpRequest, regio: str) -> HttpResponse:
    c = _context(request, regio)
    if not c.may_edit:
        raise deny(request, f"regiovisie:{regio}:yaml")
    form = YamlForm(request.POST or None, initial={"yaml": c.versie.yaml})
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            store.import_yaml(regio, form.cleaned_data["yaml"], request.user.get_username(),
                              request, bron=form.cleaned_data["omschrijving"])
        except KetenmonitorError as error:
            errors = [f.text() for f in getattr(error, "fouten", [])] or [error.message]
        else:
            return redirect("regiovisie:overzicht", regio=regio)
    return render(request, "regiovisie/yaml.html", {
        "form": form, "regio": regio, "fouten": errors, "versie": c.versie,
        "import_form": ImportForm()}, status=400 if errors else 200)


@require_http_methods(["POST"])
def import_file(request: HttpRequest, regio: str) -> HttpResponse:
    c = _context(request, regio)
    if not c.may_edit:
        raise deny(request, f"regiovisie:{regio}:import")
    form = ImportForm(request.POST, request.FILES)
    fouten: list[str] = [str(m) for ms in form.errors.values() for m in ms]
    if form.is_valid():
        upload = form.cleaned_data["bestand"]
        try:
            text = upload.read().decode("utf-8")
            store.import_yaml(regio, text, request.user.get_username(), request, bron=upload.name)
        except (KetenmonitorError, UnicodeDecodeError) as error:
            fouten = [f.text() for f in getattr(error, "fouten", [])] or [
                getattr(error, "message", "Het bestand is geen UTF-8-tekst.")]
    if fouten:  # a missing or too large file is refused like a wrong one, never silently
        return render(request, "regiovisie/yaml.html", {
            "form": YamlForm(initial={"yaml": c.versie.yaml}), "regio": regio,
            "fouten": fouten, "versie": c.versie, "import_form": form}, status=400)
    return redirect("regiovisie:overzicht", regio=regio)


@require_safe
def export_yaml(request: HttpRequest, regio: str) -> HttpResponse:
    c = _context(request, regio)
    if c.gemeenten is not None:  # the YAML holds every gemeente's lights and explanations
        raise deny(request, f"regiovisie:{regio}:export")
    record(request, Actie.DOWNLOAD, f"regiovisie:{regio}:v{c.versie.versie}:yaml")
    response = HttpResponse(c.versie.yaml, content_type="application/yaml; charset=utf-8")
    name = f"regiovisie-{regio}-v{c.versie.versie}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def versions(request: HttpRequest, regio: str) -> HttpResponse:
    c = _context(request, regio)
    periode = request.GET.get("periode") or None
    record(request, Actie.PAGINA, f"regiovisie:{regio}:versies")
    return render(request, "regiovisie/versies.html", {
        "regio": regio, "versies": store.history(regio, periode), "periode": periode,
        "perioden": c.regiovisie.perioden})


@require_safe
def report(request: HttpRequest, regio: str, formaat: str) -> FileResponse:
    if formaat not in FORMATS:
        raise Http404("formaat")
    c = _context(request, regio)
    periode = _period(request, c.regiovisie)
    from pathlib import Path

    from ketenmonitor.reports.stoplicht import render_stoplicht_report

    pub_id = c.publication.publication_id if c.publication else "zonder-publicatie"
    # the content hash keeps a cached file from outliving its text; the scope keeps one reader's
    # file from being served to a reader with another gemeente scope
    digest = hashlib.sha256(c.versie.yaml.encode()).hexdigest()[:12]
    name = f"v{c.versie.versie}-{digest}-{periode}-{pub_id}-{scope_key(c.gemeenten)}"
    folder = Path(settings.CONFIG.data_dir) / "stoplicht" / regio / name
    existing = sorted(folder.glob(f"*.{formaat}")) if folder.is_dir() else []
    if existing:
        path = existing[0]
    else:
        evaluated = c.evaluate(periode)
        path = render_stoplicht_report(evaluated, folder, publication=c.publication,
                                       formats=(formaat,))[formaat]
    record(request, Actie.DOWNLOAD, f"stoplicht:{regio}:v{c.versie.versie}:{periode}:{formaat}")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name,
                        content_type=FORMATS[formaat])
