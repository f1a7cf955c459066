"""Events and their programmes from and to the spreadsheets officers keep: `EventResource` (one
row per event, the columns of `EVENT_COLUMNS`) and `SessionResource` (one row per session, the
columns of `SESSION_COLUMNS`), exported and imported alike, so that an export can be edited and
imported back.

What a cell of the events' file holds:

- `slug`: the event's address, how a row finds the event it changes (blank: made from
  `title_fr`, as the admin does); `title_fr`, `summary_fr` are required; the texts in each
  language, `address` and `city` as text;
- `kind`: its code (`seminar`) or its name in French or English (`Séminaire`), capitals and
  accents ignored; exported as the code;
- `starts_at`, `ends_at`, `registration_deadline`: a date and time in Brussels time, as the
  admin reads and shows them (`31/03/2027 14:00` or `2027-03-31 14:00`); exported as
  `2027-03-31 14:00`. `time_zone` is where the event takes place, for its visitors
  (`Africa/Kinshasa`; blank: Brussels): it never changes how the file's times are read;
- `is_online`, `is_cancelled`, `is_example`: yes or no (also oui/non, true/false, 1/0, x; blank
  is no); exported as yes or no;
- `online_url`, `registration_url`: web addresses; `https://` is added when missing, as the
  admin's form does;
- `country` by ISO code, `organiser` by the organisation's slug, name (French or English) or
  acronym (exported by slug), `projects` by slug, `sdgs` by number: existing rows only, an
  unknown one is an error naming it.

What a cell of the sessions' file holds: `event` is the slug of an existing event; the titles,
descriptions, room and speakers as text; `starts_at` and `ends_at` in Brussels time.

Sessions have no address of their own: a row finds the session it changes by its event, its
start and its French title together (`SessionResource`'s docstring says why). Publication
status is no column. A new event is a draft, and an update leaves an event draft or published
where it stands (as for projects). Like the admin, only who may publish events (cooperation
officers) changes a published event or the programme of one.
"""

import datetime
import zoneinfo

import tablib
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field
from import_export.instance_loaders import ModelInstanceLoader

from cooperation_portal.publication import may_publish
from cooperation_portal.spreadsheets import (
    ChoiceWidget,
    DateTimeWidget,
    ReferenceListWidget,
    ReferenceWidget,
    SpreadsheetResource,
    TextWidget,
    WebsiteWidget,
    YesNoWidget,
    column,
    in_brussels,
    parse_date_time,
)
from partners.models import Organisation
from partners.resources import OrganisationReferenceWidget
from projects.models import Project
from taxonomy.models import SDG, Country
from taxonomy.resources import CountryWidget, SDGsWidget

from .models import Event, Session

EVENT_COLUMNS = [
    "slug",
    "title_fr",
    "title_en",
    "kind",
    "summary_fr",
    "summary_en",
    "description_fr",
    "description_en",
    "starts_at",
    "ends_at",
    "time_zone",
    "organiser",
    "is_online",
    "online_url",
    "venue_fr",
    "venue_en",
    "address",
    "city",
    "country",
    "registration_url",
    "registration_deadline",
    "is_cancelled",
    "projects",
    "sdgs",
    "is_example",
]

SESSION_COLUMNS = [
    "event",
    "starts_at",
    "ends_at",
    "title_fr",
    "title_en",
    "room",
    "speakers_fr",
    "speakers_en",
    "description_fr",
    "description_en",
]

#: How long the template's example session lasts (within its event).
SESSION_LENGTH = datetime.timedelta(hours=1)

# Widgets ---------------------------------------------------------------------------------------


class TimeZoneWidget(TextWidget):
    """A time zone's name (`Africa/Kinshasa`), capitals ignored; blank is the model's default,
    Brussels, as the admin's form offers it. A name that is no time zone is left for the
    model's own check to name."""

    def __init__(self):
        super().__init__()
        self._zones = None

    def clean(self, value, row=None, **kwargs):
        typed = super().clean(value, row, **kwargs)
        if not typed:
            return Event._meta.get_field("time_zone").default
        if self._zones is None:
            self._zones = {zone.casefold(): zone for zone in zoneinfo.available_timezones()}
        return self._zones.get(typed.casefold(), typed)


class ProjectsWidget(ReferenceListWidget):
    """Projects by slug (`water-kinshasa; one-health-benin`)."""

    def keys_of(self, project):
        return [project.slug]

    def key_of(self, project):
        return project.slug

    def unknown(self, key):
        return gettext("no project with slug `%(key)s`") % {"key": key}


class EventWidget(ReferenceWidget):
    """An event by its slug: the event a session belongs to."""

    def keys_of(self, event):
        return [event.slug]

    def key_of(self, event):
        return event.slug

    def unknown(self, key):
        return gettext("no event with slug `%(key)s`") % {"key": key}


