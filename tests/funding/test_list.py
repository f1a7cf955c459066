"""The funding list, /en/funding/: filters, order, what each card says, bad input."""

import re

import pytest

from funding.models import ApplicantLevel, FundingScheme
from tests.factories import (
    DRAFT,
    AffiliationFactory,
    ApplicantLevelFactory,
    CallFactory,
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    OrganisationFactory,
)

from .conftest import brussels

pytestmark = pytest.mark.django_db

URL = "/en/funding/"
NOW = brussels(2026, 11, 25, 10, 0)


@pytest.fixture(autouse=True)
def fixed_now(clock):
    clock(NOW)


def scheme_names(response) -> list[str]:
    """The names of the schemes listed, in their order on the page."""
    html = response.content.decode()
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a></h2>', html)


def cards(response) -> dict[str, str]:
    """Each result card's HTML, by the scheme's name."""
    html = response.content.decode()
    found = re.findall(r'<article class="card funding-card">.*?</article>', html, re.DOTALL)
    return {re.search(r'<a href="[^"]+">([^<]+)</a>', card).group(1): card for card in found}


def scheme_with(name, levels=(), nationalities=(), disciplines=(), affiliations=(), **kwargs):
    scheme = FundingSchemeFactory(name_en=name, **kwargs)
    scheme.applicant_levels.set([ApplicantLevelFactory(code=code) for code in levels])
    scheme.eligible_nationalities.set([CountryFactory(code=code) for code in nationalities])
    scheme.disciplines.set([DisciplineFactory(slug=slug) for slug in disciplines])
    scheme.eligible_affiliations.set([AffiliationFactory(code=code) for code in affiliations])
    return scheme


DECEMBER_DEADLINE = brussels(2026, 12, 18, 12, 0)


def open_call(scheme, deadline=DECEMBER_DEADLINE, **kwargs):
    return CallFactory(scheme=scheme, opens_at=brussels(2026, 9, 1), deadline=deadline, **kwargs)


