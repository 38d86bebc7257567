from django import forms

from rementor.core.forms import StyledFormMixin
from rementor.skills.models import Skill, SkillCategory


class SkillCategoryForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = SkillCategory
        fields = ["code", "name_fr", "name_en", "description_fr", "description_en", "position"]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }


class SkillForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Skill
        fields = [
            "category",
            "code",
            "name_fr",
            "name_en",
            "description_fr",
            "description_en",
            "position",
            "is_active",
        ]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Assessments and matching instances refer to skills by code.
            self.fields["code"].disabled = True
