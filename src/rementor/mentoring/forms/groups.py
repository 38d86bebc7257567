"""Forms of mentoring groups: forming one (a name, the pairs), adding a pair, the shared
group note, planning a group session. The domain (``groups``, ``group_sessions``) decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.mentoring.forms.sessions import SessionForm
from rementor.mentoring.models.groups import (
    GROUP_NAME_MAX_LENGTH,
    GROUP_NOTE_MAX_LENGTH,
    GROUP_OBJECTIVE_MAX_LENGTH,
)


class PairChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, pair) -> str:
        return f"{pair.mentor.person.full_name} — {pair.mentee.person.full_name}"


class GroupForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=GROUP_NAME_MAX_LENGTH, required=False)
    pairs = PairChoiceField(
        label=_("Pairs"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Two or more active pairs of the same mentor (mentor — mentee)."),
    )

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pairs"].queryset = candidates


class AddPairForm(StyledFormMixin, forms.Form):
    pair = forms.ModelChoiceField(label=_("Pair"), queryset=None)

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pair"].queryset = candidates
        self.fields["pair"].label_from_instance = lambda pair: pair.mentee.person.full_name


class GroupNoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Shared group note"),
        max_length=GROUP_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Every member of the group reads it; the programme team does not."),
    )


class GroupObjectiveForm(StyledFormMixin, forms.Form):
    title = forms.CharField(
        label=_("A group objective"),
        max_length=GROUP_OBJECTIVE_MAX_LENGTH,
        help_text=_("What the whole group works towards; every member sees it."),
    )


class GroupSessionForm(SessionForm):
    """A session form whose agenda every member of the group reads."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda"].help_text = _(
            "Every member of the group sees it; it is not copied into the invitation."
        )
