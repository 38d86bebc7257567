"""The audit trail's "kind of record" filter names every kind in the page's language: a
model without a translated name showed "Pair" or "Match run" on the French page."""

from django.utils.functional import Promise
from django.utils.translation import override

from rementor.audit.queries import target_choices


def test_every_kind_of_record_has_a_translated_name():
    with override("en"):
        english = {label: str(name) for label, name in target_choices()}
    with override("fr"):
        french = {label: str(name) for label, name in target_choices()}
    untranslated = [
        label
        for label in english
        if french[label] == english[label] and english[label] not in ("Programme", "Import")
    ]
    assert untranslated == []


def test_the_names_are_lazy_so_each_request_gets_its_own_language():
    from django.apps import apps

    for label, _name in target_choices():
        model = apps.get_model(label)
        assert isinstance(model._meta.verbose_name, Promise), label
