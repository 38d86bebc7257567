"""Builders for the whole suite: factory_boy factories, and clients signed in as someone."""

from __future__ import annotations

import datetime as dt

import factory
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rementor.people.models import Department, Person, User
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role
from rementor.skills.models import Skill, SkillCategory

PASSWORD = "a-test-password-123"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Department {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    # Eight digits: never the six-digit ids that tests write by hand ("000123"), however many
    # people the tests before have made.
    employee_id = factory.Sequence(lambda n: f"7{n + 1:07d}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    job_title = "Chargé de projet"
    department = factory.SubFactory(DepartmentFactory)
    site = "Paris"
    languages = factory.LazyFunction(lambda: ["fr"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    person = factory.SubFactory(PersonFactory, email=factory.SelfAttribute("..email"))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    # Running today, whenever the suite runs: started three months ago, ends in four. A test
    # that needs other dates sets them on the programme it uses.
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=91))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=122))
    languages = factory.LazyFunction(lambda: ["fr"])


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    programme = factory.SubFactory(ProgrammeFactory)
    person = factory.SubFactory(PersonFactory)
    role = Role.MENTEE
    status = EnrollmentStatus.ACCEPTED


class SkillCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillCategory

    code = factory.Sequence(lambda n: f"category_{n}")
    name_fr = factory.Sequence(lambda n: f"Catégorie {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    category = factory.SubFactory(SkillCategoryFactory)
    code = factory.Sequence(lambda n: f"skill_{n}")
    name_fr = factory.Sequence(lambda n: f"Compétence {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")


def client_for(user) -> Client:
    # force_login skips the password check (tested through the login form elsewhere) and
    # django-axes, which needs a real request to count failures.
    client = Client()
    if user is not None:
        client.force_login(user, backend="rementor.people.backends.EmailBackend")
    return client


def log_in_through_form(client: Client, *, email: str, password: str):
    """Sign in as a user would, through the login page (django-axes sees the attempt)."""
    return client.post(reverse("login"), {"username": email, "password": password})