class TestFilters:
    def test_search_finds_words_in_the_name_summary_or_funder(self, client):
        scheme_with("Mobility grants", funder=OrganisationFactory(acronym="VLIR-UOS"))
        scheme_with("Doctoral grants", summary_en="A doctorate in the South.")
        assert scheme_names(client.get(URL, {"q": "mobility"})) == ["Mobility grants"]
        assert scheme_names(client.get(URL, {"q": "doctorate"})) == ["Doctoral grants"]
        assert scheme_names(client.get(URL, {"q": "vlir"})) == ["Mobility grants"]

    def test_kind_keeps_the_schemes_of_the_kinds_ticked(self, client):
        scheme_with("Doctoral grants", kind=FundingScheme.Kind.DOCTORAL_GRANT)
        scheme_with("Travel grants", kind=FundingScheme.Kind.TRAVEL_GRANT)
        scheme_with("Valorisation", kind=FundingScheme.Kind.VALORISATION)
        response = client.get(URL, {"kind": ["doctoral-grant", "travel-grant"], "sort": "name"})
        assert scheme_names(response) == ["Doctoral grants", "Travel grants"]

    def test_level_keeps_schemes_for_that_level_and_those_open_to_every_level(self, client):
        scheme_with("For doctoral researchers", levels=["doctoral"])
        scheme_with("For master's students", levels=["master"])
        scheme_with("For anyone")
        response = client.get(URL, {"level": "doctoral", "sort": "name"})
        assert scheme_names(response) == ["For anyone", "For doctoral researchers"]

    def test_country_keeps_schemes_open_to_its_nationals_or_to_all(self, client):
        scheme_with("For Congolese", nationalities=["CD"])
        scheme_with("For Senegalese", nationalities=["SN", "BJ"])
        scheme_with("For everyone", open_to_all_nationalities=True)
        response = client.get(URL, {"country": "SN", "sort": "name"})
        assert scheme_names(response) == ["For everyone", "For Senegalese"]

    def test_country_codes_may_be_written_in_lower_case(self, client):
        scheme_with("For Congolese", nationalities=["CD"])
        scheme_with("For Senegalese", nationalities=["SN"])
        assert scheme_names(client.get(URL, {"country": "cd"})) == ["For Congolese"]

    def test_discipline_keeps_schemes_in_it_and_those_open_to_every_discipline(self, client):
        scheme_with("Health only", disciplines=["health"])
        scheme_with("Engineering only", disciplines=["engineering"])
        scheme_with("Every discipline")
        response = client.get(URL, {"discipline": "health", "sort": "name"})
        assert scheme_names(response) == ["Every discipline", "Health only"]

    def test_affiliation_keeps_schemes_for_it_and_those_that_name_none(self, client):
        scheme_with("Partner universities only", affiliations=["partner-university"])
        scheme_with("Belgian institutions", affiliations=["ulb", "belgian-institution"])
        scheme_with("From anywhere")
        AffiliationFactory(code="ngo")
        response = client.get(URL, {"affiliation": "partner-university", "sort": "name"})
        assert scheme_names(response) == ["From anywhere", "Partner universities only"]
        response = client.get(URL, {"affiliation": ["ngo", "ulb"], "sort": "name"})
        assert scheme_names(response) == ["Belgian institutions", "From anywhere"]

    def test_applying_as_keeps_schemes_for_that_kind_of_applicant_and_for_either(self, client):
        scheme_with("Grants for people", applicant_type=FundingScheme.ApplicantType.PERSON)
        scheme_with("Programmes", applicant_type=FundingScheme.ApplicantType.ORGANISATION)
        scheme_with("Either", applicant_type=FundingScheme.ApplicantType.EITHER)
        by_person = client.get(URL, {"applying_as": "person", "sort": "name"})
        assert scheme_names(by_person) == ["Either", "Grants for people"]
        by_organisation = client.get(URL, {"applying_as": "organisation", "sort": "name"})
        assert scheme_names(by_organisation) == ["Either", "Programmes"]
        assert len(scheme_names(client.get(URL, {"applying_as": ""}))) == 3

    def test_status_keeps_open_upcoming_or_closed_schemes(self, client):
        open_call(scheme_with("Open now"))
        CallFactory(
            scheme=scheme_with("Opens later"),
            opens_at=brussels(2027, 1, 10),
            deadline=brussels(2027, 3, 1),
        )
        CallFactory(
            scheme=scheme_with("Closed"),
            opens_at=brussels(2025, 1, 10),
            deadline=brussels(2025, 3, 1),
        )
        assert scheme_names(client.get(URL, {"status": "open"})) == ["Open now"]
        assert scheme_names(client.get(URL, {"status": "upcoming"})) == ["Opens later"]
        assert scheme_names(client.get(URL, {"status": "closed"})) == ["Closed"]
        both = client.get(URL, {"status": ["open", "upcoming"]})
        assert scheme_names(both) == ["Open now", "Opens later"]

    def test_status_is_right_at_the_minute_of_the_deadline(self, client, clock):
        open_call(scheme_with("Closing at noon"), deadline=brussels(2026, 12, 1, 12, 0))
        clock(brussels(2026, 12, 1, 11, 59))
        assert scheme_names(client.get(URL, {"status": "open"})) == ["Closing at noon"]
        assert "Closes today" in client.get(URL).content.decode()
        clock(brussels(2026, 12, 1, 12, 0))
        assert scheme_names(client.get(URL, {"status": "open"})) == []
        assert scheme_names(client.get(URL, {"status": "closed"})) == ["Closing at noon"]

    def test_filters_combine(self, client):
        wanted = scheme_with(
            "Doctoral grants for Congolese",
            kind=FundingScheme.Kind.DOCTORAL_GRANT,
            levels=["doctoral"],
            nationalities=["CD"],
        )
        open_call(wanted)
        open_call(scheme_with("Doctoral grants for Senegalese", levels=["doctoral"]))
        scheme_with("Closed doctoral grants", levels=["doctoral"], nationalities=["CD"])
        response = client.get(
            URL, {"kind": "doctoral-grant", "level": "doctoral", "country": "CD", "status": "open"}
        )
        assert scheme_names(response) == ["Doctoral grants for Congolese"]

    def test_drafts_are_never_listed(self, client):
        scheme_with("Published scheme")
        scheme_with("Draft scheme", publication_status=DRAFT)
        assert scheme_names(client.get(URL)) == ["Published scheme"]


