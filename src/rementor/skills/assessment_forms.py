"""The self-assessment form: one row per skill of the programme (level, target, priority)."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.core.forms import StyledFormMixin
from rementor.skills.domain import ItemInput
from rementor.skills.levels import level_choices
from rementor.skills.models import Assessment, Skill

PRIORITY_CHOICES = [
    (0, pgettext_lazy("priority", "Not a priority")),
    (1, pgettext_lazy("priority", "Nice to have")),
    (2, pgettext_lazy("priority", "Important")),
    (3, pgettext_lazy("priority", "Essential")),
]


class SelfAssessmentForm(StyledFormMixin, forms.Form):
    wishes = forms.CharField(
        label=_("What I want to be able to do"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: “post on LinkedIn about our projects every week”."),
    )

    def __init__(
        self, *args, skills: Iterable[Skill], assessment: Assessment | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.skills = list(skills)
        existing = {item.skill_id: item for item in assessment.items.all()} if assessment else {}
        if assessment is not None:
            self.fields["wishes"].initial = assessment.wishes
        levels = level_choices()
        for skill in self.skills:
            item = existing.get(skill.pk)
            level = item.level if item else 0
            self.fields[f"level_{skill.pk}"] = forms.TypedChoiceField(
                label=_("Current level in %(skill)s") % {"skill": skill.name},
                choices=levels,
                coerce=int,
                initial=level,
            )
            self.fields[f"target_{skill.pk}"] = forms.TypedChoiceField(
                label=_("Target level in %(skill)s") % {"skill": skill.name},
                choices=levels,
                coerce=int,
                initial=item.target if item and item.target is not None else level,
            )
            self.fields[f"priority_{skill.pk}"] = forms.TypedChoiceField(
                label=_("Priority of %(skill)s") % {"skill": skill.name},
                choices=PRIORITY_CHOICES,
                coerce=int,
                initial=item.priority if item else 0,
            )
        self._style_fields()

    def _style_fields(self) -> None:
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"

    def clean(self) -> dict:
        cleaned = super().clean()
        wants_progress = False
        for skill in self.skills:
            level = cleaned.get(f"level_{skill.pk}")
            target = cleaned.get(f"target_{skill.pk}")
            priority = cleaned.get(f"priority_{skill.pk}")
            if level is None or target is None:
                continue
            if target < level:
                self.add_error(
                    f"target_{skill.pk}",
                    _("%(skill)s: the target cannot be below your current level (%(level)s).")
                    % {"skill": skill.name, "level": level},
                )
            elif target > level and priority:
                wants_progress = True
        if not wants_progress and not self.errors:
            raise forms.ValidationError(
                _(
                    "Choose at least one skill to progress on: a target above your current "
                    "level and a priority other than “Not a priority”."
                )
            )
        return cleaned

    def rows(self) -> list[dict]:
        """Rows grouped by category, for the template."""
        groups: list[dict] = []
        for skill in self.skills:
            if not groups or groups[-1]["category"] != skill.category:
                groups.append({"category": skill.category, "skills": []})
            groups[-1]["skills"].append(
                {
                    "skill": skill,
                    "level": self[f"level_{skill.pk}"],
                    "target": self[f"target_{skill.pk}"],
                    "priority": self[f"priority_{skill.pk}"],
                }
            )
        return groups

    def items(self) -> list[ItemInput]:
        return [
            ItemInput(
                skill_id=skill.pk,
                level=self.cleaned_data[f"level_{skill.pk}"],
                target=self.cleaned_data[f"target_{skill.pk}"],
                priority=self.cleaned_data[f"priority_{skill.pk}"],
            )
            for skill in self.skills
        ]
