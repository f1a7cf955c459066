"""Import content from a CSV or XLSX file, as the admin's import page does, for large files and
scripts: ``manage.py import_content FILE --model projects [--dry-run] [--user USERNAME]``.

It prints its progress, a bar and a count every `PROGRESS_EVERY` rows, then the report: each
row created, changed or unchanged, and every error with its row and column. Everything is
imported in one transaction: on any error nothing is written and the command exits with
status 1.

`--model` names what the file holds (projects, organisations, funding-schemes, calls, events,
sessions). Each app offers its models in its `resources` module,
`SPREADSHEET_RESOURCES = {"projects": ProjectResource}`: they are found at run time (as the
admin finds `admin` modules), so the command imports no app of a higher layer.
"""

from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from cooperation_portal.spreadsheets import SpreadsheetRefused, read_spreadsheet

PROGRESS_EVERY = 100


def spreadsheet_resources() -> dict:
    """{name given to `--model`: resource class} of every installed app."""
    found = {}
    for app_config in apps.get_app_configs():
        try:
            module = import_module(f"{app_config.name}.resources")
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.resources":
                raise
            continue
        found.update(getattr(module, "SPREADSHEET_RESOURCES", {}))
    return found


def progress_bar(done: int, total: int, width: int = 30) -> str:
    """`[#########---------------------]`: how far the rows are, as a bar a log keeps too."""
    filled = width * done // total if total else width
    return "[" + "#" * filled + "-" * (width - filled) + "]"


class Command(BaseCommand):
    help = "Import content from a CSV or XLSX file; --dry-run to check it first."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.help = gettext("Import content from a CSV or XLSX file; --dry-run to check it first.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=gettext("The CSV (UTF-8) or XLSX file."))
        parser.add_argument(
            "--model",
            required=True,
            help=gettext("What the file holds: %(models)s.")
            % {"models": ", ".join(sorted(spreadsheet_resources()))},
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext("Check the file and report what it would do, without writing anything."),
        )
        parser.add_argument(
            "--user",
            help=gettext("The user name recorded in the history as the importer."),
        )

    def handle(self, *args, file, model, dry_run, user, **options):
        resources = spreadsheet_resources()
        if model not in resources:
            raise CommandError(
                gettext("Unknown --model “%(model)s”; choose one of: %(models)s.")
                % {"model": model, "models": ", ".join(sorted(resources))}
            )
        importer = None
        if user:
            try:
                importer = get_user_model()._default_manager.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(gettext("No user named “%(user)s”.") % {"user": user}) from None
        try:
            sheet = read_spreadsheet(file)
        except FileNotFoundError:
            raise CommandError(gettext("No file “%(file)s”.") % {"file": file}) from None
        except SpreadsheetRefused as refusal:
            raise CommandError(refusal.message) from None

        total = len(sheet.dataset)
        self.stdout.write(
            gettext("Reading %(rows)s rows of %(file)s…") % {"rows": total, "file": sheet.name}
        )

        def progress(done: int, total: int) -> None:
            if done % PROGRESS_EVERY == 0 or done == total:
                self.stdout.write(
                    f"{progress_bar(done, total)} "
                    + gettext("%(done)s of %(total)s rows") % {"done": done, "total": total}
                )

        resource = resources[model](user=importer, progress=progress)
        report = resource.import_sheet(sheet, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
        if report.has_errors:
            raise CommandError(gettext("The file has errors: nothing was imported."), returncode=1)
