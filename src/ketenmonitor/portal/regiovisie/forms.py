# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenmonitor.regiovisie import Kleur
from ketenmonitor.regiovisie.model import MIN_REASON, Uitleg
from ketenmonitor.regiovisie.yaml_io import MAX_YAML_BYTES

TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
KLEUREN = [(Kleur.GROEN.value, _("Groen")), (Kleur.ORANJE.value, _("Oranje")),
           (Kleur.ROOD.value, _("Rood"))]


class LightForm(forms.Form):
    """A judged light (colour + explanation), or the override of a computed light (+ reason)."""

    kleur = forms.ChoiceField(label=_("Kleur"), choices=KLEUREN, widget=forms.RadioSelect)
    oorzaak = forms.CharField(label=_("Oorzaak"), required=False, widget=forms.Textarea(TEXTAREA))
    gevolg = forms.CharField(label=_("Gevolg"), required=False, widget=forms.Textarea(TEXTAREA))
    bijsturing = forms.CharField(label=_("Bijsturing"), required=False,
                                 widget=forms.Textarea(TEXTAREA))
    reden = forms.CharField(
        label=_("Reden om de berekende kleur te overschrijven"), required=False,
        widget=forms.Textarea(TEXTAREA),
    )

    def __init__(self, *args: Any, computed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.computed = computed
        if not computed:
            del self.fields["reden"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kleur = Kleur(data.get("kleur") or Kleur.GROEN.value)
        parts = [str(data.get(k) or "").strip() for k in ("oorzaak", "gevolg", "bijsturing")]
        if kleur.needs_explanation and not all(parts):
            # Next to each empty field, so a screen reader and the eye find what is missing.
            for name, part in zip(("oorzaak", "gevolg", "bijsturing"), parts, strict=True):
                if not part:
                    self.add_error(name, _("Een oranje of rood licht heeft een uitleg nodig: "
                                           "vul {veld} in.").format(veld=name))
        if self.computed and len(str(data.get("reden") or "").strip()) < MIN_REASON:
            self.add_error("reden", _("Schrijf op waarom de berekende kleur niet klopt (minstens "
                                      "{n} tekens).").format(n=MIN_REASON))
        data["uitleg"] = Uitleg(oorzaak=parts[0], gevolg=parts[1], bijsturing=parts[2]) \
            if all(parts) else None
        data["kleur_enum"] = kleur
        return data


class YamlForm(forms.Form):
    yaml = forms.CharField(label=_("Regiovisie (YAML)"), widget=forms.Textarea(
        {"class": "utrecht-textarea utrecht-textarea--html-textarea km-yaml", "rows": 30,
         "spellcheck": "false"}))
    omschrijving = forms.CharField(label=_("Wat heeft u gewijzigd?"), max_length=300,
                                   widget=forms.TextInput(
                                       {"class": "utrecht-textbox utrecht-textbox--html-input"}))


class ImportForm(forms.Form):
    bestand = forms.FileField(label=_("YAML-bestand"))

    def clean_bestand(self) -> Any:
        upload = self.cleaned_data["bestand"]
        if upload.size > MAX_YAML_BYTES:
            raise forms.ValidationError(_("Het bestand is te groot ({kb} kB, hoogstens {max} kB).")
                                        .format(kb=upload.size // 1024,
                                                max=MAX_YAML_BYTES // 1024))
        return upload
