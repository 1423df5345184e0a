# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ketenmonitor.portal.accounts.models import Gebruiker
from ketenmonitor.portal.accounts.roles import ROLE_LABELS, Rol, is_gemeente_code

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}


class DevelopmentLoginForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(TEXT | {"autocomplete": "username"})
        self.fields["password"].widget.attrs.update(TEXT | {"autocomplete": "current-password"})


class GebruikerAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """Roles as checkboxes and the scope as text, for the Django admin."""

    rollen = forms.MultipleChoiceField(
        label=_("rollen"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(r.value, ROLE_LABELS[r]) for r in Rol],
    )
    scope = forms.CharField(
        label=_("gemeenten en regio's"), required=False,
        help_text=_("Codes gescheiden door spaties, bijvoorbeeld: GM0503 GM0518 haaglanden"),
    )

    class Meta:
        model = Gebruiker
        fields = "__all__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["scope"] = " ".join(self.instance.scope or [])

    def clean_scope(self) -> list[str]:
        codes = str(self.cleaned_data.get("scope") or "").replace(",", " ").split()
        return [c.upper() if is_gemeente_code(c) else c.lower() for c in codes]
