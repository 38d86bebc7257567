from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from rementor.core.access import require_perm
from rementor.skills import domain
from rementor.skills.forms import SkillCategoryForm, SkillForm
from rementor.skills.levels import level_scale
from rementor.skills.models import Skill, SkillCategory


@require_perm("skills.change_taxonomy")
def taxonomy(request: HttpRequest) -> HttpResponse:
    categories = SkillCategory.objects.prefetch_related(
        Prefetch("skills", queryset=Skill.objects.order_by("position", "code"))
    )
    return render(
        request, "skills/taxonomy.html", {"categories": categories, "levels": level_scale()}
    )


def _edit(request: HttpRequest, form_class, instance, title: str) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        domain.save_taxonomy_entry(form=form, by=request.user)
        messages.success(request, _("Taxonomy saved."))
        return redirect("skills:taxonomy")
    return render(request, "skills/entry_form.html", {"form": form, "title": title})


@require_perm("skills.change_taxonomy")
def category_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, SkillCategoryForm, None, _("New skill category"))


@require_perm("skills.change_taxonomy")
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    category = get_object_or_404(SkillCategory, pk=pk)
    return _edit(request, SkillCategoryForm, category, _("Edit skill category"))


@require_perm("skills.change_taxonomy")
def skill_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, SkillForm, None, _("New skill"))


@require_perm("skills.change_taxonomy")
def skill_edit(request: HttpRequest, pk: int) -> HttpResponse:
    skill = get_object_or_404(Skill, pk=pk)
    return _edit(request, SkillForm, skill, _("Edit skill"))
