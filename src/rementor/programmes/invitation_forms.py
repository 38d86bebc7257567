from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.people.forms.directory import DirectoryFilterForm
from rementor.people.models import Person
from rementor.people.queries import still_in_company
from rementor.programmes.invitations import resolve_people_list
from rementor.programmes.models import Role


class InviteFilterForm(DirectoryFilterForm):
    """The directory's filters, plus the job title (to pick seniors by title)."""

    title = forms.CharField(label=_("Job title contains"), required=False, max_length=100)

    def __init__(self, *args, sites: list[str], **kwargs) -> None:
        super().__init__(*args, sites=sites, **kwargs)
        self.fields["q"].label = _("Name or e-mail")
        self.fields["title"].widget.attrs.setdefault("class", "form-control")


class InviteForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Invite as"), choices=Role.choices, initial=Role.MENTEE)
    person = forms.ModelMultipleChoiceField(
        queryset=still_in_company(Person.objects.all(), person=""),
        required=False,
        widget=forms.MultipleHiddenInput,
    )
    people_list = forms.CharField(
        label=_("Or paste a list"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E-mail addresses or employee IDs, one per line (or separated by commas)."),
    )

    open_recruiting = forms.BooleanField(
        label=_("Open recruiting now, and send the invitations"),
        required=False,
        help_text=_(
            "The programme moves from “Draft” to “Recruiting”: invited mentors can apply and "
            "invited mentees can give their needs; if applications are open to everyone, "
            "every employee sees “Become a mentor”."
        ),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        listed, unknown = resolve_people_list(cleaned.get("people_list", ""))
        if unknown:
            self.add_error(
                "people_list",
                _("Nobody in the directory matches: %(entries)s. Correct or remove them.")
                % {"entries": ", ".join(unknown[:20]) + ("…" if len(unknown) > 20 else "")},
            )
        chosen = list(cleaned.get("person") or [])
        people = chosen + [p for p in listed if p not in chosen]
        if not people and not self.errors:
            raise forms.ValidationError(_("Tick at least one person or paste a list."))
        cleaned["people"] = people
        return cleaned
