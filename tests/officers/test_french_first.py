"""French first: the office writes in French, English is welcome but optional, and an English
page shows the French text where English is missing, marked as French."""

import html
import json
import re

import pytest

from events.models import Event
from funding.models import FundingScheme
from partners.models import Organisation
from projects.models import Project
from tests.factories import (
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ProjectFactory,
)
from tests.officers.helpers import admin_url, project_add_data

pytestmark = pytest.mark.django_db


def test_a_french_only_project_is_accepted_and_its_english_page_shows_the_french_marked(
    as_officer, client
):
    response = as_officer.post(admin_url(Project, "add"), project_add_data())

    assert response.status_code == 302, response.context["adminform"].form.errors
    project = Project.objects.get(slug="eau-potable-kinshasa")
    assert not project.title_en and not project.summary_en
    assert project.is_published
    page = client.get("/en/projects/eau-potable-kinshasa/").content.decode()
    assert re.search(r'<h1><span lang="fr">Eau potable à Kinshasa</span>', page)
    assert '<span lang="fr">De l&#x27;eau potable pour deux quartiers.</span>' in page


def test_the_french_page_shows_the_french_title_unmarked(client):
    ProjectFactory(slug="eau", title_fr="Eau potable", title_en="")

    page = client.get("/fr/projects/eau/").content.decode()

    assert "<h1>Eau potable" in page
    assert 'lang="fr">Eau potable' not in page


def test_a_project_with_an_english_title_only_is_refused_on_the_french_title(as_officer):
    data = project_add_data()
    data["title_en"] = data.pop("title_fr")

    response = as_officer.post(admin_url(Project, "add"), data)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["title_fr"]
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (ProjectFactory, "title"),
        (EventFactory, "title"),
        (FundingSchemeFactory, "name"),
        (OrganisationFactory, "name"),
    ],
    ids=["project", "event", "funding scheme", "organisation"],
)
def test_every_english_detail_page_falls_back_to_the_french_name_marked_as_french(
    client, factory, field
):
    obj = factory(**{f"{field}_fr": "Nom en français", f"{field}_en": ""})

    assert obj.get_absolute_url().startswith("/en/")
    page = client.get(obj.get_absolute_url()).content.decode()

    assert '<h1><span lang="fr">Nom en français</span>' in page


@pytest.mark.parametrize(
    ("model", "source"),
    [
        (Project, "title_fr"),
        (Event, "title_fr"),
        (FundingScheme, "name_fr"),
        (Organisation, "name_fr"),
    ],
    ids=["project", "event", "funding scheme", "organisation"],
)
def test_the_slug_is_written_from_the_french_title_in_the_admin(as_officer, model, source):
    page = as_officer.get(admin_url(model, "add")).content.decode()

    attribute = re.search(r'data-prepopulated-fields="([^"]*)"', page).group(1)
    [slug] = json.loads(html.unescape(attribute))
    assert (slug["name"], slug["dependency_list"]) == ("slug", [source])