class TestOrder:
    def test_the_next_to_close_comes_first_and_schemes_without_a_call_last(self, client):
        open_call(scheme_with("Closes in January"), deadline=brussels(2027, 1, 15))
        open_call(scheme_with("Closes in December"), deadline=brussels(2026, 12, 15))
        scheme_with("A scheme with no call")
        # Its internal deadline, the date that matters to applicants, comes first of all.
        open_call(
            scheme_with("Internal deadline in December"),
            deadline=brussels(2027, 2, 1),
            internal_deadline=brussels(2026, 12, 1),
        )
        assert scheme_names(client.get(URL)) == [
            "Internal deadline in December",
            "Closes in December",
            "Closes in January",
            "A scheme with no call",
        ]

    def test_sort_by_name_follows_the_page_language(self, client):
        scheme_with("Bourse B", name_fr="Appel A")
        scheme_with("Appel A", name_fr="Bourse B")
        assert scheme_names(client.get(URL, {"sort": "name"})) == ["Appel A", "Bourse B"]
        french = client.get("/fr/funding/", {"sort": "name"})
        assert scheme_names(french) == ["Appel A", "Bourse B"]


class TestCards:
    def test_a_card_shows_status_deadline_in_brussels_time_and_amount_range(self, client):
        scheme = scheme_with("Mobility grants", amount_min=1500, amount_max=6000)
        open_call(scheme, deadline=brussels(2026, 12, 18, 12, 0))
        html = client.get(URL).content.decode()
        assert "funding-status--open" in html
        assert '<time datetime="2026-12-18T12:00:00+01:00">' in html
        assert "Brussels time (UTC+1)" in html
        assert "€1,500 \N{EN DASH} €6,000" in html
        assert "Closes in 23 days" in html
        assert "(deadline)" in html

    def test_closes_in_counts_to_the_internal_deadline_and_says_so(self, client):
        open_call(
            scheme_with("ARES doctoral grants"),
            deadline=brussels(2026, 12, 18, 12, 0),
            internal_deadline=brussels(2026, 12, 5, 12, 0),
        )
        html = client.get(URL).content.decode()
        assert "Internal deadline" in html
        assert '<time datetime="2026-12-05T12:00:00+01:00">' in html
        assert "Closes in 10 days</strong>\n(internal deadline)" in html

    def test_once_the_internal_deadline_has_passed_the_card_says_so(self, client, clock):
        open_call(
            scheme_with("ARES doctoral grants"),
            deadline=brussels(2026, 12, 18, 12, 0),
            internal_deadline=brussels(2026, 12, 5, 12, 0),
        )
        clock(brussels(2026, 12, 6, 9, 0))
        html = client.get(URL).content.decode()
        assert "Closes in 12 days" in html
        assert "the internal deadline has passed" in html

    def test_an_upcoming_call_shows_when_it_opens(self, client):
        CallFactory(
            scheme=scheme_with("Opens in January"),
            opens_at=brussels(2027, 1, 10, 9, 0),
            deadline=brussels(2027, 3, 1, 12, 0),
        )
        html = client.get(URL).content.decode()
        assert "funding-status--upcoming" in html
        assert '<time datetime="2027-01-10">' in html
        assert "Closes in" not in html

    def test_a_deadline_in_summer_time_says_utc_plus_two(self, client):
        CallFactory(
            scheme=scheme_with("Summer call"),
            opens_at=brussels(2027, 1, 10),
            deadline=brussels(2027, 6, 30, 17, 0),
        )
        html = client.get(URL).content.decode()
        assert '<time datetime="2027-06-30T17:00:00+02:00">' in html
        assert "Brussels time (UTC+2)" in html

    def test_without_a_status_filter_a_card_shows_the_next_call_only(self, client):
        scheme = scheme_with("Travel grants")
        open_call(scheme, title_en="Second round")
        CallFactory(
            scheme=scheme,
            title_en="Third round",
            opens_at=brussels(2027, 1, 10),
            deadline=brussels(2027, 3, 1),
        )
        card = cards(client.get(URL))["Travel grants"]
        assert "Next deadline" in card
        assert "Third round" not in card and "Second round" not in card

    def test_a_draft_funder_is_not_named(self, client):
        funder = OrganisationFactory(acronym="SECRETFUND", publication_status=DRAFT)
        scheme_with("Scheme of a draft funder", funder=funder)
        assert "SECRETFUND" not in client.get(URL).content.decode()


