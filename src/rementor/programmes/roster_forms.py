"""The filters of a programme's participants list: role, status, whether the needs were
given, and a name."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.core.forms import StyledFormMixin
from rementor.core.lists import FilterFormMixin, words_filter
from rementor.programmes.models import Enrollment, EnrollmentStatus, Role
from rementor.skills.models import Assessment, AssessmentKind

NAME_LOOKUPS = ("person__first_name__icontains", "person__last_name__icontains")
NEEDS_GIVEN, NEEDS_MISSING = "given", "missing"


class RosterFilterForm(FilterFormMixin, StyledFormMixin, forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", pgettext_lazy("roles filter", "All")), *Role.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("statuses filter", "All")), *EnrollmentStatus.choices],
    )
    needs = forms.ChoiceField(
        label=_("Needs"),
        required=False,
        # Only mentees give their needs: either choice lists mentees only.
        choices=[
            ("", pgettext_lazy("needs filter", "All")),
            (NEEDS_GIVEN, _("Mentees who gave them")),
            (NEEDS_MISSING, _("Mentees who have not yet")),
        ],
    )
    q = forms.CharField(label=_("Name"), max_length=100, required=False, strip=True)

    def apply(self, enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
        values = self.values()
        if values.get("role"):
            enrollments = enrollments.filter(role=values["role"])
        if values.get("status"):
            enrollments = enrollments.filter(status=values["status"])
        if needs := values.get("needs"):
            given = Exists(
                Assessment.objects.filter(
                    enrollment=OuterRef("pk"),
                    kind=AssessmentKind.BASELINE,
                    submitted_at__isnull=False,
                )
            )
            enrollments = enrollments.filter(
                given if needs == NEEDS_GIVEN else ~given, role=Role.MENTEE
            )
        return enrollments.filter(words_filter(values.get("q", ""), NAME_LOOKUPS))