def ends_before_it_starts(instance) -> bool:
    return bool(instance.starts_at and instance.ends_at and instance.ends_at < instance.starts_at)


# Events ---------------------------------------------------------------------------------------


class EventResource(SpreadsheetResource):
    """Events, matched by slug; see the module's docstring for the columns and for what an
    import does to drafts and published events."""

    slug = column("slug")
    title_fr = column("title_fr")
    title_en = column("title_en")
    kind = Field(attribute="kind", column_name="kind", widget=ChoiceWidget(Event.Kind))
    summary_fr = column("summary_fr")
    summary_en = column("summary_en")
    description_fr = column("description_fr")
    description_en = column("description_en")
    starts_at = column("starts_at", DateTimeWidget())
    ends_at = column("ends_at", DateTimeWidget())
    time_zone = Field(attribute="time_zone", column_name="time_zone", widget=TimeZoneWidget())
    organiser = Field(
        attribute="organiser", column_name="organiser", widget=OrganisationReferenceWidget()
    )
    is_online = column("is_online", YesNoWidget())
    online_url = Field(attribute="online_url", column_name="online_url", widget=WebsiteWidget())
    venue_fr = column("venue_fr")
    venue_en = column("venue_en")
    address = column("address")
    city = column("city")
    country = Field(attribute="country", column_name="country", widget=CountryWidget())
    registration_url = Field(
        attribute="registration_url", column_name="registration_url", widget=WebsiteWidget()
    )
    registration_deadline = column("registration_deadline", DateTimeWidget())
    is_cancelled = column("is_cancelled", YesNoWidget())
    projects = Field(attribute="projects", column_name="projects", widget=ProjectsWidget(Project))
    sdgs = Field(attribute="sdgs", column_name="sdgs", widget=SDGsWidget())
    is_example = column("is_example", YesNoWidget())

    slug_from = "title_fr"
    matching_note = _(
        "A row with the slug of an existing event changes that event; any other row adds a new "
        "event, as a draft. The sessions of the programme are imported in a file of their own, "
        "under Sessions."
    )
    column_notes = {
        "slug": _(
            "The event's address (lower-case letters, digits and hyphens): a row with the slug "
            "of an existing event changes that event. Left blank, it is made from title_fr."
        ),
        "title_fr": _("Title in French. Required."),
        "title_en": _("Title in English."),
        "kind": _(
            "What kind of event: cooperation-day, seminar, information-session, workshop, "
            "conference, exhibition or other (or the kind's name in French or English). Required."
        ),
        "summary_fr": _("Summary in French, at most 800 characters. Required."),
        "summary_en": _("Summary in English, at most 800 characters."),
        "description_fr": _("Description in French (Markdown: **bold**, lists, links)."),
        "description_en": _("Description in English (Markdown)."),
        "starts_at": _(
            "Date and time the event starts, in Brussels time, as in the admin (whatever the "
            "event's time zone): 31/03/2027 14:00 or 2027-03-31 14:00. Required."
        ),
        "ends_at": _(
            "Date and time the event ends, in Brussels time: 31/03/2027 17:30 or "
            "2027-03-31 17:30; not before starts_at. Required."
        ),
        "time_zone": _(
            "Time zone of the place, shown to visitors beside Brussels time, for example "
            "Africa/Kinshasa. Blank: Europe/Brussels. It does not change how the times of this "
            "file are read: they are in Brussels time."
        ),
        "organiser": _(
            "The organising organisation, by slug, name (French or English) or acronym; it must "
            "exist under Organisations. Blank: none."
        ),
        "is_online": _(
            "Whether the event takes place online: yes or no (oui, non; blank is no). An online "
            "event without a venue needs online_url."
        ),
        "online_url": _("Link to follow the event online; https:// is added when missing."),
        "venue_fr": _("Venue in French, for example Campus du Solbosch."),
        "venue_en": _("Venue in English."),
        "address": _("Street address of the venue."),
        "city": _("City."),
        "country": _("ISO code of the country, for example BE or CD."),
        "registration_url": _("Link to register; https:// is added when missing."),
        "registration_deadline": _(
            "Date and time registration closes, in Brussels time: 24/03/2027 23:59. Blank: "
            "registration closes when the event starts."
        ),
        "is_cancelled": _("Whether the event is cancelled: yes or no (oui, non; blank is no)."),
        "projects": _("Related projects, by slug, separated by “; ”: they must exist."),
        "sdgs": _("Sustainable Development Goal numbers (1 to 17) separated by “; ”."),
        "is_example": _(
            "Whether the event is invented for a demonstration (shown with a notice that it is "
            "an example): yes or no (blank is no)."
        ),
    }

    class Meta:
        model = Event
        fields = EVENT_COLUMNS
        import_order = EVENT_COLUMNS
        export_order = EVENT_COLUMNS

    def notes(self) -> list:
        return [
            *super().notes(),
            _(
                "Every date and time is in Brussels time, as the admin reads and shows them, "
                "whatever the event's time_zone."
            ),
        ]

    def export_queryset(self, queryset=None):
        """`queryset` (every event) with what the columns read, in a few queries."""
        queryset = Event.objects.all() if queryset is None else queryset
        return (
            queryset.order_by("starts_at", "slug")
            .select_related("country", "organiser")
            .prefetch_related("projects", "sdgs")
        )

    def export(self, queryset=None, **kwargs):
        return super().export(self.export_queryset(queryset), **kwargs)

    def example_row(self) -> dict[str, str]:
        year = timezone.localdate().year + 1
        row = {
            "slug": f"seminaire-partenariats-{year}",
            "title_fr": f"Séminaire : des partenariats équitables ({year})",
            "title_en": f"Seminar: fair partnerships ({year})",
            "kind": Event.Kind.SEMINAR.value,
            "summary_fr": "Une après-midi d'échanges entre universités partenaires.",
            "summary_en": "An afternoon of exchanges between partner universities.",
            "description_fr": "",
            "description_en": "",
            "starts_at": f"15/10/{year} 14:00",
            "ends_at": f"15/10/{year} 17:30",
            "time_zone": "Europe/Brussels",
            "is_online": "no",
            "online_url": "",
            "venue_fr": "Campus du Solbosch",
            "venue_en": "Solbosch campus",
            "address": "Avenue Franklin Roosevelt 50",
            "city": "Bruxelles",
            "registration_url": "https://www.example.org/inscription",
            "registration_deadline": f"08/10/{year} 23:59",
            "is_cancelled": "no",
            "is_example": "no",
        }
        country = (
            Country.objects.filter(code="BE").first() or Country.objects.order_by("code").first()
        )
        row["country"] = country.code if country else ""
        organisation = Organisation.objects.order_by("slug").first()
        row["organiser"] = (
            self.written_as("organiser", organisation, [organisation.acronym, organisation.name_fr])
            if organisation
            else ""
        )
        project = Project.objects.order_by("slug").first()
        row["projects"] = project.slug if project else ""
        sdg = SDG.objects.filter(number=17).first() or SDG.objects.order_by("number").first()
        row["sdgs"] = str(sdg.number) if sdg else ""
        return row

    def check_row(self, instance, new, row):
        """The rules of the admin's form and of the model's constraints, said for the column
        they concern (the model's own message for an end before the start names a constraint;
        its `clean()` says the others: an online event's link, one University Cooperation Day
        a year, a known time zone)."""
        problems = super().check_row(instance, new, row)
        if ends_before_it_starts(instance):
            problems.setdefault(
                "ends_at",
                gettext("the event ends before it starts (%(start)s, Brussels time)")
                % {"start": in_brussels(instance.starts_at)},
            )
        return problems


