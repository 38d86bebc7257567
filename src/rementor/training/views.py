"""Training pages: "My training" and a module for participants; modules, completion and
reminders for programme managers. Thin: access, forms, then the domain (``domain.py``) and
the read side (``queries.py``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.core.access import check_object_perm
from rementor.core.lists import page_of, paginate
from rementor.programmes.access import programme_for
from rementor.programmes.models import Enrollment, Programme, Role
from rementor.training import domain, queries
from rementor.training.forms import ModuleForm, QuestionFormSet, QuizForm, question_initial
from rementor.training.markdown import render_markdown
from rementor.training.models import TrainingCompletion, TrainingModule

# Per role: at 50,000 people the page shows a slice of each list, those not finished first.
TRAINEES_PER_PAGE = 50


def _my_enrollment(request: HttpRequest, programme: Programme) -> Enrollment | None:
    if request.user.person_id is None:
        return None
    return (
        Enrollment.objects.select_related("programme")
        .filter(programme=programme, person_id=request.user.person_id)
        .first()
    )


def my_training(request: HttpRequest, slug: str) -> HttpResponse:
    """The modules of the participant's role, with what is done and what is left."""
    programme = programme_for(request, slug, "programmes.view_programme")
    enrollment = _my_enrollment(request, programme)
    if enrollment is None:  # a manager who does not take part: their page is the other one
        return redirect("training:manage", slug=programme.slug)
    modules = list(queries.modules_for(enrollment))
    done = {
        c.module_id: c
        for c in TrainingCompletion.objects.filter(enrollment=enrollment, module__in=modules)
    }
    rows = [(module, done.get(module.pk)) for module in modules]
    return render(
        request,
        "training/my_training.html",
        {
            "programme": programme,
            "enrollment": enrollment,
            "rows": rows,
            "done_count": len(done),
            "minutes_left": sum(m.duration_minutes for m in modules if m.pk not in done),
        },
    )


def _module_for_participant(
    request: HttpRequest, pk: int
) -> tuple[TrainingModule, Enrollment | None]:
    module = get_object_or_404(TrainingModule.objects.select_related("programme"), pk=pk)
    programme = module.programme
    check_object_perm(
        request, "programmes.view_programme", programme, know_perm="programmes.know_programme"
    )
    enrollment = _my_enrollment(request, programme)
    if enrollment is None:
        return module, None  # a manager reading the module
    if not module.is_published:
        raise Http404
    if module.audience not in queries.audiences_for(enrollment.role):
        raise PermissionDenied
    return module, enrollment