class TestStatusIsPerCall:
    """A scheme is listed under the status of each of its calls (issue 12, item 8), and its
    card says which call is which."""

    @pytest.fixture(autouse=True)
    def schemes(self):
        # Like the demo's travel grants: a round open now and a third opening in January.
        travel = scheme_with("Travel grants")
        CallFactory(
            scheme=travel,
            title_en="First round",
            opens_at=brussels(2026, 3, 1),
            deadline=brussels(2026, 5, 1, 12, 0),
        )
        CallFactory(
            scheme=travel,
            title_en="Second round",
            opens_at=brussels(2026, 11, 10),
            deadline=brussels(2026, 12, 24, 12, 0),
        )
        CallFactory(
            scheme=travel,
            title_en="Third round",
            opens_at=brussels(2027, 1, 25),
            deadline=brussels(2027, 3, 25, 12, 0),
        )
        open_call(scheme_with("Open only"))
        CallFactory(
            scheme=scheme_with("Upcoming only"),
            opens_at=brussels(2027, 2, 1),
            deadline=brussels(2027, 4, 1),
        )

    def test_a_scheme_with_an_open_and_an_upcoming_call_is_under_open_upcoming_and_both(
        self, client
    ):
        def listed(*statuses):
            return scheme_names(client.get(URL, {"status": statuses, "sort": "name"}))

        assert listed("open") == ["Open only", "Travel grants"]
        assert listed("upcoming") == ["Travel grants", "Upcoming only"]
        assert listed("open", "upcoming") == ["Open only", "Travel grants", "Upcoming only"]
        assert listed("closed") == ["Travel grants"]

    def test_under_upcoming_the_card_names_the_call_that_opens_later_and_when(self, client):
        card = cards(client.get(URL, {"status": "upcoming"}))["Travel grants"]
        assert re.search(
            r"<dt>Third round <span class=\"funding-status funding-status--upcoming\">Upcoming"
            r"</span></dt>\s*<dd>Opens: <time datetime=\"2027-01-25\">",
            card,
        )
        assert '<time datetime="2027-03-25T12:00:00+01:00">' in card
        assert "Second round" not in card and "First round" not in card

    def test_under_open_and_upcoming_the_card_names_both_calls_open_one_first(self, client):
        card = cards(client.get(URL, {"status": ["upcoming", "open"]}))["Travel grants"]
        second, third = card.index("Second round"), card.index("Third round")
        assert second < third
        assert "funding-status--open" in card[second:third]
        assert "First round" not in card

    def test_under_closed_the_card_names_the_last_closed_call(self, client):
        card = cards(client.get(URL, {"status": "closed"}))["Travel grants"]
        assert "First round" in card and 'funding-status--closed">Closed' in card
        assert "Second round" not in card and "Third round" not in card

    def test_a_scheme_with_no_call_is_closed_and_its_card_says_there_is_none(self, client):
        scheme_with("No call yet")
        card = cards(client.get(URL, {"status": "closed"}))["No call yet"]
        assert "No call has been announced yet." in card


class TestSortSelect:
    """Every single-choice select shows a selected option, the sort's default included (pa11y
    flagged the sort select when no ``sort`` was given)."""

    @staticmethod
    def single_selects(response) -> list[str]:
        html = response.content.decode()
        return re.findall(r"<select(?![^>]*multiple)[^>]*>.*?</select>", html, re.DOTALL)

    @pytest.mark.parametrize(
        "query", [{}, {"q": "grant"}, {"sort": ""}, {"sort": "random"}], ids=str
    )
    def test_without_a_valid_sort_the_default_option_is_selected(self, client, query):
        scheme_with("A grant")
        html = client.get(URL, query).content.decode()
        assert '<option value="deadline" selected>Next deadline first</option>' in html
        assert '<option value="name">Name</option>' in html

    def test_the_sort_asked_for_is_the_one_selected(self, client):
        html = client.get(URL, {"sort": "name"}).content.decode()
        assert '<option value="name" selected>Name</option>' in html
        assert '<option value="deadline">Next deadline first</option>' in html

    @pytest.mark.parametrize("query", [{}, {"country": "CD", "sort": "random"}], ids=str)
    def test_every_single_choice_select_on_the_page_has_a_selected_option(self, client, query):
        CountryFactory(code="CD")
        AffiliationFactory(code="ngo")
        scheme_with("A grant")
        selects = self.single_selects(client.get(URL, query))
        assert len(selects) >= 7  # filters: country, applying as, sort; the sentence's five
        for select in selects:
            assert re.search(r"<option [^>]*selected", select), select


