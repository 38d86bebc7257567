"""Forms of the HRIS import pages: upload, column mapping, confirmation."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.core.forms import StyledFormMixin
from rementor.core.lists import FilterFormMixin, day_filter
from rementor.people.importing import render
from rementor.people.importing.issues import FIELD_LABELS, ImportFileError
from rementor.people.importing.presets import (
    BUILTIN_PRESETS,
    FIELDS,
    KEYS,
    REQUIRED,
    is_sensitive,
    suggest_columns,
)
from rementor.people.importing.reading import check_size
from rementor.people.models import ImportPreset, ImportStatus

ACCEPTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("HRIS export (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )
    preset = forms.ChoiceField(label=_("Layout"), required=False)
    full_sync = forms.BooleanField(
        label=_("Full sync: deactivate the people missing from this file"),
        required=False,
        help_text=_(
            "The preview lists everyone who would be deactivated. Their accounts are closed "
            "with them: signed out, API tokens revoked."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(size)s. Nothing is written before you confirm the preview."
        ) % {"size": filesizeformat(settings.RM_IMPORT_MAX_BYTES)}
        self.fields["preset"].choices = [
            ("", _("Detect automatically")),
            *[(key, preset.label) for key, preset in BUILTIN_PRESETS.items()],
            *[(name, name) for name in ImportPreset.objects.values_list("name", flat=True)],
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused on the size the browser announced, before reading the content.
        try:
            check_size(upload.size)
        except ImportFileError as error:
            raise forms.ValidationError(render(error.issues[0])) from None
        if not upload.name.lower().endswith(ACCEPTED_SUFFIXES):
            raise forms.ValidationError(
                _("Upload a .csv or .xlsx file (an .xls workbook must be saved as .xlsx first).")
            )
        return upload


class MappingForm(StyledFormMixin, forms.Form):
    """One choice per field among the file's columns (sensitive columns are never offered)."""

    save_as = forms.CharField(
        label=_("Save this mapping as a preset named"),
        required=False,
        max_length=80,
        help_text=_("Optional: the next file with these columns is then recognised."),
    )
    full_sync = forms.BooleanField(
        label=_("Full sync: deactivate the people missing from this file"), required=False
    )

    def __init__(self, *args, headers: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        offered = [h for h in headers if h and not is_sensitive(h)]
        choices = [("", _("— not in the file —")), *[(h, h) for h in offered]]
        # Only the columns whose usual HR name is certain are chosen in advance; a field that
        # two columns could feed is left for the manager.
        guesses = suggest_columns(offered)
        for name in reversed(FIELDS):
            field = forms.ChoiceField(
                label=FIELD_LABELS[name],
                choices=choices,
                required=False,
                initial=guesses.get(name, ""),
            )
            self.fields = {f"field_{name}": field, **self.fields}
        self._apply_styles()

    def _apply_styles(self) -> None:
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select")

    def mapping(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(f"field_{name}", "")
            for name in FIELDS
            if self.cleaned_data.get(f"field_{name}")
        }

    def clean_save_as(self) -> str:
        name = self.cleaned_data["save_as"].strip()
        if name in BUILTIN_PRESETS:
            raise forms.ValidationError(
                _("“%(name)s” is a built-in preset; choose another name."),
                params={"name": name},
            )
        return name

    def clean(self):
        cleaned = super().clean()
        mapping = self.mapping()
        if not all(f in mapping for f in REQUIRED) or not any(f in mapping for f in KEYS):
            raise forms.ValidationError(
                _(
                    "Choose a column for the first name, the last name, and the employee ID "
                    "or the e-mail."
                )
            )
        used = list(mapping.values())
        for header in used:
            if used.count(header) > 1:
                raise forms.ValidationError(
                    _("Column “%(column)s” is chosen for more than one field; choose it once."),
                    params={"column": header},
                )
        return cleaned


class ConfirmForm(forms.Form):
    # The file's hash ties the confirmation to the preview the manager saw.
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # People who left and are in the file again come back only on this explicit choice.
    reactivate = forms.BooleanField(
        label=_("Reactivate the people back in the file (listed below) and reopen their accounts"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class ImportHistoryFilterForm(FilterFormMixin, StyledFormMixin, forms.Form):
    """The history's filters: a file name, what became of the import, when it was uploaded."""

    q = forms.CharField(label=_("File name"), required=False, max_length=255)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("imports", "All")), *ImportStatus.choices],
    )
    date_from = day_filter(pgettext_lazy("date filter", "From"))
    date_to = day_filter(pgettext_lazy("date filter", "To"))
