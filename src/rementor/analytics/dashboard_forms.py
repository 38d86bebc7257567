"""The manager dashboard's filters: a department and a site, both optional (GET)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DashboardFilterForm(forms.Form):
    department = forms.TypedChoiceField(
        label=_("Department"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    site = forms.ChoiceField(
        label=_("Site"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, departments: list[tuple[int, str]], sites: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("All departments")), *departments]
        self.fields["site"].choices = [("", _("All sites")), *((s, s) for s in sites)]

    def chosen(self) -> tuple[int | None, str]:
        """(department id or None, site or ""); unknown choices are ignored, not errors."""
        if not self.is_bound:
            return None, ""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("department"), data.get("site") or ""