# Sessions -------------------------------------------------------------------------------------


def event_key(value):
    return value.strip().casefold() if isinstance(value, str) else value


def moment_key(value):
    try:
        return DateTimeWidget().render(parse_date_time(value)) or value
    except ValueError:
        return value


#: How the cells of a session's key are written alike (`SessionResource.prepared`).
KEY_CELLS = {"event": event_key, "starts_at": moment_key}


class SessionResource(SpreadsheetResource):
    """The sessions of events' programmes, one row per session.

    A session has no slug: a row finds the session it changes by its event, its start and its
    French title together (`import_id_fields`). Not by event and title alone: a programme
    repeats titles (a welcome each morning of a two-day event, a coffee break, a workshop
    given twice), and two sessions with one title would make such a key name both. Two
    sessions of an event that start together with the same French title would be the same
    line of the programme to a visitor too. The cost: a row that moves a session to another
    time, or renames it in French, adds a new session; that is done in the admin (said in
    `matching_note`).

    A session of a published event is on its public page: as on the event's page in the
    admin, only who may publish events adds or changes one.
    """

    event = Field(attribute="event", column_name="event", widget=EventWidget(Event))
    starts_at = column("starts_at", DateTimeWidget())
    ends_at = column("ends_at", DateTimeWidget())
    title_fr = column("title_fr")
    title_en = column("title_en")
    room = column("room")
    speakers_fr = column("speakers_fr")
    speakers_en = column("speakers_en")
    description_fr = column("description_fr")
    description_en = column("description_en")

    matching_note = _(
        "A row with the event, starts_at and title_fr of an existing session changes that "
        "session (its end, English title, room, speakers and descriptions); any other row adds "
        "a new session. To move a session to another time or change its French title, change it "
        "in the admin: a file would add a second session."
    )
    column_notes = {
        "event": _(
            "The slug of the event the session belongs to (the end of the event's address, or "
            "the slug column of the events' file); the event must exist. Required."
        ),
        "starts_at": _(
            "Date and time the session starts, in Brussels time, as in the admin (whatever the "
            "event's time zone): 31/03/2027 09:30 or 2027-03-31 09:30. Required."
        ),
        "ends_at": _(
            "Date and time the session ends, in Brussels time: 31/03/2027 10:45; not before "
            "starts_at. Required."
        ),
        "title_fr": _("Title in French. Required."),
        "title_en": _("Title in English."),
        "room": _(
            "Room, for example Salle Dupréel. Sessions at the same time in other rooms run "
            "in parallel."
        ),
        "speakers_fr": _("Speakers in French: names and affiliations."),
        "speakers_en": _("Speakers in English: names and affiliations."),
        "description_fr": _("Description in French."),
        "description_en": _("Description in English."),
    }

    class Meta:
        model = Session
        fields = SESSION_COLUMNS
        import_order = SESSION_COLUMNS
        export_order = SESSION_COLUMNS
        import_id_fields = ["event", "starts_at", "title_fr"]
        # The cached loader reads one key column only.
        instance_loader_class = ModelInstanceLoader

    def notes(self) -> list:
        return [
            *super().notes(),
            _(
                "The sessions of a published event are on its public page: only a cooperation "
                "officer may add or change them."
            ),
            _(
                "Every date and time is in Brussels time, as the admin reads and shows them, "
                "whatever the event's time_zone."
            ),
        ]

    def export_queryset(self, queryset=None):
        """`queryset` (every session) with its event, in one query, by event then time."""
        queryset = Session.objects.all() if queryset is None else queryset
        return queryset.select_related("event").order_by(
            "event__starts_at", "event__slug", "starts_at", "room", "title_fr", "pk"
        )

    def export(self, queryset=None, **kwargs):
        return super().export(self.export_queryset(queryset), **kwargs)

    def example_row(self) -> dict[str, str]:
        """A session of an event of this database: a draft one when there is one, so that the
        row imports cleanly for an editor too."""
        event = (
            Event.objects.filter(publication_status=Event.PublicationStatus.DRAFT)
            .order_by("-starts_at", "slug")
            .first()
            or Event.objects.order_by("-starts_at", "slug").first()
        )
        row = {
            "event": event.slug if event else "",
            "title_fr": "Table ronde : la parole aux partenaires",
            "title_en": "Round table: partners speak",
            "room": "Salle Dupréel",
            "speakers_fr": "Aminata Diallo (Université Cheikh Anta Diop)",
            "speakers_en": "Aminata Diallo (Cheikh Anta Diop University)",
            "description_fr": "",
            "description_en": "",
        }
        if event is None:
            return {**row, "starts_at": "", "ends_at": ""}
        widget = DateTimeWidget()
        ends_at = min(event.starts_at + SESSION_LENGTH, event.ends_at)
        return {
            **row,
            "starts_at": widget.render(event.starts_at),
            "ends_at": widget.render(ends_at),
        }

    def prepared(self, dataset):
        """`dataset` with the cells of the key written one way (`2027-03-31 09:30` for
        `31/03/2027 9h30`, the event's slug in lower case), so that two rows naming one
        session are found whichever way each is typed. A cell that cannot be read is left as
        typed, for its error."""
        dataset = super().prepared(dataset)
        headers = list(dataset.headers or [])
        key_columns = [(at, column) for at, column in enumerate(headers) if column in KEY_CELLS]
        if not key_columns:
            return dataset
        prepared = tablib.Dataset(headers=headers)
        for values in dataset:
            values = list(values)
            for at, name in key_columns:
                values[at] = KEY_CELLS[name](values[at])
            prepared.append(values)
        return prepared

    def check_row(self, instance, new, row):
        """The rules of the admin: the end not before the start, and a published event's
        programme changed only by who may publish events. (The admin lets a session lie
        outside its event's dates, an evening reception or a session announced beforehand:
        so does the import.)"""
        problems = super().check_row(instance, new, row)
        if ends_before_it_starts(instance):
            problems.setdefault(
                "ends_at",
                gettext("the session ends before it starts (%(start)s, Brussels time)")
                % {"start": in_brussels(instance.starts_at)},
            )
        return problems

    def publisher_problem(self, instance, new):
        """A published event's programme is on its public page: only who may publish events
        adds or changes a session of it (asked of rows that change something only)."""
        event = instance.event if instance.event_id else None
        if (
            event is not None
            and self.user is not None
            and event.is_published
            and not may_publish(self.user, Event)
        ):
            return gettext(
                "“%(event)s” is published: only a cooperation officer may change its programme"
            ) % {"event": event}
        return super().publisher_problem(instance, new)


#: What `manage.py import_content --model ...` imports (see that command).
SPREADSHEET_RESOURCES = {"events": EventResource, "sessions": SessionResource}
