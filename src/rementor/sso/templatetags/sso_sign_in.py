"""``{% sso_sign_in as sso %}`` for the sign-in page (a core template, which cannot import
this app): the buttons of the protocols configured, and whether participants may still
use a password."""

from __future__ import annotations

from django import template
from django.conf import settings

from rementor.sso.config import sign_in_buttons

register = template.Library()


@register.simple_tag
def sso_sign_in() -> dict:
    return {
        "buttons": sign_in_buttons(),
        "password_for_everyone": bool(getattr(settings, "RM_PASSWORD_LOGIN", True)),
    }
