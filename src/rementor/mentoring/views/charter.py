"""The pair charter: read (members and managers), edit and accept (members only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.mentoring import charter as domain
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.charter import CharterForm
from rementor.mentoring.rules import member_role


def charter_page(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for(request, pk)
    charter = domain.get_or_create_charter(pair=pair)
    role = member_role(request.user, pair)
    return render(
        request,
        "mentoring/charter/charter.html",
        {
            "pair": pair,
            "charter": charter,
            "role": role,
            "open": domain.pair_is_open(pair),
            "i_accepted": role and getattr(charter, f"{role}_accepted_at"),
            "version": domain.charter_version(charter),
        },
    )


def charter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    charter = domain.get_or_create_charter(pair=pair)
    if not domain.pair_is_open(pair):
        messages.error(
            request,
            _("This pair is %(status)s: its charter can no longer be changed.")
            % {"status": pair.get_status_display().lower()},
        )
        return redirect("mentoring:charter", pk=pair.pk)
    initial = {name: getattr(charter, name) for name in domain.EDITABLE_FIELDS}
    # No ``instance``: the form must not touch the charter before the domain compares.
    form = CharterForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in domain.EDITABLE_FIELDS}
        try:
            changed = domain.update_charter(charter=charter, by=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.warning(
                    request,
                    _(
                        "Charter saved. Because its text changed, both of you need to accept "
                        "it again."
                    ),
                )
            else:
                messages.info(request, _("Nothing changed in the charter."))
            return redirect("mentoring:charter", pk=pair.pk)
    return render(
        request,
        "mentoring/charter/charter_form.html",
        {"pair": pair, "charter": charter, "form": form},
    )


@require_POST
def charter_accept(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    charter = domain.get_or_create_charter(pair=pair)
    try:
        charter = domain.accept_charter(
            charter=charter, by=request.user, version=request.POST.get("version")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if charter.is_signed:
            messages.success(
                request, _("You both accepted the charter: you can now log your sessions.")
            )
        else:
            messages.success(
                request, _("You accepted the charter. Your partner still has to accept it.")
            )
    return redirect("mentoring:charter", pk=pair.pk)