class TestFeedLinks:
    def test_the_list_links_to_its_calendar_and_feed_with_the_same_filters(self, client):
        ApplicantLevelFactory(code="doctoral")
        CountryFactory(code="CD")
        html = client.get(URL, {"level": "doctoral", "country": "CD", "page": "1"}).content
        html = html.decode()
        assert 'href="/en/funding/deadlines.ics?level=doctoral&amp;country=CD"' in html
        assert 'href="/en/funding/feed/?level=doctoral&amp;country=CD"' in html
        assert 'rel="alternate" type="application/atom+xml"' in html


class TestBadInput:
    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ({"kind": "lottery"}, "Kind of funding"),
            ({"level": "professor"}, "Applicant level"),
            ({"country": "ZZ"}, "Nationality"),
            ({"country": "not a country"}, "Nationality"),
            ({"discipline": "alchemy"}, "Discipline"),
            ({"status": "maybe"}, "Status"),
            ({"sort": "random"}, "Sort by"),
            ({"affiliation": "ministry"}, "Applicant&#x27;s institution"),
            ({"applying_as": "robot"}, "Applying as"),
        ],
    )
    def test_an_unknown_value_is_shown_as_not_understood(self, client, query, field):
        open_call(scheme_with("Still listed"))
        response = client.get(URL, query)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Some filter values were not understood" in html
        assert f"<li>{field}:" in html
        assert scheme_names(response) == ["Still listed"]

    def test_valid_filters_still_apply_beside_an_invalid_one(self, client):
        scheme_with("For Congolese", nationalities=["CD"])
        scheme_with("For Senegalese", nationalities=["SN"])
        response = client.get(URL, {"country": "CD", "status": "maybe"})
        assert scheme_names(response) == ["For Congolese"]

    @pytest.mark.parametrize("page", ["2", "99"])
    def test_a_page_past_the_last_shows_the_last_with_a_notice(self, client, page):
        scheme_with("Only one")
        response = client.get(URL, {"page": page})
        assert response.status_code == 200
        assert scheme_names(response) == ["Only one"]
        assert f"Page {page} does not exist; showing the last page, 1." in response.text

    @pytest.mark.parametrize("page", ["abc", "-1", "0"])
    def test_a_malformed_page_number_shows_the_first_page(self, client, page):
        scheme_with("Only one")
        assert scheme_names(client.get(URL, {"page": page})) == ["Only one"]

    def test_a_long_search_is_cut_not_refused(self, client):
        assert client.get(URL, {"q": "x" * 5000}).status_code == 200


def test_a_second_page_lists_the_rest(client):
    for number in range(22):
        scheme_with(f"Scheme {number:02d}")
    first = scheme_names(client.get(URL, {"sort": "name"}))
    second = scheme_names(client.get(URL, {"sort": "name", "page": "2"}))
    assert len(first) == 20
    assert second == ["Scheme 20", "Scheme 21"]


def test_htmx_gets_the_results_and_the_eligibility_form_in_step(client):
    scheme_with("For Congolese", nationalities=["CD"])
    response = client.get(URL, {"country": "CD"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<h1>" not in html
    assert '<div id="results"' in html
    assert 'id="eligibility"' in html and 'data-hx-swap-oob="true"' in html
    assert '<option value="CD" selected>' in html


def test_every_level_has_a_phrase_for_the_eligibility_sentence():
    for code in ApplicantLevel.Code:
        assert ApplicantLevel(code=code).plural_label != str(code.label)


def test_search_ignores_accents_and_case(client):
    FundingSchemeFactory(name_en="Séjours de recherche", name_fr="Séjours de recherche")
    FundingSchemeFactory(
        name_en="Travel grants",
        name_fr="Bourses de voyage",
        summary_en="Short trips.",
        summary_fr="De courts voyages.",
    )
    content = client.get("/en/funding/?q=SEJOURS").content.decode()
    assert "Séjours de recherche" in content
    assert "Travel grants" not in content


def test_a_search_does_not_find_schemes_through_a_draft_funder_s_name(client):
    secret = OrganisationFactory(name_en="Quietly Prepared Fund", publication_status=DRAFT)
    FundingSchemeFactory(name_en="Travel grants", funder=secret)
    public = OrganisationFactory(name_en="Openly Known Fund")
    FundingSchemeFactory(name_en="Doctoral grants", funder=public)
    assert "Travel grants" not in client.get(URL, {"q": "quietly prepared"}).content.decode()
    assert "Doctoral grants" in client.get(URL, {"q": "openly known"}).content.decode()
