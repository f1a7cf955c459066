import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from alerts.models import Subscription
from alerts.sending import send_alerts
from funding.models import DEADLINE_TIME_ZONE
from tests.factories import (
    ApplicantLevelFactory,
    CallFactory,
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
)

ADDRESS = "amani.doctorante@example.org"


def brussels(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=DEADLINE_TIME_ZONE)


def link_in(message, path_part: str) -> str:
    """The path of the first link of `message` (its text) that contains `path_part`."""
    url = re.search(rf"https://portal\.example\.org(/\S*{path_part}\S*/)", message.body)
    assert url, message.body
    return url.group(1)


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_URL = "https://portal.example.org"


@pytest.fixture
def health_phd_congo(db):
    """The doctoral candidate's selection: open calls for Congolese doctoral candidates in
    health, and a scheme in it and one outside it."""
    health = DisciplineFactory(slug="health", name_en="Health", name_fr="Santé")
    congo = CountryFactory(code="CD", name_en="DR Congo", name_fr="RD Congo")
    doctoral = ApplicantLevelFactory(code="doctoral")
    inside = FundingSchemeFactory(
        name_en="Doctoral grants in health", name_fr="Bourses de doctorat en santé"
    )
    inside.applicant_levels.set([doctoral])
    inside.disciplines.set([health])
    inside.eligible_nationalities.set([congo])
    outside = FundingSchemeFactory(
        name_en="Master's travel grants", name_fr="Bourses de voyage de master"
    )
    outside.applicant_levels.set([ApplicantLevelFactory(code="master")])
    return {"inside": inside, "outside": outside}


def subscribe_path(language="en") -> str:
    with translation.override(language):
        return reverse("alerts:subscribe")


SELECTION = "level=doctoral&country=CD&discipline=health&status=open"


def subscribe(
    client,
    query=SELECTION,
    *,
    email=ADDRESS,
    frequency="immediate",
    language="en",
    list_name="funding",
):
    return client.post(
        f"{subscribe_path(language)}?list={list_name}&{query}",
        {"email": email, "frequency": frequency},
    )


def confirm_last(client) -> Subscription:
    """Confirm with the link of the last message, as its reader does."""
    path = link_in(mail.outbox[-1], "/confirm")
    response = client.post(path)
    assert response.status_code == 200
    return Subscription.objects.get(
        confirmed_at__isnull=False, pk=max(Subscription.objects.values_list("pk", flat=True))
    )


@pytest.fixture
def confirmed(client, health_phd_congo):
    """A confirmed alert on the selection, from the form; the outbox emptied."""
    subscribe(client)
    subscription = confirm_last(client)
    mail.outbox.clear()
    return subscription


def run(now=None):
    """Run send_alerts and give the messages it sent."""
    before = len(mail.outbox)
    send_alerts(now=now)
    return mail.outbox[before:]


def later(**delta):
    return timezone.now() + datetime.timedelta(**delta)


def open_call(scheme, **kwargs):
    return CallFactory(scheme=scheme, **kwargs)
