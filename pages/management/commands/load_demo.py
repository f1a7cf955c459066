"""Load the demo content shipped in ``fixtures/demo/`` (see ``fixtures/README.md``).

Every row is matched on its natural key (SDG number, country code, slug, ...) and created or
updated in place, so loading twice changes nothing. Rows whose values are already right are not
saved again (which ``update_or_create`` would do): their "last modified" time keeps meaning
something in the admin, and a second load writes nothing at all.

Dates in the files are offsets from the day of loading (calls open, upcoming and closed; projects
planned, ongoing and completed; past and upcoming events), so the demo stays alive whenever it
is loaded. Times are wall-clock times in Brussels, or in the event's own time zone.
"""

import datetime
import json
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from modeltranslation.settings import DEFAULT_LANGUAGE
from reversion.models import Version

from cooperation_portal.caching import bump_content_version, one_content_change
from cooperation_portal.publication import Publishable
from events.models import Event, Session
from funding.models import Affiliation, ApplicantLevel, Call, FundingScheme
from news.models import NewsItem
from partners.models import Membership, Organisation, Person
from projects.models import Keyword, Participation, Project
from projects.search import refreshed_once
from taxonomy import colours
from taxonomy.models import SDG, Country, Discipline

DEMO_DIRECTORY = Path(settings.BASE_DIR) / "fixtures" / "demo"

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

Record = dict[str, Any]
ModelT = TypeVar("ModelT", bound=models.Model)


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


