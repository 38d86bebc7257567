"""French and English are complete, in sync with the code, and French pages show no English."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.urls import reverse

from tests.factories import client_for

SRC = Path(__file__).resolve().parents[3] / "src" / "rementor"
CATALOGUE = SRC / "locale" / "{lang}" / "LC_MESSAGES" / "django.{ext}"


def _po(lang: str) -> polib.POFile:
    return polib.pofile(str(CATALOGUE).format(lang=lang, ext="po"))


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def test_french_catalogue_is_complete():
    po = _po("fr")
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated French strings: {untranslated}"
    assert not fuzzy, f"fuzzy French strings (check and unmark them): {fuzzy}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_compiled_catalogue_matches_its_source(lang):
    po = _po(lang)
    mo = polib.mofile(str(CATALOGUE).format(lang=lang, ext="mo"))
    compiled = {_key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    for entry in po.translated_entries():
        assert compiled.get(_key(entry)) == (
            entry.msgstr,
            tuple(sorted(entry.msgstr_plural.items())),
        ), f"{lang} .mo is stale for {entry.msgid!r}: run `make messages`"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_catalogues_are_in_sync_with_the_code(tmp_path):
    copy = tmp_path / "rementor"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "rementor",
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "--add-location",
            "file",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {_key(e) for e in polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))}
    committed = {_key(e) for e in _po("fr") if not e.obsolete}
    assert fresh - committed == set(), "new strings not in the catalogue: run `make messages`"
    assert committed - fresh == set(), "catalogue has strings the code no longer uses"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            if name in {"aria-label", "title", "placeholder", "alt"} and value:
                self.chunks.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)


def _english_phrases() -> list[str]:
    """Translated English sentences distinctive enough to spot on a French page."""
    phrases = []
    for entry in _po("fr").translated_entries():
        if entry.msgid_plural or "%(" in entry.msgid or "<" in entry.msgid:
            continue
        if len(entry.msgid) >= 12 and entry.msgstr != entry.msgid and " " in entry.msgid:
            phrases.append(entry.msgid)
    return phrases


FRENCH_PAGES = [
    ("manager", "home", []),
    ("manager", "programmes:list", []),
    ("manager", "programmes:create", []),
    ("manager", "programmes:detail", ["pilote"]),
    ("manager", "programmes:edit", ["pilote"]),
    ("manager", "channels:settings", ["pilote"]),
    ("manager", "people:directory", []),
    ("manager", "skills:taxonomy", []),
    ("manager", "skills:skill_create", []),
    ("manager", "help_levels", []),
    ("sponsor", "home", []),
    ("pair_member", "home", []),
    ("pair_member", "programmes:detail", ["pilote"]),
    (None, "login", []),
    (None, "password_reset", []),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "name", "args"), FRENCH_PAGES)
def test_french_pages_show_no_english(request, who, name, args):
    user = request.getfixturevalue(who) if who else None
    request.getfixturevalue("programme")
    response = client_for(user).get(reverse(name, args=args), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    parser = _Text()
    parser.feed(response.content.decode())
    text = re.sub(r"\s+", " ", " ".join(parser.chunks))
    leaks = [p for p in _english_phrases() if p in text]
    assert not leaks, f"English on the French {name} page: {leaks}"
