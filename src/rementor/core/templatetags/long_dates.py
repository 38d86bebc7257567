"""The ``date`` filter, as Django's, with French "1er" for the first day of a month.

Loaded as a template builtin (``settings.TEMPLATES``), it replaces Django's filter of the
same name in every template: ``{{ day|date:"DATE_FORMAT" }}`` says "1er février 2027" on a
French page and "1 February 2027" on an English one. See ``rementor.core.formats``.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as django_date

from rementor.core.formats import first_of_month_format

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    return django_date(value, first_of_month_format(value, arg))
