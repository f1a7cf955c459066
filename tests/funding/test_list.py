"""The funding list, /en/funding/: filters, order, what each card says, bad input."""

import re

import pytest

from funding.models import ApplicantLevel, FundingScheme
from tests.factories import (
    DRAFT,
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


def scheme_with(name, levels=(), nationalities=(), disciplines=(), **kwargs):
    scheme = FundingSchemeFactory(name_en=name, **kwargs)
    scheme.applicant_levels.set([ApplicantLevelFactory(code=code) for code in levels])
    scheme.eligible_nationalities.set([CountryFactory(code=code) for code in nationalities])
    scheme.disciplines.set([DisciplineFactory(slug=slug) for slug in disciplines])
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

    def test_a_draft_funder_is_not_named(self, client):
        funder = OrganisationFactory(acronym="SECRETFUND", publication_status=DRAFT)
        scheme_with("Scheme of a draft funder", funder=funder)
        assert "SECRETFUND" not in client.get(URL).content.decode()


class TestFeedLinks:
    def test_the_list_links_to_its_calendar_and_feed_with_the_same_filters(self, client):
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
    def test_a_page_out_of_range_answers_404(self, client, page):
        scheme_with("Only one")
        assert client.get(URL, {"page": page}).status_code == 404

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
    assert 'id="eligibility"' in html and 'hx-swap-oob="true"' in html
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