def parse_time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def parse_date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def aware(
    day: datetime.date, time: datetime.time, time_zone: str | None = None
) -> datetime.datetime:
    """The moment at ``time`` on ``day`` in ``time_zone`` (Brussels, the portal's, by default)."""
    zone = zoneinfo.ZoneInfo(time_zone) if time_zone else timezone.get_default_timezone()
    return timezone.make_aware(datetime.datetime.combine(day, time), zone)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month ``months`` later; used on first days of months only."""
    month_index = day.year * 12 + day.month - 1 + months
    return day.replace(year=month_index // 12, month=month_index % 12 + 1)


def years_earlier(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def next_weekday(day: datetime.date, weekday: int) -> datetime.date:
    """``day`` itself, or the first following day that is ``weekday`` (Monday is 0)."""
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def nearest_weekday_in_year(day: datetime.date, weekday: int) -> datetime.date:
    """The ``weekday`` closest to ``day`` (at most three days away) in the same year."""
    offset = (weekday - day.weekday() + 3) % 7 - 3
    nearest = day + datetime.timedelta(days=offset)
    if nearest.year != day.year:
        nearest -= datetime.timedelta(days=7 if offset > 0 else -7)
    return nearest


def translated(record: Record, *fields: str) -> Record:
    """The English and French values of translated fields, as ``field_en``/``field_fr``."""
    return {
        f"{field}_{language}": record.get(f"{field}_{language}", "")
        for field in fields
        for language in ("en", "fr")
    }


class DemoLoader:
    """Reads the demo files and writes them to the database, one small method per kind."""

    def __init__(self, directory: Path, today: datetime.date) -> None:
        self.directory = directory
        self.today = today
        self.tally = Tally()
        #: Every object the files describe, as loaded: their histories start here.
        self.loaded: list[models.Model] = []
        self.sdgs: dict[int, SDG] = {}
        self.countries: dict[str, Country] = {}
        self.disciplines: dict[str, Discipline] = {}
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[tuple[str, str], Person] = {}
        self.applicant_levels: dict[str, ApplicantLevel] = {}
        self.affiliations: dict[str, Affiliation] = {}
        self.schemes: dict[str, FundingScheme] = {}
        self.projects: dict[str, Project] = {}
        self.keywords: dict[str, Keyword] = {}

    def load(self) -> Tally:
        self.load_sdgs(self.read("sdgs.json")["goals"])
        self.load_countries(self.read("countries.json")["countries"])
        self.load_disciplines(self.read("disciplines.json")["disciplines"])
        organisations = self.read("organisations.json")
        self.load_organisations(organisations["organisations"])
        self.load_memberships(organisations["memberships"])
        self.load_people(self.read("people.json")["people"])
        funding = self.read("funding.json")
        self.load_applicant_levels(funding["applicant_levels"])
        self.load_affiliations(funding["affiliations"])
        self.load_funding_schemes(funding["schemes"])
        self.load_keywords(self.read("keywords.json"))
        self.load_projects(self.read("projects.json")["projects"])
        events = self.read("events.json")
        self.load_cooperation_days(events["cooperation_days"])
        self.load_events(events["events"])
        self.load_news(self.read("news.json")["news"])
        return self.tally

    def load_news(self, news: list[Record]) -> None:
        for record in news:
            published_on = parse_date(record.get("published_on")) or self.in_days(
                -record["days_ago"]
            )
            item = self.upsert(
                NewsItem,
                {"slug": record["slug"]},
                {
                    **translated(record, "title", "summary", "body"),
                    "published_on": published_on,
                    "is_example": record.get("is_example", True),
                    "publication_status": self.publication_status(record),
                },
            )
            # Links are set whole: the file is the truth for a demo item.
            item.organisations.set(
                [self.organisation(slug) for slug in record.get("organisations", [])]
            )
            item.countries.set(self.country_list(record.get("countries", [])))
            item.sdgs.set(self.sdg_list(record.get("sdgs", [])))
            item.projects.set(
                [self.find(self.projects, slug, "project") for slug in record.get("projects", [])]
            )
            events = Event.objects.filter(slug__in=record.get("events", []))
            if len(events) != len(record.get("events", [])):
                raise CommandError(f"The demo news {record['slug']!r} names an unknown event.")
            item.events.set(events)

    # -- Reading and writing ------------------------------------------------------------------

    def read(self, name: str) -> Record:
        path = self.directory / name
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CommandError(f"Demo file {path} is missing.") from error
        except json.JSONDecodeError as error:
            raise CommandError(f"Demo file {path} is not valid JSON: {error}") from error

    def upsert(self, model: type[ModelT], lookup: Record, values: Record) -> ModelT:
        """Create the row found by ``lookup``, or bring it to ``values``; save only on change."""
        instance = model._default_manager.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            self.tally.created += 1
        else:
            changed = [
                name for name, value in values.items() if not has_value(instance, name, value)
            ]
            if not changed:
                self.tally.unchanged += 1
                self.loaded.append(instance)
                return instance
            for name in changed:
                setattr(instance, name, values[name])
            self.tally.updated += 1
        # Field validators (choices, URLs, lengths) and Model.clean() catch mistakes in the files;
        # unique and check constraints are left to the database, which enforces them anyway.
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise CommandError(
                f"Invalid demo {model._meta.verbose_name} {lookup}: {error}"
            ) from error
        instance.save()
        self.loaded.append(instance)
        return instance

    @staticmethod
    def find(mapping: dict[Any, ModelT], key: Any, what: str) -> ModelT:
        try:
            return mapping[key]
        except KeyError:
            raise CommandError(f"The demo files refer to an unknown {what}: {key!r}.") from None

    def organisation(self, slug: str | None) -> Organisation | None:
        return self.find(self.organisations, slug, "organisation") if slug else None

    def person(self, reference: Record | None) -> Person | None:
        if not reference:
            return None
        key = (reference["organisation"], reference["role_en"])
        return self.find(self.people, key, "contact")

    def country(self, code: str | None) -> Country | None:
        return self.find(self.countries, code, "country") if code else None

    def sdg_list(self, numbers: list[int]) -> list[SDG]:
        return [self.find(self.sdgs, number, "SDG") for number in numbers]

    def country_list(self, codes: list[str]) -> list[Country]:
        return [self.find(self.countries, code, "country") for code in codes]

    def discipline_list(self, slugs: list[str]) -> list[Discipline]:
        return [self.find(self.disciplines, slug, "discipline") for slug in slugs]

    @staticmethod
    def publication_status(record: Record) -> str:
        return record.get("publication_status", Publishable.PublicationStatus.PUBLISHED)

    # -- Vocabularies -------------------------------------------------------------------------

    def load_sdgs(self, goals: list[Record]) -> None:
        for goal in goals:
            self.sdgs[goal["number"]] = self.upsert(
                SDG,
                {"number": goal["number"]},
                {
                    **translated(goal, "title"),
                    "colour": goal["colour"].upper(),
                    "text_colour": colours.text_colour(goal),
                },
            )

    def load_countries(self, countries: list[Record]) -> None:
        for record in countries:
            self.countries[record["code"]] = self.upsert(
                Country,
                {"code": record["code"]},
                {
                    **translated(record, "name"),
                    "region": record["region"],
                    # A country beyond the sources' partner countries is an example.
                    "is_example": record.get("is_example", False),
                },
            )

    def load_disciplines(self, disciplines: list[Record]) -> None:
        for record in disciplines:
            self.disciplines[record["slug"]] = self.upsert(
                Discipline, {"slug": record["slug"]}, translated(record, "name")
            )

    # -- Partners -----------------------------------------------------------------------------

    def load_organisations(self, organisations: list[Record]) -> None:
        # Listed so that a parent or successor comes before the organisations that refer to it.
        for record in organisations:
            self.organisations[record["slug"]] = self.upsert(
                Organisation,
                {"slug": record["slug"]},
                {
                    **translated(record, "name", "tagline", "description"),
                    "publication_status": self.publication_status(record),
                    "kind": record["kind"],
                    "acronym": record.get("acronym", ""),
                    "is_own_structure": record.get("is_own_structure", False),
                    "country": self.country(record.get("country")),
                    "city": record.get("city", ""),
                    "website": record.get("website", ""),
                    "parent": self.organisation(record.get("parent")),
                    "founded_on": parse_date(record.get("founded_on")),
                    "merged_into": self.organisation(record.get("merged_into")),
                    "merged_on": parse_date(record.get("merged_on")),
                },
            )

    def load_memberships(self, memberships: list[Record]) -> None:
        for record in memberships:
            self.upsert(
                Membership,
                {
                    "organisation": self.organisation(record["organisation"]),
                    "member": self.organisation(record["member"]),
                },
                {"joined_on": parse_date(record.get("joined_on"))},
            )

    def load_people(self, people: list[Record]) -> None:
        for record in people:
            organisation = self.organisation(record["organisation"])
            self.people[(record["organisation"], record["role_en"])] = self.upsert(
                Person,
                {"organisation": organisation, "role_en": record["role_en"]},
                {
                    # Contacts are roles: the demo never names (or invents) a person.
                    "name": "",
                    "role_fr": record["role_fr"],
                    "email": record.get("email", ""),
                    "phone": record.get("phone", ""),
                    "show_in_footer": record.get("show_in_footer", False),
                    "position": record.get("position", 0),
                    # Their addresses and numbers are invented (example.org, +32 2 000 00 xx).
                    "is_example": record.get("is_example", True),
                },
            )

    # -- Funding ------------------------------------------------------------------------------

    def load_applicant_levels(self, levels: list[Record]) -> None:
        for record in levels:
            self.applicant_levels[record["code"]] = self.upsert(
                ApplicantLevel, {"code": record["code"]}, {"position": record["position"]}
            )

    def load_affiliations(self, affiliations: list[Record]) -> None:
        for record in affiliations:
            self.affiliations[record["code"]] = self.upsert(
                Affiliation, {"code": record["code"]}, {"position": record["position"]}
            )

    def load_funding_schemes(self, schemes: list[Record]) -> None:
        for record in schemes:
            scheme = self.upsert(
                FundingScheme,
                {"slug": record["slug"]},
                {
                    **translated(record, "name", "summary", "description", "duration"),
                    "publication_status": self.publication_status(record),
                    "kind": record["kind"],
                    "funder": self.organisation(record["funder"]),
                    "open_to_all_nationalities": record["open_to_all_nationalities"],
                    "applicant_type": record["applicant_type"],
                    "amount_min": decimal_or_none(record.get("amount_min")),
                    "amount_max": decimal_or_none(record.get("amount_max")),
                    "application_url": record.get("application_url", ""),
                    "contact": self.person(record.get("contact")),
                    "is_example": record.get("is_example", True),
                },
            )
            scheme.applicant_levels.set(
                [
                    self.find(self.applicant_levels, code, "applicant level")
                    for code in record["applicant_levels"]
                ]
            )
            scheme.eligible_nationalities.set(self.country_list(record["eligible_nationalities"]))
            scheme.eligible_affiliations.set(
                [
                    self.find(self.affiliations, code, "affiliation")
                    for code in record["eligible_affiliations"]
                ]
            )
            scheme.disciplines.set(self.discipline_list(record["disciplines"]))
            scheme.sdgs.set(self.sdg_list(record["sdgs"]))
            for call in record["calls"]:
                self.load_call(scheme, call)
            self.schemes[record["slug"]] = scheme

    def load_call(self, scheme: FundingScheme, record: Record) -> Call:
        deadline_time = parse_time(record.get("deadline_time", "23:59"))
        internal_deadline = None
        if "internal_deadline_in_days" in record:
            internal_deadline = aware(
                self.in_days(record["internal_deadline_in_days"]),
                parse_time(
                    record.get("internal_deadline_time", record.get("deadline_time", "23:59"))
                ),
            )
        return self.upsert(
            Call,
            {"scheme": scheme, "title_en": record["title_en"]},
            {
                "title_fr": record["title_fr"],
                "opens_at": aware(self.in_days(record["opens_in_days"]), datetime.time(0, 0)),
                "deadline": aware(self.in_days(record["deadline_in_days"]), deadline_time),
                "internal_deadline": internal_deadline,
                "url": record.get("url", ""),
            },
        )

    # -- Projects -----------------------------------------------------------------------------

    def load_keywords(self, keywords: list[Record]) -> None:
        """The projects' keywords, by their English name (as `projects.json` gives them)."""
        for record in keywords:
            self.keywords[record["name_en"]] = self.upsert(
                Keyword,
                {"slug": Keyword().slugify(record["name_en"])},
                translated(record, "name"),
            )

    def load_projects(self, projects: list[Record]) -> None:
        first_of_month = self.today.replace(day=1)
        for record in projects:
            start_date = add_months(first_of_month, record["start_in_months"])
            end_date = None
            if record.get("duration_months"):
                end_date = add_months(start_date, record["duration_months"]) - datetime.timedelta(
                    days=1
                )
            project = self.upsert(
                Project,
                {"slug": record["slug"]},
                {
                    **translated(record, "title", "summary", "description"),
                    "publication_status": self.publication_status(record),
                    "is_example": record.get("is_example", True),
                    "acronym": record.get("acronym", ""),
                    "start_date": start_date,
                    "end_date": end_date,
                    "budget": decimal_or_none(record.get("budget")),
                    "website": record.get("website", ""),
                    "contact": self.person(record.get("contact")),
                },
            )
            project.countries.set(self.country_list(record["countries"]))
            project.disciplines.set(self.discipline_list(record["disciplines"]))
            project.sdgs.set(self.sdg_list(record["sdgs"]))
            project.funding_schemes.set(
                [
                    self.find(self.schemes, slug, "funding scheme")
                    for slug in record["funding_schemes"]
                ]
            )
            project.keywords.set(
                [self.find(self.keywords, name, "keyword") for name in record["keywords"]]
            )
            self.load_participations(project, record["participations"], start_date)
            self.projects[record["slug"]] = project

    def load_participations(
        self, project: Project, participations: list[Record], start_date: datetime.date
    ) -> None:
        """The project's participations become exactly those listed (like an M2M ``set``).

        An organisation founded after the project started (Ucoopia) gives way to the one that
        held its place then (``before_founding``: ULB-Coopération or Eclosio)."""
        wanted: dict[tuple[int, str], None] = {}  # ordered, without duplicates
        for record in participations:
            if record["role"] not in Participation.Role.values:
                raise CommandError(f"Unknown participation role {record['role']!r}.")
            organisation = self.existing_on(
                start_date, record["organisation"], record.get("before_founding")
            )
            wanted[(organisation.pk, record["role"])] = None
        existing = {
            (participation.organisation_id, participation.role): participation.pk
            for participation in project.participations.all()
        }
        stale = [pk for key, pk in existing.items() if key not in wanted]
        missing = [key for key in wanted if key not in existing]
        project.participations.filter(pk__in=stale).delete()
        Participation.objects.bulk_create(
            Participation(project=project, organisation_id=organisation_id, role=role)
            for organisation_id, role in missing
        )
        if missing:  # bulk_create sends no signal: the project's partners are searched too
            Project.objects.filter(pk=project.pk).refresh_search()
        self.tally.created += len(missing)
        self.tally.removed += len(stale)
        self.tally.unchanged += len(wanted) - len(missing)

    # -- Events -------------------------------------------------------------------------------

    def load_cooperation_days(self, days: Record) -> None:
        """One University Cooperation Day a year: the next edition and the ones before it."""
        weekday = WEEKDAYS.index(days["weekday"])
        next_edition = next_weekday(self.in_days(days["next_edition_in_days"]), weekday)
        for edition in days["editions"]:
            years_before = edition["years_before_next"]
            day = next_edition
            if years_before:
                day = nearest_weekday_in_year(years_earlier(next_edition, years_before), weekday)
            year = str(day.year)
            registration_deadline = aware(
                day - datetime.timedelta(days=days["registration_closes_days_before"]),
                parse_time(days["registration_deadline"]),
            )
            event = self.upsert(
                Event,
                {"slug": days["slug"].format(year=year)},
                {
                    "title_en": days["title_en"].format(year=year),
                    "title_fr": days["title_fr"].format(year=year),
                    **translated(edition, "summary", "description"),
                    **translated(days, "venue"),
                    "publication_status": Publishable.PublicationStatus.PUBLISHED,
                    "kind": Event.Kind.COOPERATION_DAY,
                    "starts_at": aware(day, parse_time(days["starts"])),
                    "ends_at": aware(day, parse_time(days["ends"])),
                    "time_zone": settings.TIME_ZONE,
                    "is_online": False,
                    "online_url": "",
                    "address": days["address"],
                    "city": days["city"],
                    "country": self.country(days["country"]),
                    "organiser": self.organisation(days["organiser"]),
                    "registration_url": days["registration_url"].format(year=year),
                    "registration_deadline": registration_deadline,
                    "is_cancelled": False,
                    # Its dates, venue and programme are invented for the demonstration.
                    "is_example": True,
                },
            )
            event.sdgs.set(self.sdg_list(edition["sdgs"]))
            self.load_sessions(event, day, edition["sessions"])

    def load_events(self, events: list[Record]) -> None:
        for record in events:
            time_zone = record.get("time_zone", settings.TIME_ZONE)
            registration_deadline = None
            if "registration_deadline_in_days" in record:
                registration_deadline = aware(
                    self.in_days(record["registration_deadline_in_days"]),
                    parse_time(record["registration_deadline"]),
                    time_zone,
                )
            event = self.upsert(
                Event,
                {"slug": record["slug"]},
                {
                    **translated(record, "title", "summary", "description", "venue"),
                    "publication_status": self.publication_status(record),
                    "kind": record["kind"],
                    "starts_at": aware(
                        self.in_days(record["starts_in_days"]),
                        parse_time(record["starts"]),
                        time_zone,
                    ),
                    "ends_at": aware(
                        self.in_days(record["ends_in_days"]), parse_time(record["ends"]), time_zone
                    ),
                    "time_zone": time_zone,
                    "is_online": record.get("is_online", False),
                    "online_url": record.get("online_url", ""),
                    "address": record.get("address", ""),
                    "city": record.get("city", ""),
                    "country": self.country(record.get("country")),
                    "organiser": self.existing_on(
                        self.in_days(record["starts_in_days"]),
                        record.get("organiser"),
                        record.get("organiser_before_founding"),
                    ),
                    "registration_url": record.get("registration_url", ""),
                    "registration_deadline": registration_deadline,
                    "is_cancelled": record.get("is_cancelled", False),
                    "is_example": record.get("is_example", True),
                },
            )
            event.projects.set(
                [self.find(self.projects, slug, "project") for slug in record["projects"]]
            )
            event.sdgs.set(self.sdg_list(record["sdgs"]))
            day = self.in_days(record["starts_in_days"])
            self.load_sessions(event, day, record.get("sessions", []), time_zone)

    def load_sessions(
        self,
        event: Event,
        day: datetime.date,
        sessions: list[Record],
        time_zone: str | None = None,
    ) -> None:
        for record in sessions:
            self.upsert(
                Session,
                {"event": event, "title_en": record["title_en"]},
                {
                    "title_fr": record["title_fr"],
                    **translated(record, "description"),
                    "starts_at": aware(day, parse_time(record["starts"]), time_zone),
                    "ends_at": aware(day, parse_time(record["ends"]), time_zone),
                    "room": record.get("room", ""),
                    **self.speakers(record, day),
                },
            )
        # A demo event's programme becomes exactly the one listed (a session dropped from
        # the files, e.g. an invented one, goes).
        stale = event.sessions.exclude(title_en__in=[record["title_en"] for record in sessions])
        self.tally.removed += stale.delete()[0]

    def speakers(self, record: Record, day: datetime.date) -> Record:
        """The session's speakers in both languages. A ``{placeholder}`` in them names the
        organisation of ``speaking`` that existed on ``day`` (Ucoopia from its launch on,
        ULB-Coopération before it)."""
        values = translated(record, "speakers")
        speaking = record.get("speaking", {})
        if not speaking:
            return values
        for language in ("en", "fr"):
            names = {
                placeholder: getattr(
                    self.existing_on(day, who["organisation"], who.get("before_founding")),
                    f"name_{language}",
                )
                for placeholder, who in speaking.items()
            }
            values[f"speakers_{language}"] = values[f"speakers_{language}"].format(**names)
        return values

    def existing_on(
        self, day: datetime.date, slug: str | None, before_founding: str | None = None
    ) -> Organisation | None:
        """The organisation ``slug``, or when it was founded after ``day``, the organisation
        ``before_founding`` that held its place then: no row of the demo shows an organisation
        before it existed."""
        organisation = self.organisation(slug)
        if organisation is None or not organisation.founded_on or day >= organisation.founded_on:
            return organisation
        if not before_founding:
            raise CommandError(
                f"The demo files name {slug!r} on {day}, before it was founded "
                f"({organisation.founded_on}); give the organisation before it "
                "('before_founding')."
            )
        return self.existing_on(day, before_founding)

    def in_days(self, days: int) -> datetime.date:
        return self.today + datetime.timedelta(days=days)


