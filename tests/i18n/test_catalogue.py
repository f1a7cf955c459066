"""The French catalogue is complete, has no fuzzy entry, and its compiled file is current."""

import gettext
import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", ".audit", "node_modules", "staticfiles", "screenshots", "audit-reports",
    "*.sqlite3", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info", "build",
)  # fmt: skip
GETTEXT_REQUIRED = os.environ.get("CI") == "true"


def test_every_entry_of_the_catalogue_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    compiled = gettext.GNUTranslations(COMPILED.open("rb"))
    stale = []
    for entry in polib.pofile(str(CATALOGUE)).translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            expected = {(key, int(index)): text for index, text in entry.msgstr_plural.items()}
        else:
            expected = {key: entry.msgstr}
        if any(compiled._catalog.get(k) != text for k, text in expected.items()):
            stale.append(entry.msgid)
    assert stale == [], "run `make messages` to compile the catalogue"


def test_every_string_marked_for_translation_is_in_the_catalogue(tmp_path, monkeypatch, settings):
    """Extract the strings of a copy of the source and merge them into a copy of the catalogue:
    any string written since the catalogue was last updated shows up untranslated."""
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        if GETTEXT_REQUIRED:
            pytest.fail(
                "GNU gettext is not installed: CI must install it (apt-get install gettext)"
            )
        pytest.skip("GNU gettext is not installed (apt-get install gettext)")
    copy = tmp_path / "source"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE)
    monkeypatch.chdir(copy)
    settings.LOCALE_PATHS = [copy / "locale"]
    call_command(
        "makemessages",
        locale=["fr"],
        verbosity=0,
        no_obsolete=True,
        ignore_patterns=["tests/*", "scripts/*", "fixtures/*", "*.egg-info/*", "build/*"],
    )
    merged = polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in merged.untranslated_entries()]
    fuzzy = [entry.msgid for entry in merged.fuzzy_entries()]
    assert missing == [], "new strings: run `make messages` and translate them"
    assert fuzzy == [], "changed strings: run `make messages` and review their translation"
