"""The directory's filters: a search, a department, a site and who left."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.core.lists import FilterFormMixin
from rementor.people.models import Department


class DirectoryFilterForm(FilterFormMixin, StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("All departments"),
    )
    site = forms.ChoiceField(label=_("Site"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active")), ("inactive", _("Inactive (left)")), ("all", _("All"))],
    )

    def __init__(self, *args, sites: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", _("All sites")), *[(s, s) for s in sites]]
