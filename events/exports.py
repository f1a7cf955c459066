"""The events list as open data: CSV and JSON of exactly the events a list address shows
(upcoming by default, as the list), `/events/export.csv?<the list's filters>` (see
cooperation_portal/exports.py).

What each key of a record means: FIELDS (shown on the open-data page).
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cooperation_portal.exports import ListExport, joined, moment, yes_no
from projects.models import Project

from .filters import EventFilter
from .models import Event

CSV_COLUMNS = [
    "slug",
    "url",
    "title_fr",
    "title_en",
    "kind",
    "starts_at",
    "ends_at",
    "time_zone",
    "is_online",
    "is_cancelled",
    "venue_fr",
    "venue_en",
    "address",
    "city",
    "country",
    "organiser",
    "registration_url",
    "registration_deadline",
    "registration_status",
    "sdgs",
    "projects",
    "sessions",
    "is_example",
    "summary_fr",
    "summary_en",
    "updated_at",
]


def in_zone(value, zone) -> str | None:
    return value.astimezone(zone).isoformat() if value is not None else None


FIELDS = {
    "slug": _("The last part of its address: stable, unique in its list."),
    "url": _("Its page on the portal, in the language of the address asked."),
    "title": _('Its title, in French ("fr") and English ("en").'),
    "summary": _("Its summary, in French and English."),
    "kind": _(
        "cooperation-day, seminar, information-session, workshop, conference, exhibition or other."
    ),
    "starts_at": _("When it starts, with the offset of the place where it happens."),
    "ends_at": _("When it ends, likewise."),
    "time_zone": _("The time zone of the place where it happens (IANA name)."),
    "is_online": _("True when one can take part online."),
    "is_cancelled": _("True when it is cancelled."),
    "venue": _("Its venue, in French and English."),
    "address": _('Its street address, or "".'),
    "city": _('Its city, or "".'),
    "country": _("Its country (ISO 3166 code and name), or null."),
    "organiser": _("The organisation that organises it (name and slug), or null."),
    "registration_url": _('Where to register, or "".'),
    "registration_deadline": _("When registration closes, or null."),
    "registration_status": _(
        "open, closing-soon or closed at the time of the export; null without registration."
    ),
    "sdgs": _("The numbers of the Sustainable Development Goals it serves."),
    "projects": _("The slugs of the published projects it presents."),
    "sessions": _(
        "Its programme: each session with its title and speakers (French and English), "
        "starts_at, ends_at and room."
    ),
    "is_example": _("True for demonstration content, invented for the example."),
    "updated_at": _("When it was last changed (ISO 8601, with the offset)."),
}


class EventExport(ListExport):
    name = "events"
    item_name = "event"
    list_url_name = "events:list"
    columns = CSV_COLUMNS
    fields = FIELDS

    def filterset(self) -> EventFilter:
        return EventFilter(self.request.GET, Event.objects.published(), at=self.at)

    def queryset(self):
        return (
            Event.objects.published()
            .with_listing_relations()
            .prefetch_related(
                "sdgs",
                "sessions",
                Prefetch(
                    "projects",
                    queryset=Project.objects.published().order_by("slug"),
                    to_attr="published_projects",
                ),
            )
        )

    def record(self, event: Event) -> dict:
        zone = event.zone
        status = event.registration_status_at(self.at)
        return {
            "slug": event.slug,
            "url": self.absolute_url(event.get_absolute_url()),
            "title": {"fr": event.title_fr, "en": event.title_en},
            "summary": {"fr": event.summary_fr, "en": event.summary_en},
            "kind": event.kind,
            "starts_at": in_zone(event.starts_at, zone),
            "ends_at": in_zone(event.ends_at, zone),
            "time_zone": zone.key,
            "is_online": event.is_online,
            "is_cancelled": event.is_cancelled,
            "venue": {"fr": event.venue_fr, "en": event.venue_en},
            "address": event.address,
            "city": event.city,
            "country": (
                {"code": event.country.code, "name": event.country.name} if event.country else None
            ),
            "organiser": (
                {"name": event.organiser.name, "slug": event.organiser.slug}
                if event.organiser
                else None
            ),
            "registration_url": event.registration_url,
            "registration_deadline": in_zone(event.registration_deadline, zone),
            "registration_status": str(status) if status else None,
            "sdgs": sorted(sdg.number for sdg in event.sdgs.all()),
            "projects": [project.slug for project in event.published_projects],
            "sessions": [
                {
                    "title": {"fr": session.title_fr, "en": session.title_en},
                    "starts_at": in_zone(session.starts_at, zone),
                    "ends_at": in_zone(session.ends_at, zone),
                    "room": session.room,
                    "speakers": {"fr": session.speakers_fr, "en": session.speakers_en},
                }
                for session in sorted(event.sessions.all(), key=lambda s: (s.starts_at, s.pk))
            ],
            "is_example": event.is_example,
            "updated_at": moment(event.updated_at),
        }

    def csv_row(self, item: dict) -> list:
        return [
            item["slug"],
            item["url"],
            item["title"]["fr"],
            item["title"]["en"],
            item["kind"],
            item["starts_at"],
            item["ends_at"],
            item["time_zone"],
            yes_no(item["is_online"]),
            yes_no(item["is_cancelled"]),
            item["venue"]["fr"],
            item["venue"]["en"],
            item["address"],
            item["city"],
            item["country"]["code"] if item["country"] else "",
            item["organiser"]["name"] if item["organiser"] else "",
            item["registration_url"],
            item["registration_deadline"],
            item["registration_status"],
            joined(item["sdgs"]),
            joined(item["projects"]),
            # A session as "starts → ends: title", in English, the file's language.
            joined(
                f"{s['starts_at']} → {s['ends_at']}: {s['title']['en'] or s['title']['fr']}"
                for s in item["sessions"]
            ),
            yes_no(item["is_example"]),
            item["summary"]["fr"],
            item["summary"]["en"],
            item["updated_at"],
        ]
