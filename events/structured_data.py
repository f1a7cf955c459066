"""schema.org `Event` JSON-LD for an event's page, so search engines and assistants read it.

Every type and property used here is one schema.org defines for the type it is used on
(tests/open_data/test_structured_data.py checks it against the vocabulary).
"""

from collections.abc import Callable

from django.utils.translation import get_language

from cooperation_portal.safe_urls import safe_url
from partners.structured_data import organisation_reference

from .models import Event

SCHEMA = "https://schema.org/"
OPEN = {Event.RegistrationStatus.OPEN, Event.RegistrationStatus.CLOSING_SOON}


def event_data(event: Event, absolute_url: Callable[[str], str]) -> dict:
    """The event as a schema.org `Event`; `absolute_url` makes a path absolute
    (`request.build_absolute_uri`)."""
    page_url = absolute_url(event.get_absolute_url())
    places = []
    if event.venue or event.address or event.city:
        address = {"@type": "PostalAddress"}
        if event.address:
            address["streetAddress"] = event.address
        if event.city:
            address["addressLocality"] = event.city
        if event.country:
            address["addressCountry"] = event.country.code
        places.append(
            {"@type": "Place", "name": str(event.venue or event.city), "address": address}
        )
    if event.is_online:
        places.append({"@type": "VirtualLocation", "url": safe_url(event.online_url) or page_url})
    if event.is_online and len(places) > 1:
        mode = "MixedEventAttendanceMode"
    elif event.is_online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"

    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(event.title),
        "description": str(event.summary),
        "url": page_url,
        "inLanguage": get_language(),
        # In the time zone where the event takes place, with its offset.
        "startDate": event.starts_at.astimezone(event.zone).isoformat(),
        "endDate": event.ends_at.astimezone(event.zone).isoformat(),
        "eventStatus": SCHEMA + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + mode,
    }
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    # Read through `with_listing_relations`: a draft organiser reads as None.
    if event.organiser:
        data["organizer"] = organisation_reference(event.organiser, absolute_url)
    if event.registration_status in OPEN:
        data["offers"] = {"@type": "Offer"}
        if registration_url := safe_url(event.registration_url):
            data["offers"]["url"] = registration_url
        if event.registration_deadline:
            deadline = event.registration_deadline.astimezone(event.zone)
            data["offers"]["validThrough"] = deadline.isoformat()
    return data
