"""Inviting people into a programme: accounts, enrolments and the invitation e-mail."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from rementor.core.email_addresses import normalise_email
from rementor.people.models import Person, User
from rementor.people.queries import has_left, left_company, still_in_company
from rementor.programmes.domain import change_programme_status, enroll
from rementor.programmes.models import (
    Enrollment,
    EnrollmentStatus,
    Programme,
    ProgrammeStatus,
    Role,
)

# Zero-width and other invisible characters that spreadsheets and e-mail clients slip in.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xa0"), " ")


@dataclass
class InvitationReport:
    invited: list[Person] = field(default_factory=list)
    already_enrolled: list[Person] = field(default_factory=list)
    other_role: list[Person] = field(default_factory=list)
    without_email: list[Person] = field(default_factory=list)
    left_company: list[Person] = field(default_factory=list)


def invitation_blocker(*, programme: Programme, role: str) -> str | None:
    """Why nobody can be invited with ``role`` now, in words for the manager; None if they can.

    An invitation's link must lead to a page where the person can act: mentors apply only
    while the programme recruits, and mentees give their needs until pairs are formed. A draft
    is not refused here: ``invite_people`` opens recruiting first when the manager confirms.
    """
    status = programme.status
    if status == ProgrammeStatus.CLOSED:
        return _("This programme is closed: nobody can be invited any more.")
    if status == ProgrammeStatus.RUNNING:
        return _(
            "This programme is running: its pairs are formed, so nobody can join it any more. "
            "Invite them to the next programme."
        )
    if status == ProgrammeStatus.MATCHING and role == Role.MENTOR:
        return _(
            "Applications are closed while the pairs are being formed, so an invited mentor "
            "could not apply. Move the programme back to “Recruiting” first."
        )
    return None


def enroll_without_invitation(
    *,
    programme: Programme,
    person: Person,
    role: str,
    status: str = EnrollmentStatus.INVITED,
    capacity: int | None = None,
) -> Enrollment:
    """Enrol a person, or change their one enrolment, with no e-mail (the API's enrolments).

    The rules of invitations hold here too, so that a script cannot do what the pages refuse:
    a closed programme's enrolments no longer change; someone new joins only while
    ``invitation_blocker`` allows their role; someone who left the company cannot be
    enrolled; and a role cannot change once pairs are being formed (the matching would be
    built on the other role).
    """
    if programme.status == ProgrammeStatus.CLOSED:
        raise ValidationError(
            _("This programme is closed: its enrolments can no longer change."), code="closed"
        )
    existing = Enrollment.objects.filter(programme=programme, person=person).first()
    if existing is None:
        blocker = invitation_blocker(programme=programme, role=role)
        if blocker:
            raise ValidationError(blocker, code="cannot_invite")
        if has_left(person):
            raise ValidationError(
                _("%(name)s has left the company: they cannot join a programme.")
                % {"name": person},
                code="left_company",
            )
    elif existing.role != role and programme.status in (
        ProgrammeStatus.MATCHING,
        ProgrammeStatus.RUNNING,
    ):
        raise ValidationError(
            _(
                "%(name)s takes part as %(role)s and the pairs are being formed or running: "
                "their role can no longer change. Withdraw them and enrol them in the next "
                "programme instead."
            )
            % {"name": person, "role": existing.get_role_display()},
            code="role_locked",
        )
    return enroll(programme=programme, person=person, role=role, status=status, capacity=capacity)


def resolve_people_list(text: str) -> tuple[list[Person], list[str]]:
    """People named in a pasted list (one e-mail or employee ID per line, or separated by
    commas or semicolons), and the entries that match nobody, in the order typed."""
    entries: list[str] = []
    for raw in text.translate(_INVISIBLE).replace(";", "\n").replace(",", "\n").splitlines():
        entry = raw.strip()
        if entry and entry not in entries:
            entries.append(entry)
    emails = [normalise_email(e) for e in entries if "@" in e]
    ids = [e for e in entries if "@" not in e]
    found = still_in_company(
        Person.objects.filter(Q(email__in=emails) | Q(employee_id__in=ids)), person=""
    )
    by_email = {p.email: p for p in found if p.email}
    by_id = {p.employee_id: p for p in found}
    people: list[Person] = []
    unknown: list[str] = []
    for entry in entries:
        person = by_email.get(normalise_email(entry)) if "@" in entry else by_id.get(entry)
        if person is None:
            unknown.append(entry)
        elif person not in people:
            people.append(person)
    return people, unknown


def _interface_language(person: Person) -> str:
    """The language a new account's e-mails and pages start in: the site's default when the
    person speaks it (as the HRIS says), else the first interface language they speak."""
    spoken = [code.split("-")[0].lower() for code in person.languages or []]
    offered = [code for code, _name in settings.LANGUAGES]
    if settings.LANGUAGE_CODE in spoken or not spoken:
        return settings.LANGUAGE_CODE
    return next((code for code in spoken if code in offered), settings.LANGUAGE_CODE)


def account_for(person: Person) -> User:
    """The person's login account, created (without a usable password) when missing."""
    user = getattr(person, "user", None)
    if user is not None:
        return user
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User(email=person.email, person=person, language=_interface_language(person))
        user.set_unusable_password()
        user.save()
    elif user.person_id is None:
        user.person = person
        user.save(update_fields=["person"])
    return user


def join_url(user: User) -> str:
    """Where the invitation e-mail leads: choose a password (single use), then the programme."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "join", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)}
    )


def send_invitation(
    *, enrollment: Enrollment, user: User, base_url: str, reminder: bool = False
) -> None:
    """E-mail ``user`` their invitation, in their language, with a link that works: straight to
    the page to act on, or through choosing a password first (a fresh single-use link, so a
    reminder also replaces an invitation link that expired). ``reminder`` says it again."""
    programme = enrollment.programme
    # Mentors land on their application, mentees on the programme (which asks for needs).
    landing = (
        reverse("selection:apply", args=[programme.slug])
        if enrollment.role == Role.MENTOR
        else reverse("programmes:detail", args=[programme.slug])
    )
    if user.has_usable_password():
        link = base_url + landing
    else:
        link = base_url + join_url(user) + "?" + urlencode({"next": landing})
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "person": enrollment.person,
            "programme": programme,
            "role": enrollment.get_role_display(),
            "is_mentee": enrollment.role == "mentee",
            "link": link,
            "reminder": reminder,
        }
        if reminder:
            subject = _("Reminder: %(programme)s") % {"programme": programme.name}
        else:
            subject = _("Invitation: %(programme)s") % {"programme": programme.name}
        body = render_to_string("programmes/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])


DRAFT_REFUSED = "draft"


@transaction.atomic
def invite_people(
    *,
    programme: Programme,
    people: Iterable[Person],
    role: str,
    by,
    base_url: str,
    open_recruiting: bool = False,
) -> InvitationReport:
    """Enrol people as invited mentees or mentors and e-mail each one a personal link.

    A draft programme is first moved to "recruiting" (through ``change_programme_status``)
    when ``open_recruiting`` says the manager confirmed it, and refused otherwise: the links
    would lead to pages that do not open yet. A closed or running programme, and mentors
    while pairs are formed, are refused (``invitation_blocker``). People already in the
    programme are left as they are; people without a work e-mail, or who left the company,
    cannot be invited (reported, not an error). E-mails go out only once the transaction
    commits.
    """
    blocker = invitation_blocker(programme=programme, role=role)
    if blocker:
        raise ValidationError(blocker, code="cannot_invite")
    if programme.status == ProgrammeStatus.DRAFT:
        if not open_recruiting:
            raise ValidationError(
                _(
                    "This programme is still a draft: the people invited could neither apply "
                    "nor give their needs. Confirm that recruiting opens with the invitations, "
                    "or open it from the programme page first."
                ),
                code=DRAFT_REFUSED,
            )
        change_programme_status(programme=programme, to=ProgrammeStatus.RECRUITING, by=by)
    report = InvitationReport()
    people = list(people)
    gone = set(left_company(Person.objects.filter(pk__in=[p.pk for p in people]), person=""))
    existing = {
        e.person_id: e for e in Enrollment.objects.filter(programme=programme, person__in=people)
    }
    to_send: list[tuple[Enrollment, User]] = []
    for person in people:
        if person in gone:
            report.left_company.append(person)
            continue
        enrollment = existing.get(person.pk)
        if enrollment is not None:
            (report.already_enrolled if enrollment.role == role else report.other_role).append(
                person
            )
            continue
        if not person.email:
            report.without_email.append(person)
            continue
        user = account_for(person)
        enrollment = Enrollment.objects.create(
            programme=programme,
            person=person,
            role=role,
            status=EnrollmentStatus.INVITED,
            invited_by=by,
            invited_at=timezone.now(),
        )
        report.invited.append(person)
        to_send.append((enrollment, user))

    def _send() -> None:
        for enrollment, user in to_send:
            send_invitation(enrollment=enrollment, user=user, base_url=base_url)

    transaction.on_commit(_send)
    return report
