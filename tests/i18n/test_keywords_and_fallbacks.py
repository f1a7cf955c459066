"""French pages read French: keywords have both languages, and text that shows through from the
other language (a keyword or speakers not yet translated) carries its own `lang`."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from events.models import Session
from projects.models import Keyword, Project
from tests.factories import EventFactory, ProjectFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = ProjectFactory(slug="maternal-health")
    project.keywords.set(
        [
            Keyword.objects.create(name_en="midwifery", name_fr="pratique sage-femme"),
            Keyword.objects.create(name_en="3D printing"),  # not translated yet
        ]
    )
    return project


def test_a_project_page_shows_each_keyword_in_the_page_language(client, project):
    french = client.get("/fr/projects/maternal-health/").content.decode()
    assert ">pratique sage-femme</a>" in french
    assert ">midwifery<" not in french
    # Shown through from English, marked so a screen reader reads it in English.
    assert '<span lang="en">3D printing</span></a>' in french

    english = client.get("/en/projects/maternal-health/").content.decode()
    assert ">midwifery</a>" in english
    assert "sage-femme" not in english


def test_the_keyword_facet_is_in_the_page_language_with_the_same_address(client, project):
    french = client.get("/fr/projects/").content.decode()
    assert re.search(r'value="midwifery"[^>]*>\s*<label[^>]*>pratique sage-femme ', french)
    assert re.search(r'value="3d-printing"[^>]*>\s*<label[^>]*><span lang="en">3D printing', french)
    # The same keyword has one address in both languages.
    listed = client.get("/fr/projects/", {"tag": "midwifery"}).content.decode()
    assert "Projet eau et santé" in listed


@pytest.mark.parametrize("word", ["sage-femme", "midwifery", "impression"])
def test_a_search_finds_a_project_by_its_keyword_in_either_language(client, project, word):
    Keyword.objects.filter(name_en="3D printing").update(name_fr="impression 3D")
    Keyword.objects.get(name_en="3D printing").save()  # as the admin saves it
    found = Project.objects.published().search(word)
    assert list(found) == [project]


def test_speakers_are_translated_and_marked_when_they_show_through(client):
    event = EventFactory(slug="programme-seminar")
    SessionFactory(
        event=event,
        speakers_en="Teams of the university's cooperation projects",
        speakers_fr="Les équipes des projets de coopération de l'université",
    )
    SessionFactory(event=event, speakers_en="Cooperation officers")  # English only
    with translation.override("fr"):
        french = client.get(event.get_absolute_url()).content.decode()
    assert "Les équipes des projets de coopération de l&#x27;université" in french
    assert "Teams of the university" not in french
    assert '<span lang="en">Cooperation officers</span>' in french


def test_the_demo_keywords_and_speakers_all_read_in_french():
    call_command("load_demo", verbosity=0)
    assert not Keyword.objects.filter(name_fr__isnull=True).exists()
    assert not Keyword.objects.filter(name_fr="").exists()
    assert not Session.objects.exclude(speakers_en="").filter(speakers_fr="").exists()
    assert Keyword.objects.get(slug="midwifery").name_fr == "pratique sage-femme"


def test_room_address_and_city_written_in_french_are_marked_on_english_pages(client):
    event = EventFactory(
        slug="seminar-solbosch",
        address="Avenue Franklin Roosevelt 50, 1050 Bruxelles",
        city="Ixelles",
    )
    SessionFactory(event=event, room="Salle Dupréel")
    with translation.override("en"):
        english = client.get(event.get_absolute_url()).content.decode()
    assert '<span lang="fr">Salle Dupréel</span>' in english
    assert '<span lang="fr">Avenue Franklin Roosevelt 50, 1050 Bruxelles</span>' in english
    assert '<span lang="fr">Ixelles</span>' in english
    with translation.override("fr"):
        french = client.get(event.get_absolute_url()).content.decode()
    assert "<dd>Salle Dupréel</dd>" in french
    assert 'lang="fr">Salle' not in french


def test_keywords_given_by_name_are_found_by_either_language_s_name():
    first, second = ProjectFactory(), ProjectFactory()
    with translation.override("en"):
        first.keywords.add("water")
    water = Keyword.objects.get(name_en="water")
    water.name_fr = "eau"
    water.save()
    with translation.override("fr"):
        second.keywords.add("water", "eau", "sage-femme")
    assert Keyword.objects.count() == 2
    assert set(second.keywords.all()) == {water, Keyword.objects.get(name_fr="sage-femme")}
    assert list(first.keywords.all()) == [water]


def test_a_keyword_added_or_deleted_changes_what_finds_the_project():
    project = ProjectFactory()
    project.keywords.add("agroforestry")
    assert list(Project.objects.published().search("agroforestry")) == [project]
    Keyword.objects.get(slug="agroforestry").delete()
    assert not Project.objects.published().search("agroforestry").exists()
