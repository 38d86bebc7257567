"""Forms of feedback: the pulse after a session, the mid-term and final check-ins (with the
mentee's final self-assessment). The domain (``feedback.py``) decides who may answer when."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.skills.assessment_forms import SelfAssessmentForm

ONE_TO_FIVE = [(n, str(n)) for n in range(1, 6)]
ZERO_TO_TEN = [(n, str(n)) for n in range(11)]


def _one_to_five(label) -> forms.TypedChoiceField:
    """A required 1-5 scale answered with a row of radio buttons."""
    return forms.TypedChoiceField(
        label=label, choices=ONE_TO_FIVE, coerce=int, widget=forms.RadioSelect
    )


class PulseForm(StyledFormMixin, forms.Form):
    usefulness = _one_to_five(_("How useful was this session? (1: not at all, 5: very)"))
    comfort = _one_to_five(_("How comfortable did you feel? (1: not at all, 5: completely)"))
    comment = forms.CharField(label=_("One sentence (optional)"), max_length=280, required=False)
    comment_shared = forms.BooleanField(
        label=_("Share this comment with the programme team"),
        required=False,
        help_text=_(
            "Unticked, only you can read your comment. Ticked, the programme managers can read "
            "it too, in the pair's page and their exports. Your partner never sees it."
        ),
    )


class CheckInForm(StyledFormMixin, forms.Form):
    progress = _one_to_five(_("Progress on my objectives (1-5)"))
    relationship = _one_to_five(_("Quality of our relationship (1-5)"))
    pace = _one_to_five(_("The pace suits me (1-5)"))
    recommend = forms.TypedChoiceField(
        label=_("Would you recommend the programme to a colleague? (0-10)"),
        choices=ZERO_TO_TEN,
        coerce=int,
    )
    highlight = forms.CharField(
        label=_("What worked best"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    improve = forms.CharField(
        label=_("What should change"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, both_directions: bool = False, **kwargs) -> None:
        """``both_directions``: the final check-in of a pair that had a reciprocal phase asks
        about each direction (the reverse phase's objectives, what the swap brought)."""
        super().__init__(*args, **kwargs)
        if both_directions:
            self.fields["progress"].label = _(
                "Progress on the objectives of reverse mentoring (1-5)"
            )
            self.fields["reciprocal_progress"] = _one_to_five(
                _("What the reciprocal phase, roles swapped, brought me (1-5)")
            )
            self.order_fields(["progress", "reciprocal_progress"])


class FinalSelfAssessmentForm(SelfAssessmentForm):
    """The baseline form, re-measured at the end. Unlike the baseline, reaching every target
    is a fine answer: only a target below the current level is refused."""

    def clean(self) -> dict:
        cleaned = forms.Form.clean(self)
        for skill in self.skills:
            level = cleaned.get(f"level_{skill.pk}")
            target = cleaned.get(f"target_{skill.pk}")
            if level is not None and target is not None and target < level:
                self.add_error(
                    f"target_{skill.pk}",
                    _("%(skill)s: the target cannot be below your current level (%(level)s).")
                    % {"skill": skill.name, "level": level},
                )
        return cleaned