def has_value(instance: models.Model, name: str, value: Any) -> bool:
    field = instance._meta.get_field(name)
    if field.many_to_one:
        # Compare keys, without fetching the related row.
        return getattr(instance, field.attname) == (value.pk if value is not None else None)
    return getattr(instance, name) == value


def decimal_or_none(value: int | float | str | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def summary(tally: Tally) -> str:
    counts = ", ".join(
        f"{count} {singular if count == 1 else plural}"
        for count, singular, plural in [
            (SDG.objects.count(), "SDG", "SDGs"),
            (Country.objects.count(), "country", "countries"),
            (Discipline.objects.count(), "discipline", "disciplines"),
            (Organisation.objects.count(), "organisation", "organisations"),
            (Membership.objects.count(), "membership", "memberships"),
            (Person.objects.count(), "contact", "contacts"),
            (FundingScheme.objects.count(), "funding scheme", "funding schemes"),
            (Call.objects.count(), "call", "calls"),
            (Project.objects.count(), "project", "projects"),
            (Participation.objects.count(), "participation", "participations"),
            (Event.objects.count(), "event", "events"),
            (Session.objects.count(), "session", "sessions"),
            (NewsItem.objects.count(), "news item", "news items"),
        ]
    )
    return (
        f"Demo data loaded: {counts} "
        f"({tally.created} rows created, {tally.updated} updated, {tally.unchanged} unchanged, "
        f"{tally.removed} removed)."
    )


class Command(BaseCommand):
    help = (
        "Load the demo content from fixtures/demo/ (SDGs, countries, disciplines, organisations, "
        "contacts, funding, projects, events, news), or bring it up to date. Loading twice changes "
        "nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=DEMO_DIRECTORY,
            help="Folder of the demo files (default: fixtures/demo/).",
        )

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        # The untranslated column mirrors the default language, whatever the shell's locale.
        # Each project's search columns are computed once, at the end, not after each of its
        # links; the content version is bumped once, not after each row.
        with (
            transaction.atomic(),
            translation.override(DEFAULT_LANGUAGE),
            one_content_change(),
            refreshed_once(),
        ):
            loader = DemoLoader(directory, today=timezone.localdate())
            tally = loader.load()
        # Participations are written with bulk_create, which sends no signals.
        bump_content_version()
        start_histories(loader.loaded)
        self.stdout.write(summary(tally))


def start_histories(objects) -> None:
    """Each demo object's history starts with the demo's version of it (one version each, so
    that restoring one restores nothing else); objects with a history are left alone, and so is
    everything the demo files do not describe (an officer's content, generated projects)."""
    comment = gettext("Loaded from the demo data (load_demo).")
    objects = [
        obj
        for obj in {(type(obj), obj.pk): obj for obj in objects}.values()
        if reversion.is_registered(type(obj))
    ]
    # Which of them have a history already: one query per model, not one per object.
    with_history = set()
    for model in {type(obj) for obj in objects}:
        ids = [str(obj.pk) for obj in objects if type(obj) is model]
        with_history.update(
            (model, object_id)
            for object_id in Version.objects.get_for_model(model)
            .filter(object_id__in=ids)
            .values_list("object_id", flat=True)
        )
    for obj in objects:
        if (type(obj), str(obj.pk)) in with_history:
            continue
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment(comment)
            reversion.add_to_revision(obj)
