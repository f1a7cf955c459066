"""Send the e-mail alerts that are due: ``manage.py send_alerts [--dry-run]``.

Safe to run every few minutes (a systemd timer, cron): a second run sends nothing the first one
sent (alerts.sending). It logs its progress and prints its counts, never an address.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from alerts.sending import send_alerts


class Command(BaseCommand):
    help = "Send the e-mail alerts that are due, and delete subscriptions never confirmed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be sent and deleted; send, delete and record nothing.",
        )
        parser.add_argument(
            "--now",
            help="Act as if it were this moment (ISO 8601 with its offset): for tests and drills.",
        )

    def handle(self, *args, dry_run=False, now=None, **options):
        moment = None
        if now:
            moment = parse_datetime(now)
            if moment is None or moment.tzinfo is None:
                raise CommandError("--now takes an ISO 8601 moment with its offset.")
        report = send_alerts(now=moment, dry_run=dry_run)
        prefix = "Dry run: " if dry_run else ""
        self.stdout.write(f"{prefix}{report}")
        if report.failed:
            raise CommandError(f"{report.failed} alerts could not be sent; the next run retries.")
