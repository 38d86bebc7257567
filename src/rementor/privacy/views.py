"""The account page, “My data”, erasure requests and their review, the privacy notice."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rementor.audit.events import Event, record
from rementor.core.access import require_perm
from rementor.core.links import site_root
from rementor.core.security import rate_limited
from rementor.privacy import erasure, my_data
from rementor.privacy.forms import ErasureDecisionForm, ErasureRequestForm
from rementor.privacy.models import ErasureRequest, ErasureStatus


def _attach(error: ValidationError, form) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@never_cache
@require_GET
@require_perm("privacy.view_profile")
def profile(request: HttpRequest) -> HttpResponse:
    return _profile_page(request, ErasureRequestForm())


def _profile_page(request: HttpRequest, form: ErasureRequestForm) -> HttpResponse:
    user = request.user
    person = user.person
    context = {
        "person": person,
        "pending_erasure": erasure.pending_request(person),
        "last_erasure": (
            ErasureRequest.objects.filter(person=person)
            .exclude(status=ErasureStatus.PENDING)
            .first()
            if person is not None
            else None
        ),
        "can_request_erasure": user.has_perm("privacy.request_erasure"),
        "erasure_form": form,
    }
    return render(request, "privacy/profile.html", context)


@never_cache
@require_GET
@require_perm("privacy.download_my_data")
@rate_limited("personal-data")
def download_my_data(request: HttpRequest) -> HttpResponse:
    data = my_data.collect(request.user)
    content = my_data.zip_bytes(data, name=request.user.display_name)
    record(event=Event.MY_DATA_EXPORT, request=request)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{my_data.filename()}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@require_perm("privacy.request_erasure")
def request_erasure(request: HttpRequest) -> HttpResponse:
    form = ErasureRequestForm(request.POST)
    if form.is_valid():
        try:
            erasure_request = erasure.request_erasure(
                user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _attach(error, form)
        else:
            record(event=Event.ERASURE_REQUESTED, request=request, target=erasure_request)
            messages.success(
                request,
                _("Your request is recorded. A programme manager will answer you by e-mail."),
            )
            return redirect("privacy:profile")
    return _profile_page(request, form)


@require_POST
@require_perm("privacy.request_erasure")
def withdraw_erasure(request: HttpRequest) -> HttpResponse:
    if erasure.withdraw_request(user=request.user) is not None:
        messages.success(request, _("Your erasure request is withdrawn."))
    return redirect("privacy:profile")


@never_cache
@require_GET
@require_perm("privacy.manage_erasure")
def erasure_requests(request: HttpRequest) -> HttpResponse:
    requests = ErasureRequest.objects.select_related("person", "decided_by__person").order_by(
        "-created_at", "-pk"
    )
    return render(
        request,
        "privacy/erasure_requests.html",
        {
            "pending": [r for r in requests if r.status == ErasureStatus.PENDING],
            "answered": [r for r in requests if r.status != ErasureStatus.PENDING][:50],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@require_perm("privacy.manage_erasure")
def erasure_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    erasure_request = get_object_or_404(
        ErasureRequest.objects.select_related("person__department"), pk=pk
    )
    form = ErasureDecisionForm(request.POST or None)
    if request.method == "POST":
        if erasure_request.status != ErasureStatus.PENDING:
            form.add_error(None, _("This request has already been answered."))
        elif form.is_valid():
            try:
                if form.cleaned_data["decision"] == "confirm":
                    erasure.confirm_request(erasure_request=erasure_request, by=request.user)
                    event, message = Event.ERASURE_CONFIRMED, _("The person is erased.")
                else:
                    erasure.decline_request(
                        erasure_request=erasure_request,
                        by=request.user,
                        reason=form.cleaned_data["reason"],
                        base_url=site_root(request),
                    )
                    event = Event.ERASURE_DECLINED
                    message = _("The request is declined; the person will receive an e-mail.")
            except ValidationError as error:
                _attach(error, form)
            else:
                # The target is the request: its representation never names the person.
                record(event=event, request=request, target=erasure_request)
                messages.success(request, message)
                return redirect("privacy:erasure_requests")
    enrollments = erasure_request.person.enrollments.select_related("programme").order_by("pk")
    return render(
        request,
        "privacy/erasure_request.html",
        {"erasure_request": erasure_request, "form": form, "enrollments": enrollments},
    )


@login_not_required
@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    """The privacy notice: public, also for visitors who are not signed in."""
    return render(
        request,
        "privacy/notice.html",
        {
            "retention_months": settings.RM_RETENTION_MONTHS,
            "private_notes_days": settings.RM_PRIVATE_NOTES_DAYS,
            "min_group_size": settings.RM_MIN_GROUP_SIZE,
        },
    )
