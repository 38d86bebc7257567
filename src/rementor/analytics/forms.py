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
