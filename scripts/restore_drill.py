"""Restore drill: proves that a backup made as `make backup` makes it restores to the same data.

It backs up the portal's database (`DATABASE_URL`) and media (`MEDIA_ROOT`) exactly as
`scripts/backup.py` does, restores the dump with `pg_restore` into a scratch database it
creates on the same server, and the media tarball into a scratch directory, then compares:

- every table: its number of rows and a checksum of its rows (the md5 of the sorted md5s of
  each row's text), in the source and in the restored database;
- every sequence: its position (so that the next row restored databases add gets a new id);
- every media file: its path and SHA-256.

The dump is taken from a snapshot that the source's checksums are computed in, so the drill
is exact on a database in use: a row written during the drill is in neither. It prints the
comparison, drops the scratch database and directory (unless `--keep`), and exits 1 when
anything differs, 0 when everything matches.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python scripts/restore_drill.py

It needs the right to create databases (CREATEDB) on the server, and `pg_dump`,
`pg_restore` of the server's major version.
"""

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backup import (
    DATABASE_FILE,
    MEDIA_DIRECTORY,
    MEDIA_FILE,
    archive_media,
    dump_database,
    portal_settings,
    postgres_environment,
    sha256,
)

# As README.md's restore procedure says; objects belong to whoever restores.
RESTORE_COMMAND = ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error"]
# Rows read back as text the same way on both sides, whatever the server's defaults.
SESSION_SETTINGS = (
    "SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; "
    "SET extra_float_digits = 3; SET bytea_output = 'hex'"
)
TABLES = """
    SELECT table_schema, table_name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE'
      AND table_schema NOT IN ('pg_catalog', 'information_schema')
    ORDER BY table_schema, table_name
"""
SEQUENCES = """
    SELECT schemaname, sequencename FROM pg_sequences
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
    ORDER BY schemaname, sequencename
"""


@dataclass(frozen=True)
class Figures:
    """What is compared of a table (rows and the checksum of their contents) or a sequence
    (its last value, and whether it was used: rows None)."""

    rows: int | None
    checksum: str

    @property
    def shown(self) -> str:
        """Rows or bytes, or where a sequence stands."""
        return f"at {self.checksum.split()[0]}" if self.rows is None else str(self.rows)


@dataclass(frozen=True)
class Line:
    name: str
    source: Figures | None
    restored: Figures | None

    @property
    def same(self) -> bool:
        return self.source == self.restored


def connect(conninfo_environment: dict[str, str]) -> psycopg.Connection:
    keys = {"PGHOST": "host", "PGPORT": "port", "PGUSER": "user", "PGPASSWORD": "password"}
    parameters = {
        name: conninfo_environment[variable]
        for variable, name in keys.items()
        if conninfo_environment.get(variable)
    }
    for variable, name in (("PGSSLMODE", "sslmode"), ("PGSSLROOTCERT", "sslrootcert")):
        if conninfo_environment.get(variable):
            parameters[name] = conninfo_environment[variable]
    return psycopg.connect(dbname=conninfo_environment["PGDATABASE"], **parameters)


def database_figures(connection: psycopg.Connection) -> dict[str, Figures]:
    """Every table's and sequence's figures, read in `connection`'s current transaction."""
    connection.execute(SESSION_SETTINGS)
    figures = {}
    for schema, table in connection.execute(TABLES).fetchall():
        name = sql.Identifier(schema, table)
        rows, checksum = connection.execute(
            sql.SQL(
                "SELECT count(*), coalesce(md5(string_agg(row_md5, '' ORDER BY row_md5)), '')"
                ' FROM (SELECT md5(t::text) COLLATE "C" AS row_md5 FROM {} AS t) AS rows'
            ).format(name)
        ).fetchone()
        figures[f"{schema}.{table}"] = Figures(rows, checksum)
    for schema, sequence in connection.execute(SEQUENCES).fetchall():
        last_value, is_called = connection.execute(
            sql.SQL("SELECT last_value, is_called FROM {}").format(sql.Identifier(schema, sequence))
        ).fetchone()
        figures[f"{schema}.{sequence} (sequence)"] = Figures(None, f"{last_value} {is_called}")
    return figures


