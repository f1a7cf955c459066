"""A cooperation officer creates a complete project in the French admin, in a real browser, and
the steps it takes are counted: each click, each text filled or typed and each key that chooses
a result.

Countries, goals and disciplines are chosen in search boxes on the form (one click per box,
then a search and Enter per term) instead of one inline row each ("Add another", a click, a
search, Enter): about 39 steps before, at most 30 now.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import Project
from tests.factories import (
    CountryFactory,
    DisciplineFactory,
    OrganisationFactory,
    PersonFactory,
    SDGFactory,
)
from tests.helpers import search_in_select2

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOST_STEPS = 30


class Steps:
    """The officer's actions on the page, counted: what a person does, not what the test
    waits for."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator) -> None:
        locator.click()
        self.count += 1

    def fill(self, locator, text: str) -> None:
        locator.fill(text)
        self.count += 1

    def type(self, locator, text: str) -> None:
        """Type into a search box (tests.helpers.search_in_select2)."""
        search_in_select2(self.page, locator, text)
        self.count += 1

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.count += 1

    def choose_many(self, select_id: str, searches: dict[str, str]) -> None:
        """In a multiple select with search (select2): open it once, then for each term type
        the search, wait for the result showing `expected`, and press Enter."""
        widget = self.page.locator(f"#{select_id} + .select2")
        self.click(widget)
        for search, expected in searches.items():
            self.type(widget.locator(".select2-search__field"), search)
            self._press_enter_on(expected)
            widget.locator(".select2-selection__choice", has_text=expected).wait_for()

    def choose_one(self, select_id: str, search: str, expected: str) -> None:
        """In a single select with search (select2): open it, search, press Enter."""
        self.click(self.page.locator(f"#{select_id} + .select2"))
        self.type(self.page.locator(".select2-search--dropdown .select2-search__field"), search)
        self._press_enter_on(expected)
        rendered = self.page.locator(f"#{select_id} + .select2 .select2-selection__rendered")
        rendered.filter(has_text=expected).wait_for()

    def _press_enter_on(self, expected: str) -> None:
        highlighted = self.page.locator(".select2-results__option--highlighted", has_text=expected)
        highlighted.wait_for()
        self.press("Enter")


@pytest.fixture
def vocabularies():
    return {
        "burkina": CountryFactory(code="BF", name_fr="Burkina Faso", name_en="Burkina Faso"),
        "mali": CountryFactory(code="ML", name_fr="Mali", name_en="Mali"),
        "benin": CountryFactory(code="BJ", name_fr="Bénin", name_en="Benin"),
        "water": SDGFactory(number=6, title_fr="Eau propre et assainissement"),
        "energy": SDGFactory(number=7, title_fr="Énergie propre et d'un coût abordable"),
        "health": SDGFactory(number=3, title_fr="Bonne santé et bien-être"),
        "hydrology": DisciplineFactory(slug="hydrology", name_fr="Hydrologie"),
        "ouaga": OrganisationFactory(name_fr="Université Joseph Ki-Zerbo", acronym="UJKZ"),
        "ulb": OrganisationFactory(name_fr="Université libre de Bruxelles", acronym="ULB"),
        "contact": PersonFactory(name="Awa Ouédraogo"),
    }


def test_an_officer_creates_a_complete_project_in_the_french_admin_in_at_most_30_steps(
    live_server, browser, vocabularies, django_user_model
):
    django_user_model.objects.create_superuser(
        "officer", "officer@example.org", "a-long-passphrase"
    )
    with translation.override("fr"):
        login, add = reverse("admin:login"), reverse("admin:projects_project_add")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}{login}")
    page.locator("#id_username").fill("officer")
    page.locator("#id_password").fill("a-long-passphrase")
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{live_server.url}{reverse('admin:index')}")
    page.goto(f"{live_server.url}{add}")
    assert page.locator("html").get_attribute("lang") == "fr"

    steps = Steps(page)
    steps.fill(page.locator("#id_title_fr"), "Pompes à eau solaires à Ouagadougou")
    steps.fill(page.locator("#id_title_en"), "Solar water pumps in Ouagadougou")
    steps.fill(page.locator("#id_summary_fr"), "Des pompes solaires pour le maraîchage.")
    steps.fill(page.locator("#id_summary_en"), "Solar pumps for market gardens.")
    steps.fill(page.locator("#id_start_date"), "2027-02-01")
    steps.choose_many("id_linked_countries", {"Burk": "Burkina Faso", "Mal": "Mali"})
    steps.choose_many("id_linked_sdgs", {"6": "Eau propre", "7": "Énergie propre"})
    steps.choose_many("id_linked_disciplines", {"Hydro": "Hydrologie"})
    steps.choose_one("id_contact", "Awa", "Awa Ouédraogo")
    # The partners' rows of a new project come with the roles lead, then co-lead.
    steps.choose_one("id_participations-0-organisation", "UJKZ", "Ki-Zerbo")
    steps.choose_one("id_participations-1-organisation", "ULB", "Bruxelles")
    steps.click(page.locator("input[name=_save]"))
    page.locator(".messagelist .success").wait_for()
    context.close()

    print(f"\nSteps to create a complete project in the admin: {steps.count}")
    project = Project.objects.get(title_fr="Pompes à eau solaires à Ouagadougou")
    assert project.slug == "pompes-a-eau-solaires-a-ouagadougou"
    assert project.title_en == "Solar water pumps in Ouagadougou"
    assert str(project.start_date) == "2027-02-01"
    assert set(project.countries.all()) == {vocabularies["burkina"], vocabularies["mali"]}
    assert set(project.sdgs.all()) == {vocabularies["water"], vocabularies["energy"]}
    assert list(project.disciplines.all()) == [vocabularies["hydrology"]]
    assert project.contact == vocabularies["contact"]
    assert set(project.participations.values_list("organisation", "role")) == {
        (vocabularies["ouaga"].pk, "lead"),
        (vocabularies["ulb"].pk, "co-lead"),
    }
    assert steps.count <= MOST_STEPS
