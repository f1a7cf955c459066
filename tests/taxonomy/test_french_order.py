"""Countries and disciplines are offered in the order of the page's language wherever visitors
choose them: "Bénin" before "Burundi" and "Écologie" before "Urbanisme" on /fr/, not after "Z" as
code points would put them."""

import html
import re

import pytest

from tests.factories import CountryFactory, DisciplineFactory, ProjectFactory

pytestmark = pytest.mark.django_db

COUNTRIES_FR = ["Bénin", "Burundi", "Cambodge", "Équateur", "Pérou"]
COUNTRIES_EN = ["Benin", "Burundi", "Cambodia", "Ecuador", "Peru"]
COUNTRY_CODES = ["BJ", "BI", "KH", "EC", "PE"]  # in that order
DISCIPLINES_FR = ["Agronomie", "Écologie", "Éducation", "Santé", "Urbanisme"]
DISCIPLINE_SLUGS = ["agronomy", "ecology", "education", "health", "urban-planning"]


@pytest.fixture
def vocabularies():
    countries = [
        CountryFactory(code=code, name_fr=name_fr, name_en=name_en)
        for code, name_fr, name_en in reversed(
            list(zip(COUNTRY_CODES, COUNTRIES_FR, COUNTRIES_EN, strict=True))
        )
    ]
    disciplines = [
        DisciplineFactory(slug=slug, name_fr=name, name_en=name)
        for slug, name in reversed(list(zip(DISCIPLINE_SLUGS, DISCIPLINES_FR, strict=True)))
    ]
    # The projects list offers the terms its projects use.
    ProjectFactory(countries=countries, disciplines=disciplines)
    return countries, disciplines


def facet_labels(response, facet: str) -> list[str]:
    pattern = rf'<label for="facet-{facet}-[^"]+">([^<]+?) <span class="facet__count">'
    return [html.unescape(label) for label in re.findall(pattern, response.content.decode())]


def choice_values(response, name: str) -> list[str]:
    """The values a filter form offers for `name`, in the order of the page: the options of a
    <select>, or checkboxes."""
    content = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', content, re.S)
    if select:
        values = re.findall(r'<option value="([^"]*)"', select.group(1))
    else:
        values = re.findall(rf'<input type="checkbox" name="{name}" value="([^"]*)"', content)
    assert values, f"no choice for {name!r}"
    return [value for value in dict.fromkeys(values) if value]


def test_the_projects_filter_offers_countries_and_disciplines_in_french_order(client, vocabularies):
    response = client.get("/fr/projects/")
    assert facet_labels(response, "country") == COUNTRIES_FR
    assert facet_labels(response, "discipline") == DISCIPLINES_FR


def test_the_projects_filter_offers_countries_in_english_order_in_english(client, vocabularies):
    assert facet_labels(client.get("/en/projects/"), "country") == COUNTRIES_EN


def test_the_partners_filter_offers_countries_in_french_order(client, vocabularies):
    assert choice_values(client.get("/fr/partners/"), "country") == COUNTRY_CODES


def test_the_funding_filter_offers_countries_and_disciplines_in_french_order(client, vocabularies):
    response = client.get("/fr/funding/")
    assert choice_values(response, "country") == COUNTRY_CODES
    assert choice_values(response, "discipline") == DISCIPLINE_SLUGS


def test_a_project_lists_its_countries_in_french_order(client, vocabularies):
    project = ProjectFactory(countries=vocabularies[0])
    page = client.get(f"/fr/projects/{project.slug}/").content.decode()
    positions = [page.index(f">{html.escape(name)}</a>") for name in COUNTRIES_FR]
    assert positions == sorted(positions)