def media_figures(directory: Path) -> dict[str, Figures]:
    if not directory.is_dir():
        return {}
    return {
        str(path.relative_to(directory)): Figures(path.stat().st_size, sha256(path))
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def compare(source: dict[str, Figures], restored: dict[str, Figures]) -> list[Line]:
    return [
        Line(name, source.get(name), restored.get(name))
        for name in sorted(source.keys() | restored.keys())
    ]


def report(title: str, lines: list[Line], size: str) -> str:
    """The comparison as a text table: name, the size on each side (rows, bytes), and whether
    the checksums match."""

    def shown(figures: Figures | None) -> str:
        return "missing" if figures is None else figures.shown

    header = ("", f"{size} (source)", f"{size} (restored)", "checksum")
    table = [header] + [
        (
            line.name,
            shown(line.source),
            shown(line.restored),
            "same" if line.same else "DIFFERENT",
        )
        for line in lines
    ]
    widths = [max(len(row[column]) for row in table) for column in range(4)]
    text = [title]
    for row in table:
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        text.append("  ".join(cells).rstrip())
    if not lines:
        text.append("(none)")
    return "\n".join(text)


def create_database(maintenance: dict[str, str], name: str) -> None:
    """A new, empty database `name`; one that exists already is never touched."""
    with connect({**maintenance, "PGDATABASE": "postgres"}) as connection:
        connection.autocommit = True
        try:
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name))
            )
        except psycopg.errors.DuplicateDatabase:
            raise SystemExit(
                f"The scratch database {name} exists already: drop it (a drill run with "
                "--keep leaves it) or name another with --scratch-database."
            ) from None


def drop_database(maintenance: dict[str, str], name: str) -> None:
    with connect({**maintenance, "PGDATABASE": "postgres"}) as connection:
        connection.autocommit = True
        connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def drill(scratch_name: str | None, keep: bool) -> bool:
    """The whole drill; True when the restored database and media match the source."""
    settings = portal_settings()
    source = postgres_environment(settings.DATABASES["default"])
    source_name = source["PGDATABASE"]
    scratch_name = scratch_name or f"{source_name}_restored"
    if scratch_name == source_name:
        raise SystemExit("The scratch database must not be the source database.")
    scratch = postgres_environment(settings.DATABASES["default"], name=scratch_name)
    media_root = Path(settings.MEDIA_ROOT)
    workspace = Path(tempfile.mkdtemp(prefix="restore-drill-"))
    created = False
    try:
        # 1. Back up, from a snapshot the source's figures are read in.
        with connect(source) as connection:
            connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            connection.read_only = True
            snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
            dump_database(source, workspace / DATABASE_FILE, snapshot=snapshot)
            source_figures = database_figures(connection)
            connection.rollback()
        archive_media(media_root, workspace / MEDIA_FILE)
        source_media = media_figures(media_root)

        # 2. Restore, into a new database and a new directory.
        create_database(source, scratch_name)
        created = True
        subprocess.run(
            [*RESTORE_COMMAND, "--dbname", scratch_name, str(workspace / DATABASE_FILE)],
            env=scratch,
            check=True,
        )
        with connect(scratch) as connection:
            restored_figures = database_figures(connection)
        restored_root = workspace / "restored"
        with tarfile.open(workspace / MEDIA_FILE) as archive:
            archive.extractall(restored_root, filter="data")
        restored_media = media_figures(restored_root / MEDIA_DIRECTORY)

        # 3. Compare.
        tables = compare(source_figures, restored_figures)
        files = compare(source_media, restored_media)
        print(report(f"Database {source_name} restored as {scratch_name}:", tables, "rows"))
        print()
        print(report(f"Media files of {media_root}:", files, "bytes"))
        print()
        differences = [line.name for line in tables + files if not line.same]
        if differences:
            print(f"Restore drill FAILED: {len(differences)} difference(s): {differences}")
            return False
        rows = sum(line.source.rows or 0 for line in tables)
        print(
            f"Restore drill passed: {len(tables)} tables and sequences ({rows} rows) and "
            f"{len(files)} media files restored identical."
        )
        return True
    finally:
        if keep:
            print(f"Kept: database {scratch_name}, directory {workspace}")
        else:
            if created:
                drop_database(source, scratch_name)
            shutil.rmtree(workspace, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scratch-database",
        help="the database to restore into, which must not exist: the drill creates it and "
        "drops it (default: the source's name followed by _restored)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the scratch database and directory, to look into them",
    )
    arguments = parser.parse_args()
    try:
        passed = drill(arguments.scratch_database, arguments.keep)
    except (subprocess.CalledProcessError, psycopg.Error) as error:
        raise SystemExit(f"Restore drill FAILED: {error}") from error
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