def module_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Read a module, answer its quiz if any (all answers right to pass), mark it completed."""
    module, enrollment = _module_for_participant(request, pk)
    if enrollment is None and request.method == "POST":
        raise PermissionDenied
    questions = list(module.questions.all())
    completion = (
        TrainingCompletion.objects.filter(module=module, enrollment=enrollment).first()
        if enrollment
        else None
    )
    form = QuizForm(request.POST if request.method == "POST" else None, questions=questions)
    wrong: list[int] = []
    if request.method == "POST" and completion is None and form.is_valid():
        answers = form.answers()
        wrong = domain.wrong_answers(module=module, answers=answers)
        if not wrong:
            try:
                domain.complete_module(module=module, enrollment=enrollment, answers=answers)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("“%(title)s” is completed. Well done!") % {"title": module.title}
                )
                return redirect("training:my_training", slug=module.programme.slug)
    elif request.method == "POST" and completion is not None:
        return redirect("training:my_training", slug=module.programme.slug)
    fields = [(q, form[f"q{q.pk}"], q.pk in wrong) for q in questions]
    return render(
        request,
        "training/module.html",
        {
            "programme": module.programme,
            "module": module,
            "body": render_markdown(module.body),
            "form": form,
            "fields": fields,
            "wrong_count": len(wrong),
            "completion": completion,
            "enrollment": enrollment,
        },
    )


def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """For managers: the programme's modules and who has not finished their training, one
    page of each role at a time (the same few queries at 50 people or 50,000)."""
    programme = programme_for(request, slug, "programmes.change_programme")
    modules = list(programme.training_modules.all())
    counts = queries.module_completion_counts(programme)
    finished = queries.finished_condition([programme.pk])
    # The people the reminder goes to, as the managers' home counts them.
    behind = queries.not_finished_people(
        Enrollment.objects.filter(programme=programme), finished=finished
    ).count()
    # "?show=not_finished": only the people the managers' home counts as not finished.
    only_not_finished = request.GET.get("show") == queries.NOT_FINISHED
    sections = []
    for role, title, label in (
        (Role.MENTEE, _("Mentees"), _("Pages of mentees")),
        (Role.MENTOR, _("Mentors"), _("Pages of mentors")),
    ):
        people = queries.trainees(
            programme=programme, role=role, finished=finished, only_not_finished=only_not_finished
        )
        keys = people.values_list("pk", flat=True)
        pages = paginate(request, keys, per_page=TRAINEES_PER_PAGE, param=f"{role}_page")
        shown = page_of(people, pages["page"].object_list)
        sections.append({"role": role, "title": title, "label": label, "shown": shown, **pages})
    # The modules left of the people shown: two queries for both pages.
    everyone_shown = [e for section in sections for e in section["shown"]]
    progress = {p.enrollment.pk: p for p in queries.progress_of(everyone_shown, programme)}
    for section in sections:
        section["rows"] = [progress[e.pk] for e in section.pop("shown")]
    return render(
        request,
        "training/manage.html",
        {
            "programme": programme,
            "modules": [(m, counts.get(m.pk, 0)) for m in modules],
            "sections": sections,
            "behind": behind,
            "only_not_finished": only_not_finished,
            "not_finished": queries.NOT_FINISHED,
        },
    )


def _module_form_page(request, programme, module) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = ModuleForm(data, instance=module)
    questions = QuestionFormSet(data, initial=question_initial(module), prefix="quiz")
    preview = None
    if data is not None and form.is_valid() and questions.is_valid():
        quiz = [q for q in (f.question() for f in questions.forms) if q is not None]
        if "preview" in request.POST:
            preview = {
                "fr": render_markdown(form.cleaned_data["body_fr"]),
                "en": render_markdown(form.cleaned_data["body_en"]),
            }
        else:
            fields = {name: form.cleaned_data[name] for name in ModuleForm.Meta.fields}
            try:
                if module is None:
                    module = domain.create_module(
                        programme=programme, by=request.user, questions=quiz, **fields
                    )
                else:
                    domain.update_module(module=module, by=request.user, questions=quiz, **fields)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Module “%(title)s” saved.") % {"title": module})
                return redirect("training:manage", slug=programme.slug)
    return render(
        request,
        "training/module_form.html",
        {
            "programme": programme,
            "module": module,
            "form": form,
            "questions": questions,
            "preview": preview,
        },
    )


def module_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.change_programme")
    return _module_form_page(request, programme, None)


def _module_for_manager(request: HttpRequest, pk: int) -> TrainingModule:
    module = get_object_or_404(TrainingModule.objects.select_related("programme"), pk=pk)
    check_object_perm(
        request, "programmes.change_programme", module.programme,
        know_perm="programmes.know_programme",
    )  # fmt: skip
    return module


def module_edit(request: HttpRequest, pk: int) -> HttpResponse:
    module = _module_for_manager(request, pk)
    return _module_form_page(request, module.programme, module)


@require_POST
def module_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish (``publish=1``) or unpublish (``publish=0``) a module."""
    module = _module_for_manager(request, pk)
    published = request.POST.get("publish") == "1"
    domain.set_module_published(module=module, published=published, by=request.user)
    if published:
        messages.success(request, _("“%(title)s” is published.") % {"title": module})
    else:
        messages.success(
            request, _("“%(title)s” is unpublished: participants no longer see it.")
            % {"title": module},
        )  # fmt: skip
    return redirect("training:manage", slug=module.programme.slug)
