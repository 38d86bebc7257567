"""Fields shared by the API's serializers."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from rementor.people.models import Person

# Beyond this, SQLite and PostgreSQL refuse the integer: answer "does not exist", not 500.
MAX_ID = 2**63 - 1


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A primary key among what the requesting user may see: anything else "does not exist",
    so a write never reveals that a hidden object is there."""

    default_error_messages = {
        "does_not_exist": _("No item with id {pk_value}, or not one you can see."),
        "incorrect_type": _("Give the item's id (a number)."),
    }

    def __init__(self, *, scope: Callable, **kwargs) -> None:
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.scope(super().get_queryset(), self.context["request"].user)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            number = int(data)
        except ValueError:
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < number <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(number)


class PersonBriefSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "full_name"]
