from django.core.management.base import BaseCommand, CommandError

from taxonomy import colours


class Command(BaseCommand):
    help = "Write the SDG colour classes into static/css/portal.css from the goals' data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; fail if the stylesheet's classes differ from the data",
        )

    def handle(self, *args, check=False, **options):
        css = colours.STYLESHEET.read_text(encoding="utf-8")
        wanted = colours.with_rules(css, colours.rules(colours.goals()))
        if wanted == css:
            self.stdout.write("The SDG colour classes match the goals' data.")
            return
        if check:
            raise CommandError(
                "The SDG colour classes of static/css/portal.css differ from "
                "fixtures/demo/sdgs.json: run `manage.py sdg_colours`."
            )
        colours.STYLESHEET.write_text(wanted, encoding="utf-8")
        self.stdout.write(f"Wrote the SDG colour classes into {colours.STYLESHEET}.")
