"""Employees (``Person``), their departments, and the login accounts (``User``)."""

from __future__ import annotations

import re
import unicodedata
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rementor.core.email_addresses import normalise_email
from rementor.core.languages import validate_language_codes


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone; use a name such as Europe/Paris."),
            params={"value": value},
        )


# A lower-case nobiliary particle is not where a French reader looks a name up: "de la Tour"
# is under L ("La Tour"), "d'Alembert" under A, "von Braun" under B. "Du", "Des", "La", "Le"
# (articles, capitalised) and a capital "De" (as in Belgium) stay part of the name.
_PARTICLE = re.compile(r"^(?:de\s+|d['’]\s*|von\s+)(?=\S)")
# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})
SORT_NAME_LENGTH = 300


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").strip().casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_LETTERS)
    return "".join(c for c in text if c.isalnum())


def name_sort_key(last_name: str, first_name: str) -> str:
    """The key people are listed by: last name, then first name, as a French reader expects.

    Accents and case are folded ("Bénard" before "Brunet", "éric" with "Eric"), spaces,
    hyphens and apostrophes ignored ("Le Goff" with "Legoff"), a lower-case particle left
    out ("de la Tour" under L). The key holds only letters and digits, joined by "0", which
    sorts before every letter: "Le, Zoé" comes before "Leroy, Anne" whether the database
    compares bytes (SQLite, PostgreSQL "C") or uses a language's collation (which ignores
    spaces and punctuation, so a space could not do this).
    """
    last = _PARTICLE.sub("", (last_name or "").strip())
    return f"{_folded(last)}0{_folded(first_name)}"[:SORT_NAME_LENGTH]


class Department(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.CharField(_("code"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """An employee, as the HRIS knows them. Never stores a birth date or an age."""

    employee_id = models.CharField(_("employee ID"), max_length=64, unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("work e-mail"), blank=True, null=True, unique=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    site = models.CharField(_("site"), max_length=120, blank=True)
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, validators=[validate_language_codes]
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_time_zone]
    )
    is_active = models.BooleanField(_("active"), default=True)
    # name_sort_key(last_name, first_name), kept by save() and by every bulk write (imports,
    # the demo's load test, anonymisation): lists of people order by it (people.queries).
    sort_name = models.CharField(max_length=SORT_NAME_LENGTH, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_name", "last_name", "first_name", "employee_id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="person_email_ci_unique"),
            models.CheckConstraint(
                condition=~models.Q(manager=models.F("pk")), name="person_not_own_manager"
            ),
        ]
        indexes = [
            models.Index(fields=["site"]),
            models.Index(fields=["is_active"]),
            models.Index(fields=["sort_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.email = normalise_email(self.email) or None
        self.sort_name = name_sort_key(self.last_name, self.first_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"last_name", "first_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email) or None
        cycle = self.manager_cycle()
        if cycle:
            raise ValidationError(
                {
                    "manager": _("This manager would create a reporting cycle: %(cycle)s.")
                    % {"cycle": " → ".join(p.full_name for p in cycle)}
                }
            )

    def manager_cycle(self) -> list[Person]:
        """The cycle this person's manager would close, as a path back to them; else []."""
        if self.manager_id is None:
            return []
        path: list[Person] = [self]
        seen: set[int | None] = {self.pk}
        node = self.manager
        while node is not None:
            path.append(node)
            if self.pk is not None and node.pk == self.pk:
                return path
            if node.pk in seen:  # a pre-existing cycle above: stop, it is not ours to report
                return []
            seen.add(node.pk)
            node = node.manager
        return []


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalise_email(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_programme_manager", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. Roles: programme manager (HR), sponsor; participation comes from enrolments."""

    email = models.EmailField(_("e-mail address"), unique=True)
    person = models.OneToOneField(
        Person,
        verbose_name=_("employee record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
    )
    is_programme_manager = models.BooleanField(_("programme manager"), default=False)
    is_sponsor = models.BooleanField(_("sponsor"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.person_id is not None:
            return self.person.full_name
        return self.email

    def save(self, *args, **kwargs) -> None:
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)
