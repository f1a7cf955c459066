"""On the demo data, every page of the URL contract answers in both languages."""

import pytest
from django.core.management import call_command

from events.models import Event
from funding.models import FundingScheme
from news.models import NewsItem
from partners.models import Organisation
from projects.models import Project
from tests.office.helpers import office_paths

pytestmark = pytest.mark.django_db


def contract_paths() -> list[str]:
    """One address of each kind in DESIGN.md's table, without the language prefix."""
    project = Project.objects.published().first()
    scheme = FundingScheme.objects.published().first()
    organisation = Organisation.objects.published().first()
    event = Event.objects.published().first()
    news_item = NewsItem.objects.published().first()
    return [
        "",
        "projects/",
        "projects/?country=CD&sdg=3",
        f"projects/{project.slug}/",
        "funding/",
        "funding/?level=master&status=open",
        f"funding/{scheme.slug}/",
        "partners/",
        "partners/?region=africa",
        f"partners/{organisation.slug}/",
        "events/",
        "events/?when=past",
        f"events/{event.slug}/",
        "news/",
        "news/?year=2026&country=BJ&sdg=6",
        f"news/{news_item.slug}/",
        "countries/",
        "countries/cd/",
        "figures/",
        "figures/?country=cd&sdg=3",
        "sdgs/",
        "sdgs/3/",
        "contacts/",
    ]


def test_every_page_of_the_url_contract_answers_200_in_both_languages(client, office_pages):
    call_command("load_demo", verbosity=0)
    failures = []
    for language in ("en", "fr"):
        for path in contract_paths() + office_paths(language):
            url = f"/{language}/{path}"
            response = client.get(url)
            if response.status_code != 200:
                failures.append(f"{url}: {response.status_code}")
            elif f'<html lang="{language}">'.encode() not in response.content:
                failures.append(f"{url}: not in {language}")
    assert failures == []


def test_the_admin_and_the_health_check_answer_outside_the_language_prefix(client, admin_client):
    assert client.get("/healthz").status_code == 200
    assert admin_client.get("/admin/").status_code == 200
    assert client.get("/admin/").status_code == 302
