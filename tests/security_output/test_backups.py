"""Backups that restore: `make backup` (scripts/backup.py) writes a pg_dump and a media
tarball; the restore drill (scripts/restore_drill.py) restores them into a new database and
directory and finds every table, sequence and file identical, keyword links included; and a
natural-key `dumpdata` keeps every keyword link too."""

import importlib.util
import io
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from projects.models import Keyword, TaggedKeyword
from tests.factories import ProjectFactory

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPTS = ROOT / "scripts"


def script(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


backup = script("backup")
restore_drill = script("restore_drill")

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backups are of the PostgreSQL database"
)


@pytest.fixture
def media(tmp_path, settings):
    root = tmp_path / "media"
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "call-2026.pdf").write_bytes(b"%PDF-1.7 a call text")
    (root / "logo é.png").write_bytes(bytes(range(256)))
    settings.MEDIA_ROOT = root
    return root


def keyworded_projects() -> None:
    for number in range(3):
        project = ProjectFactory()
        with translation.override("fr"):
            project.keywords.add("santé maternelle", f"mot-clé {number}", "eau")


# -- The comparison -------------------------------------------------------------------------------


def test_the_drill_finds_a_missing_table_a_different_checksum_and_a_missing_file():
    Figures = restore_drill.Figures
    lines = restore_drill.compare(
        {"a": Figures(2, "x"), "b": Figures(1, "y"), "c": Figures(None, "5 True")},
        {"a": Figures(2, "x"), "b": Figures(1, "z")},
    )
    assert [(line.name, line.same) for line in lines] == [("a", True), ("b", False), ("c", False)]
    text = restore_drill.report("Title:", lines, "rows")
    assert text.splitlines()[0] == "Title:"
    assert text.splitlines()[2].split() == ["a", "2", "2", "same"]
    assert text.splitlines()[3].split() == ["b", "1", "1", "DIFFERENT"]
    assert text.splitlines()[4].split() == ["c", "at", "5", "missing", "DIFFERENT"]


def test_the_media_figures_are_every_file_with_its_size_and_checksum(media):
    figures = restore_drill.media_figures(media)
    assert sorted(figures) == ["documents/call-2026.pdf", "logo é.png"]
    assert figures["logo é.png"].rows == 256
    assert restore_drill.media_figures(media / "nowhere") == {}


def test_the_media_tarball_holds_every_file_under_media(media, tmp_path):
    path = tmp_path / "media.tar.gz"
    assert backup.archive_media(media, path) == 2
    with tarfile.open(path) as archive:
        names = sorted(archive.getnames())
    assert names == [
        "media",
        "media/documents",
        "media/documents/call-2026.pdf",
        "media/logo é.png",
    ]


def test_without_media_the_tarball_holds_an_empty_media_directory(tmp_path):
    path = tmp_path / "media.tar.gz"
    assert backup.archive_media(tmp_path / "none-yet", path) == 0
    with tarfile.open(path) as archive:
        assert archive.getnames() == ["media"]


def test_backups_refuse_a_database_other_than_postgresql():
    with pytest.raises(SystemExit, match="Backups need PostgreSQL"):
        backup.postgres_environment({"ENGINE": "django.db.backends.sqlite3", "NAME": "x"})


def test_the_database_password_goes_to_the_environment_not_the_command_line():
    environment = backup.postgres_environment(
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "portal",
            "USER": "portal",
            "PASSWORD": "secret",
            "HOST": "db.example.org",
            "PORT": 5432,
            "OPTIONS": {"sslmode": "require"},
        }
    )
    assert environment["PGPASSWORD"] == "secret"
    assert environment["PGSSLMODE"] == "require"
    assert (environment["PGDATABASE"], environment["PGPORT"]) == ("portal", "5432")


# -- dumpdata (not the backup, but it must not lose keyword links either) ------------------------


@pytest.mark.django_db
def test_a_natural_key_dumpdata_keeps_every_keyword_link_whatever_the_language(tmp_path):
    keyworded_projects()
    before = set(TaggedKeyword.objects.values_list("tag__slug", "content_object__slug"))
    assert len(before) == 9
    dump = io.StringIO()
    with translation.override("fr"):
        call_command(
            "dumpdata",
            "projects.keyword",
            "projects.taggedkeyword",
            natural_foreign=True,
            natural_primary=True,
            stdout=dump,
        )
    Keyword.objects.all().delete()  # and their links
    assert not TaggedKeyword.objects.exists()
    fixture = tmp_path / "keywords.json"
    fixture.write_text(dump.getvalue())
    with translation.override("en"):
        call_command("loaddata", str(fixture), verbosity=0)
    after = set(TaggedKeyword.objects.values_list("tag__slug", "content_object__slug"))
    assert after == before


# -- On PostgreSQL: the backup and the drill ------------------------------------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_backup_is_a_custom_format_dump_a_media_tarball_and_their_checksums(media, tmp_path):
    keyworded_projects()
    directory = backup.backup(tmp_path / "backups")
    assert sorted(path.name for path in directory.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE((directory / "database.dump").stat().st_mode) == 0o600
    subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=directory, check=True)
    listing = subprocess.run(
        ["pg_restore", "--list", str(directory / "database.dump")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Format: CUSTOM" in listing
    assert "TABLE DATA public projects_taggedkeyword" in listing


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_drill_restores_every_row_and_file_keyword_links_included(media, capsys):
    keyworded_projects()
    assert restore_drill.drill(scratch_name=None, keep=False) is True
    output = capsys.readouterr().out
    keyword_links = next(
        line for line in output.splitlines() if line.startswith("public.projects_taggedkeyword ")
    )
    assert keyword_links.split() == ["public.projects_taggedkeyword", "9", "9", "same"]
    assert "logo é.png" in output
    assert "Restore drill passed" in output
    assert not scratch_database_exists(connection.settings_dict["NAME"] + "_restored")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_drill_fails_when_the_restore_loses_rows(media, monkeypatch, capsys):
    keyworded_projects()
    monkeypatch.setattr(
        restore_drill, "RESTORE_COMMAND", [*restore_drill.RESTORE_COMMAND, "--schema-only"]
    )
    assert restore_drill.drill(scratch_name=None, keep=False) is False
    output = capsys.readouterr().out
    assert "Restore drill FAILED" in output
    assert "public.projects_taggedkeyword" in output.split("FAILED")[-1]
    assert not scratch_database_exists(connection.settings_dict["NAME"] + "_restored")


def scratch_database_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None
