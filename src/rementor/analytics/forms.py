"""The analytics pages' filters (GET): the heat map's site, the dashboard's department and
site. Unknown choices are ignored, not errors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SiteFilterForm(forms.Form):
    """The heat map's site filter; the choices are the sites that have answers."""

    site = forms.ChoiceField(
        label=_("Site"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, sites: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", _("All sites")), *((s, s) for s in sites)]

    def chosen_site(self) -> str | None:
        """The site to filter on, or None (no filter, or a site that has no answers)."""
        return (self.cleaned_data.get("site") or None) if self.is_valid() else None


class DashboardFilterForm(forms.Form):
    """The manager dashboard's filters: a department and a site, both optional."""

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
