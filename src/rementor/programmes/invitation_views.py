from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.core.auth_forms import password_sign_in_allowed
from rementor.core.forms import StyledFormMixin
from rementor.core.links import site_root
from rementor.people import queries as people_queries
from rementor.people.models import User
from rementor.programmes.access import programme_for
from rementor.programmes.invitation_forms import InviteFilterForm, InviteForm
from rementor.programmes.invitations import DRAFT_REFUSED, invitation_blocker, invite_people
from rementor.programmes.models import Programme, ProgrammeStatus, Role

CANDIDATES_SHOWN = 200


def _candidates(programme: Programme, filters: dict):
    department = filters.get("department")
    people = people_queries.directory(
        search=filters.get("q", ""),
        department_id=department.pk if department else None,
        site=filters.get("site", ""),
    ).exclude(enrollments__programme=programme)
    if filters.get("title"):
        people = people.filter(job_title__icontains=filters["title"])
    return people


def invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite people as mentees or mentors: pick them from the directory or paste a list."""
    programme = programme_for(request, slug, "programmes.invite_people")
    filters = InviteFilterForm(request.GET or None, sites=people_queries.sites())
    chosen_filters = filters.cleaned_data if filters.is_valid() else {}
    candidates = _candidates(programme, chosen_filters)
    total = candidates.count()
    form = InviteForm(request.POST or None, initial={"role": request.GET.get("role", "mentee")})
    was_draft = programme.status == ProgrammeStatus.DRAFT
    if request.method == "POST" and form.is_valid():
        try:
            report = invite_people(
                programme=programme,
                people=form.cleaned_data["people"],
                role=form.cleaned_data["role"],
                by=request.user,
                base_url=site_root(request),
                open_recruiting=form.cleaned_data["open_recruiting"],
            )
        except ValidationError as error:
            if error.code == DRAFT_REFUSED:
                form.add_error("open_recruiting", error)
            else:
                form.add_error(None, error)
        else:
            if was_draft:
                messages.info(
                    request,
                    _("The programme is now “%(status)s”.")
                    % {"status": ProgrammeStatus.RECRUITING.label},
                )
            _report(request, report)
            return redirect("programmes:detail", slug=programme.slug)
    checked = {str(pk) for pk in request.POST.getlist("person")}
    return render(
        request,
        "programmes/invite.html",
        {
            "programme": programme,
            "filters": filters,
            "form": form,
            "candidates": candidates[:CANDIDATES_SHOWN],
            "total": total,
            "shown": min(total, CANDIDATES_SHOWN),
            "checked": checked,
            "is_draft": programme.status == ProgrammeStatus.DRAFT,
            "blockers": {
                role: invitation_blocker(programme=programme, role=role) for role in Role.values
            },
        },
    )


def _report(request: HttpRequest, report) -> None:
    if report.invited:
        count = len(report.invited)
        messages.success(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", count)
            % {"count": count},
        )
    if report.already_enrolled:
        messages.info(
            request,
            _("Already in the programme, left as they were: %(names)s.")
            % {"names": ", ".join(p.full_name for p in report.already_enrolled)},
        )
    if report.other_role:
        messages.warning(
            request,
            _("Already in the programme with the other role, not invited: %(names)s.")
            % {"names": ", ".join(p.full_name for p in report.other_role)},
        )
    if report.without_email:
        messages.warning(
            request,
            _("No work e-mail address, so not invited: %(names)s. Add it in the HRIS import.")
            % {"names": ", ".join(p.full_name for p in report.without_email)},
        )
    if report.left_company:
        messages.warning(
            request,
            _("Left the company, so not invited: %(names)s.")
            % {"names": ", ".join(p.full_name for p in report.left_company)},
        )
    if not (report.invited or report.already_enrolled or report.other_role):
        messages.warning(request, _("Nobody was invited."))


class _PasswordForm(StyledFormMixin, SetPasswordForm):
    pass


@login_not_required
def join(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The invitation link: choose a password once, then land on one's programme."""
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()), is_active=True)
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "programmes/join_invalid.html", status=200)
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    if not password_sign_in_allowed(user):
        # The company signs its participants in (single sign-on): no password to choose, the
        # sign-in page and its company button instead.
        return redirect(f"{reverse('login')}?{urlencode({'next': target})}")
    form = _PasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[-1])
        messages.success(request, _("Welcome to Rementor! Your password is set."))
        return redirect(target)
    return render(request, "programmes/join.html", {"form": form, "invited_user": user})
