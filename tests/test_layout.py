"""Issue 12 (items 14 and 13b), without a browser: the facets of every list show their top options
and a "Show all N" <details> (so the rest opens without JavaScript), checkboxes instead of
Ctrl-click lists, no scroll box; the home page's four figures are links; French colons."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from events.models import Event
from partners.models import Organisation
from tests.factories import (
    CallFactory,
    CountryFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()
CODES = ["CD", "BJ", "SN", "GN", "BF", "RW", "BI", "MA", "BO", "PE", "KH", "BE", "VN"]


def facet(html: str, name: str) -> tuple[str, str]:
    """The options a facet shows, and those inside its "Show all" disclosure ("" if none)."""
    fieldset = re.search(
        rf'<fieldset class="facet[^"]*" id="facet-{name}".*?</fieldset>', html, re.S
    )
    assert fieldset, f"no facet {name}"
    shown, _, more = fieldset.group(0).partition('<details class="facet__more">')
    return shown, more


def checkboxes(fragment: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="\w+" value="([^"]*)"', fragment)


@pytest.fixture
def thirteen_countries():
    """A project in each of 13 countries, and three more in DR Congo: the top option."""
    countries = [
        CountryFactory(code=code, name_en=f"Country {code}", name_fr=f"Pays {code}")
        for code in CODES
    ]
    for country in countries:
        ProjectFactory(countries=[country])
    for _ in range(3):
        ProjectFactory(countries=[countries[0]])
    return countries


def test_a_long_project_facet_shows_its_top_six_options_then_show_all_in_a_details(
    client, thirteen_countries
):
    html = client.get("/en/projects/").content.decode()
    shown, more = facet(html, "country")
    assert len(checkboxes(shown)) == 6
    # The option with the most projects comes first.
    assert checkboxes(shown)[0] == "CD"
    # The rest is inside a <details>: it opens without JavaScript; its summary names it.
    assert "<summary>Show all 13 countries</summary>" in more
    assert len(checkboxes(more)) == 7
    assert sorted(checkboxes(shown) + checkboxes(more)) == sorted(CODES)


def test_a_selected_option_is_always_shown_outside_the_disclosure(client, thirteen_countries):
    html = client.get("/en/projects/?country=VN").content.decode()
    shown, more = facet(html, "country")
    assert "VN" in checkboxes(shown)
    assert 'value="VN" id="facet-country-VN" checked' in shown
    assert "VN" not in checkboxes(more)
    assert len(checkboxes(shown)) + len(checkboxes(more)) == 13


def test_a_short_facet_shows_every_option_without_a_disclosure(client, thirteen_countries):
    shown, more = facet(client.get("/en/projects/").content.decode(), "status")
    assert len(checkboxes(shown)) == 3
    assert more == ""


def test_facet_markup_stays_bounded_whatever_the_number_of_projects(client, thirteen_countries):
    for _ in range(30):
        ProjectFactory(countries=thirteen_countries[:3])
    html = client.get("/en/projects/").content.decode()
    assert len(checkboxes(facet(html, "country")[0])) == 6
    assert len(html.encode()) < 150 * 1024


def test_partners_filter_by_country_with_checkboxes_and_show_all_not_a_multiple_select(
    client, thirteen_countries
):
    for country in thirteen_countries:
        OrganisationFactory(country=country)
    html = client.get("/fr/partners/").content.decode()
    assert "<select" not in html.split('class="list-layout__filters"')[1].split("</aside>")[0]
    shown, more = facet(html, "country")
    assert len(checkboxes(shown)) == 6
    assert len(checkboxes(more)) == len(CODES) - 6
    assert '<legend class="facet__legend">Pays</legend>' in shown
    # Nine kinds of organisation: six, then the rest behind "Show all 9 types".
    kinds_shown, kinds_more = facet(html, "kind")
    assert len(checkboxes(kinds_shown)) == 6
    assert len(checkboxes(kinds_more)) == len(Organisation.Kind.choices) - 6


def test_a_partner_country_chosen_in_the_address_is_checked_and_shown(client, thirteen_countries):
    for country in thirteen_countries:
        OrganisationFactory(country=country)
    shown, more = facet(client.get("/en/partners/?country=vn").content.decode(), "country")
    assert re.search(r'value="VN" id="id_country_\d+" checked', shown)
    assert "VN" not in checkboxes(more)


def test_the_events_sidebar_is_drawn_like_the_projects_one(client):
    html = client.get("/en/events/").content.decode()
    sidebar = html.split('class="list-layout__filters"')[1].split("</aside>")[0]
    assert '<details class="facets-disclosure" open>' in sidebar
    assert '<form class="filter-form facets"' in sidebar
    kinds = facet(html, "kind")[0]
    assert len(checkboxes(kinds)) == len(Event.Kind.choices)
    assert "multiple" not in sidebar
    assert '<div class="facets__actions">' in sidebar


def test_no_facet_is_a_scroll_box_and_checkboxes_are_24_px():
    facet_rules = re.findall(r"[^}]*\.facet[^{]*\{[^}]*\}", CSS)
    assert facet_rules
    assert not [rule for rule in facet_rules if "overflow" in rule or "max-height" in rule]
    assert re.search(
        r'\.facet__options input\[type="checkbox"\] \{[^}]*width: 1\.5rem; height: 1\.5rem', CSS
    )
    assert re.search(r"\.facets__actions \{[^}]*position: sticky; bottom: 0", CSS)


def test_the_four_home_figures_are_links(client):
    ProjectFactory(countries=[CountryFactory(code="CD")])
    html = client.get("/en/").content.decode()
    figures = re.search(r'<ul class="figures">(.*?)</ul>', html, re.S).group(1)
    tiles = re.findall(r"<li>(.*?)</li>", figures, re.S)
    assert len(tiles) == 4
    assert all(tile.startswith('<a class="figure" href="/en/') for tile in tiles)
    assert 'href="/en/countries/"' in figures
    assert 'href="/en/figures/"' in figures


def test_the_home_page_shows_four_deadlines_and_three_events_at_most(client):
    for _ in range(6):
        CallFactory()
        EventFactory()
    response = client.get("/en/")
    html = response.content.decode()
    assert html.count('<article class="card deadline-card">') == 4
    assert len(response.context["next_events"]) == 3
    assert html.count('<article class="card event-card') == 3


def test_a_french_programme_puts_a_no_break_space_before_its_colons(client):
    # The labels are drawn by CSS; in French the colon follows a no-break space, as in
    # Django's own French label suffix (" :").
    assert '.programme__details dt::after { content: ":"; }' in CSS
    assert '.programme__details dt:lang(fr)::after { content: "\\00A0:"; }' in CSS
    event = EventFactory(slug="cooperation-day-test")
    SessionFactory(event=event, room="Auditoire Janson")
    html = client.get("/fr/events/cooperation-day-test/").content.decode()
    assert '<html lang="fr"' in html
    assert '<dl class="programme__details"><dt>Salle</dt>' in html


def test_every_colon_the_stylesheet_generates_has_its_french_form():
    generated = re.findall(r"([^{}]+)\{[^}]*content: \"[^\"]*:\"", CSS)
    plain = [selector.strip() for selector in generated if ":lang(fr)" not in selector]
    french = [selector.strip() for selector in generated if ":lang(fr)" in selector]
    assert plain
    assert len(french) == len(plain)
