# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenmonitor.portal.dashboards.models import Toelichting


class ToelichtingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Toelichting
        fields = ("periode", "tekst")
        labels: ClassVar[dict[str, Any]] = {"periode": _("Periode"), "tekst": _("Toelichting")}
        help_texts: ClassVar[dict[str, Any]] = {
            "tekst": _("Leg uit wat achter dit cijfer zit, bijvoorbeeld een registratiewijziging. "
                       "Schrijf geen gegevens over personen of casussen."),
        }
        widgets: ClassVar[dict[str, Any]] = {
            "periode": forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
            "tekst": forms.Textarea(attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea",
                                           "rows": 4, "maxlength": 4000}),
        }

    def __init__(self, *args: object, periods: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["periode"].widget.choices = periods
        self.allowed_periods = {code for code, _label in periods}

    def clean_periode(self) -> str:
        value = str(self.cleaned_data["periode"])
        if value not in self.allowed_periods:
            raise forms.ValidationError(_("Kies een periode uit de publicatie."))
        return value

    def clean_tekst(self) -> str:
        value = str(self.cleaned_data["tekst"]).strip()
        if len(value) < 10:
            raise forms.ValidationError(_("Schrijf een toelichting van minstens 10 tekens."))
        return value
