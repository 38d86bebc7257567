"""Form helpers shared by every app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class StyledFormMixin:
    """Give widgets Bootstrap's classes, so templates render fields without per-field markup."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(
                widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput
            ):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a domain function's error next to the field it is about, or above the form.

    A form whose field shows a differently named domain argument says so in
    ``domain_aliases`` (e.g. the domain's ``starts_at`` is the form's ``date``)."""
    aliases = getattr(form, "domain_aliases", {})
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            field = aliases.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
