"""A backup of the portal: its PostgreSQL database and its media files, in a new directory.

Run by `make backup` (see `--help`). It reads the portal's own settings, so it backs up the
database of `DATABASE_URL` and the files of `MEDIA_ROOT` (`DJANGO_MEDIA_ROOT`), and writes into
`BACKUP_DIR` (default `backups/`) a directory named for the moment in UTC, holding:

- `database.dump`: `pg_dump --format=custom` of the whole database (schema, data, sequences,
  extensions and collations), for `pg_restore`;
- `media.tar.gz`: MEDIA_ROOT as the directory `media/` (empty when there is no file yet);
- `SHA256SUMS`: their checksums, for `sha256sum -c SHA256SUMS`.

The directory and files are readable by their owner only: the dump holds password hashes,
two-factor secrets and contacts' addresses. How to restore, and the drill that proves it
works (`scripts/restore_drill.py`): README.md, "Operations: backups".

`manage.py dumpdata` is no backup: it reads table after table with no common snapshot while
the portal is in use, and goes through every model's serialisation and natural keys, where one
fault loses rows (README.md says which one did).
"""

import argparse
import datetime
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
CHECKSUMS_FILE = "SHA256SUMS"
MEDIA_DIRECTORY = "media"  # the top directory inside the tarball

# A Django database setting and the libpq variable that pg_dump, pg_restore and psql read for
# it: so that no password appears on a command line.
LIBPQ_VARIABLES = {
    "HOST": "PGHOST",
    "PORT": "PGPORT",
    "USER": "PGUSER",
    "PASSWORD": "PGPASSWORD",
    "NAME": "PGDATABASE",
}
LIBPQ_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT"}


def portal_settings():
    """The portal's settings, read as the portal reads them (environment variables)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperation_portal.settings")
    from django.conf import settings

    return settings


def postgres_environment(database: dict, name: str | None = None) -> dict[str, str]:
    """The environment for PostgreSQL's tools to reach `database` (an entry of DATABASES), or
    the database `name` on the same server."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit(
            "Backups need PostgreSQL: set DATABASE_URL to the portal's PostgreSQL database "
            f"(the database in use is {database['ENGINE']})."
        )
    environment = dict(os.environ)
    for setting, variable in LIBPQ_VARIABLES.items():
        if database.get(setting):
            environment[variable] = str(database[setting])
    for option, variable in LIBPQ_OPTIONS.items():
        if database.get("OPTIONS", {}).get(option):
            environment[variable] = str(database["OPTIONS"][option])
    if name:
        environment["PGDATABASE"] = name
    return environment


def dump_database(environment: dict[str, str], path: Path, snapshot: str | None = None) -> None:
    """`pg_dump` in its custom format (compressed, restorable table by table) to `path`;
    from an exported `snapshot` when given, to see exactly what that transaction sees."""
    command = ["pg_dump", "--format=custom", "--file", str(path)]
    if snapshot:
        command += ["--snapshot", snapshot]
    subprocess.run(command, env=environment, check=True)


def archive_media(media_root: Path, path: Path) -> int:
    """MEDIA_ROOT as `media/` in a gzipped tarball at `path`; returns how many files it holds.
    A missing MEDIA_ROOT (no upload yet) gives an archive with an empty `media/`."""
    files = 0
    with tarfile.open(path, "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname=MEDIA_DIRECTORY)
            files = sum(1 for item in media_root.rglob("*") if item.is_file())
        else:
            empty = tarfile.TarInfo(MEDIA_DIRECTORY)
            empty.type, empty.mode = tarfile.DIRTYPE, 0o700
            archive.addfile(empty)
    return files


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksums(directory: Path, names: list[str]) -> None:
    lines = [f"{sha256(directory / name)}  {name}\n" for name in names]
    (directory / CHECKSUMS_FILE).write_text("".join(lines))


def backup(backup_dir: Path) -> Path:
    """A new backup in a directory of `backup_dir` named for now (UTC); returns it."""
    settings = portal_settings()
    environment = postgres_environment(settings.DATABASES["default"])
    moment = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    directory = backup_dir / moment
    directory.mkdir(mode=0o700)  # never into an existing backup
    os.umask(0o077)
    try:
        dump_database(environment, directory / DATABASE_FILE)
        files = archive_media(Path(settings.MEDIA_ROOT), directory / MEDIA_FILE)
        write_checksums(directory, [DATABASE_FILE, MEDIA_FILE])
    except BaseException:
        shutil.rmtree(directory)  # no half-written backup left to be mistaken for one
        raise
    print(
        f"Backup written to {directory}: database {environment.get('PGDATABASE', '')}, "
        f"{files} media file(s) from {settings.MEDIA_ROOT}."
    )
    return directory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--backup-dir",
        type=Path,
        default=Path(os.environ.get("BACKUP_DIR") or ROOT / "backups"),
        help="where to write the backup's directory (default: $BACKUP_DIR, else backups/)",
    )
    arguments = parser.parse_args()
    try:
        backup(arguments.backup_dir)
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"Backup failed: {error}") from error


if __name__ == "__main__":
    main()
