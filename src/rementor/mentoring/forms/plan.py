"""The session plan's editors: the programme's plan and agenda library (managers) and a
pair's own plan (its members). Each is a formset — add a row, edit, reorder by number,
remove — saved all at once by the domain (``mentoring.plan``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.mentoring.models.plan import AGENDA_MAX_LENGTH, THEME_MAX_LENGTH
from rementor.mentoring.plan import MAX_STEPS


def _agenda(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=AGENDA_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _theme(label, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=THEME_MAX_LENGTH)


class _Row(StyledFormMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    THEMES: tuple[str, ...] = ("theme_fr", "theme_en")

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.has_changed() and not any(cleaned.get(n) for n in self._themes_given()):
            self.add_error(
                self.THEMES[0], _("Give this session a theme (or tick “Delete” to drop it).")
            )
        return cleaned

    def _themes_given(self) -> tuple[str, ...]:
        return self.THEMES


class PlanStepForm(_Row):
    topic = forms.TypedChoiceField(
        label=_("Take a theme from the library"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Its texts fill the fields left empty."),
    )
    theme_fr = _theme(_("Theme (French)"))
    theme_en = _theme(_("Theme (English)"))
    agenda_fr = _agenda(_("Suggested agenda (French)"))
    agenda_en = _agenda(_("Suggested agenda (English)"))

    def __init__(self, *args, topics=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "—")] + [(t.pk, str(t)) for t in topics]

    def _themes_given(self) -> tuple[str, ...]:
        return (*self.THEMES, "topic")


class LibraryTopicForm(_Row):
    skill = forms.TypedChoiceField(
        label=_("Skill in focus"), required=False, coerce=int, empty_value=None
    )
    theme_fr = _theme(_("Theme (French)"))
    theme_en = _theme(_("Theme (English)"))
    agenda_fr = _agenda(_("Suggested agenda (French)"))
    agenda_en = _agenda(_("Suggested agenda (English)"))

    def __init__(self, *args, skills=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", "—")] + [(s.pk, s.name) for s in skills]


class PairStepForm(_Row):
    THEMES = ("theme",)
    theme = _theme(_("Theme"))
    agenda = _agenda(_("Suggested agenda"))


class _Rows(forms.BaseFormSet):
    """Rows whose "Order" and "Delete" fields (added by the formset) look like the others."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].widget.attrs.update({"class": "form-control", "min": 1})
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"


def _formset(form_class):
    return forms.formset_factory(
        form_class,
        formset=_Rows,
        extra=1,
        can_order=True,
        can_delete=True,
        max_num=MAX_STEPS,
        validate_max=True,
        absolute_max=MAX_STEPS + 10,
    )


PlanFormSet = _formset(PlanStepForm)
LibraryFormSet = _formset(LibraryTopicForm)
PairPlanFormSet = _formset(PairStepForm)


def rows_of(formset) -> list[dict]:
    """The kept rows of a valid formset, in the order the person gave."""
    return [form.cleaned_data for form in formset.ordered_forms]


def error_messages(error: ValidationError) -> list[str]:
    """A domain refusal as sentences for the top of the page (the typed rows stay)."""
    return list(error.messages)
