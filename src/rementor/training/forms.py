"""Forms of training: a module and its quiz (managers), a quiz (participants)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rementor.core.forms import StyledFormMixin
from rementor.training.domain import MODULE_FIELDS, QuestionInput
from rementor.training.models import TrainingModule


class ModuleForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = TrainingModule
        fields = list(MODULE_FIELDS)
        widgets = {
            "body_fr": forms.Textarea(attrs={"rows": 12}),
            "body_en": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "body_fr": _("Markdown: # headings, **bold**, - lists, [links](https://…)."),
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class QuestionForm(StyledFormMixin, forms.Form):
    """One quiz question; a form left empty is no question."""

    text_fr = forms.CharField(label=_("question (French)"), max_length=300, required=False)
    text_en = forms.CharField(label=_("question (English)"), max_length=300, required=False)
    options_fr = forms.CharField(
        label=_("options (French), one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    options_en = forms.CharField(
        label=_("options (English), one per line, in the same order"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    correct = forms.IntegerField(
        label=_("number of the correct option (1 for the first)"), min_value=1, required=False
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("text_fr", "text_en", "options_fr", "options_en")):
            return data
        for name in ("text_fr", "text_en", "options_fr", "options_en", "correct"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Fill this in too, or empty the whole question."))
        fr, en = _lines(data.get("options_fr") or ""), _lines(data.get("options_en") or "")
        if fr and en and len(fr) != len(en):
            self.add_error("options_en", _("Give as many options in English as in French."))
        elif fr and len(fr) < 2:
            self.add_error("options_fr", _("Give at least two options."))
        correct = data.get("correct")
        if correct and fr and correct > len(fr):
            self.add_error(
                "correct",
                ngettext("There is only %(n)s option.", "There are only %(n)s options.", len(fr))
                % {"n": len(fr)},
            )
        return data

    def question(self) -> QuestionInput | None:
        data = self.cleaned_data
        if not data or not data.get("text_fr"):
            return None
        return QuestionInput(
            text_fr=data["text_fr"],
            text_en=data["text_en"],
            options_fr=_lines(data["options_fr"]),
            options_en=_lines(data["options_en"]),
            correct_index=data["correct"] - 1,
        )


QuestionFormSet = forms.formset_factory(QuestionForm, extra=1, max_num=10)


def question_initial(module: TrainingModule | None) -> list[dict]:
    if module is None:
        return []
    return [
        {
            "text_fr": q.text_fr,
            "text_en": q.text_en,
            "options_fr": "\n".join(q.options_fr),
            "options_en": "\n".join(q.options_en),
            "correct": q.correct_index + 1,
        }
        for q in module.questions.all()
    ]


class QuizForm(forms.Form):
    """The participant's answers: one radio group per question."""

    def __init__(self, *args, questions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                label=q.text,
                choices=list(enumerate(q.options)),
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Choose an answer.")},
            )

    def answers(self) -> dict[int, int | None]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
