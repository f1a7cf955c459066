"""A number in the address that no database column could hold is an invalid value like any
other: the list answers 200 and says so, a feed answers 400 and says so; never a server error
(SQLite cannot even bind an integer past 64 bits), and the same on SQLite and PostgreSQL."""

import django_filters
import pytest
from django import forms
from django.http import QueryDict

from cooperation_portal.listing import ListFilterSet, check_numbers
from partners.models import Organisation
from projects.filters import ProjectFilter
from projects.models import Project
from taxonomy.models import SDG
from tests.factories import (
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ProjectFactory,
    SDGFactory,
)

pytestmark = pytest.mark.django_db

#: Past 64 bits and below them, past 32 bits, past 16 bits (an SDG's number is a small integer).
OUT_OF_RANGE = [
    "99999999999999999999",
    "-99999999999999999999",
    "9223372036854775808",
    "2147483648",
    "32768",
    "9" * 5000,  # more digits than Python reads as a number
]


@pytest.fixture
def one_of_each():
    ProjectFactory(title_en="Health in Kinshasa", sdgs=[SDGFactory(number=3)])
    EventFactory(title_en="A seminar")
    FundingSchemeFactory(name_en="A travel grant")
    OrganisationFactory(name_en="Université de Kinshasa", country=CountryFactory(code="CD"))


#: The number parameters of the lists that are filters, with a row each list still shows.
LIST_FILTERS = [
    ("/en/projects/", "sdg", "Health in Kinshasa"),
    ("/en/events/", "year", "A seminar"),
]
LISTS = ["/en/projects/", "/en/funding/", "/en/partners/", "/en/events/"]


@pytest.mark.parametrize("value", OUT_OF_RANGE)
@pytest.mark.parametrize(("url", "name", "still_listed"), LIST_FILTERS)
def test_an_out_of_range_number_filter_is_shown_as_invalid_and_the_list_still_answers(
    client, one_of_each, url, name, still_listed, value
):
    response = client.get(url, {name: value})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Some filter values were not understood" in content
    assert value[:20] in content  # the message names the value
    assert still_listed in content
    assert name not in response.context["filter"].form.cleaned_data


@pytest.mark.parametrize("value", OUT_OF_RANGE)
@pytest.mark.parametrize("url", LISTS)
def test_an_out_of_range_page_number_shows_the_last_page_with_a_notice(
    client, one_of_each, url, value
):
    response = client.get(url, {"page": value})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    if value.startswith("-"):  # malformed, as `-1` is: the first page
        assert "does not exist" not in response.content.decode()
    else:
        assert "does not exist; showing the last page, 1." in response.content.decode()


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_an_out_of_range_year_in_the_events_calendar_answers_400_and_says_why(
    client, one_of_each, value
):
    response = client.get("/en/events/calendar.ics", {"year": value})
    assert response.status_code == 400
    assert "Year:" in response.content.decode()


@pytest.mark.parametrize("value", OUT_OF_RANGE)
@pytest.mark.parametrize(
    "url", ["/en/events/calendar.ics", "/en/funding/deadlines.ics", "/en/funding/feed/"]
)
def test_a_feed_ignores_a_page_number_whatever_its_size(client, one_of_each, url, value):
    assert client.get(url, {"page": value}).status_code == 200


# The mechanism, on any list's filters ------------------------------------------------------


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class AnyListFilter(ListFilterSet):
    """Integer keys of every kind: a primary key, a small integer looked up in one value and in
    several, and a whole number with no bounds of its own."""

    partner = django_filters.ModelMultipleChoiceFilter(
        field_name="participations__organisation", queryset=Organisation.objects.all()
    )
    goal = django_filters.ModelChoiceFilter(
        field_name="sdgs", to_field_name="number", queryset=SDG.objects.all()
    )
    goals = django_filters.ModelMultipleChoiceFilter(
        field_name="sdgs__number", to_field_name="number", queryset=SDG.objects.all()
    )
    identifier = WholeNumberFilter(field_name="pk")

    class Meta:
        model = Project
        fields = ["partner", "goal", "goals", "identifier"]


#: Each filter with numbers just past its column's range (a big integer primary key, a small
#: integer, an integer), and numbers past every range.
PAST_EACH_RANGE = [
    *[("partner", value) for value in ("9223372036854775808", "-9223372036854775809")],
    *[(name, value) for name in ("goal", "goals") for value in ("32768", "-1")],
    *[("identifier", value) for value in ("2147483648", "-2147483649")],
    *[
        (name, value)
        for name in ("partner", "goal", "goals", "identifier")
        for value in ("99999999999999999999", "-99999999999999999999", "9" * 5000)
    ],
]


def query(**values: str) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(values)
    return data


@pytest.mark.parametrize(("name", "value"), PAST_EACH_RANGE)
def test_every_integer_key_of_any_list_form_rejects_a_number_its_column_cannot_hold(name, value):
    ProjectFactory(sdgs=[SDGFactory(number=3)])
    filterset = AnyListFilter(query(**{name: value}))
    assert not filterset.is_valid()
    assert list(filterset.form.errors) == [name]
    assert len(filterset.qs) == 1  # the other filters still apply; no query fails


def test_numbers_within_range_still_filter():
    kept = ProjectFactory(sdgs=[SDGFactory(number=3)])
    ProjectFactory(sdgs=[SDGFactory(number=6)])
    filterset = AnyListFilter(query(goals="3", goal="3", identifier=str(kept.pk)))
    assert filterset.is_valid(), filterset.form.errors
    assert list(filterset.qs) == [kept]


class PlainFilter(django_filters.FilterSet):
    """Filters not built on the shared base: a list view checks their numbers all the same."""

    goals = django_filters.ModelMultipleChoiceFilter(
        field_name="sdgs__number", to_field_name="number", queryset=SDG.objects.all()
    )

    class Meta:
        model = Project
        fields = ["goals"]


def test_the_check_applies_to_a_filter_set_not_built_on_the_shared_base():
    filterset = PlainFilter(query(goals="2147483648"), queryset=Project.objects.all())
    check_numbers(filterset)
    check_numbers(filterset)  # twice changes nothing
    assert "goals" in filterset.form.errors
    assert list(filterset.qs) == []


def test_every_list_s_filters_are_built_on_the_shared_base():
    from events.filters import EventFilter
    from partners.filters import OrganisationFilter

    for filterset_class in (ProjectFilter, OrganisationFilter, EventFilter):
        assert issubclass(filterset_class, ListFilterSet)


# Number inputs never echo an invalid value -------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "2026.5", "1850", "99999999999999999999"])
def test_the_events_year_field_shows_an_invalid_value_in_the_message_not_in_the_field(
    client, value
):
    response = client.get("/en/events/", {"year": value})
    assert response.status_code == 200
    field = str(response.context["filter"].form["year"])
    assert 'type="number"' in field
    assert "value=" not in field
    assert 'aria-invalid="true"' in field
    content = response.content.decode()
    assert f'value="{value}"' not in content
    assert f"Year: “{value}” is not a whole number." in content or (
        f"Year: {value} is not between 2000 and 2100." in content
    )


def test_a_valid_year_stays_in_its_field(client):
    response = client.get("/en/events/", {"year": "2026"})
    assert 'value="2026"' in str(response.context["filter"].form["year"])


def test_any_number_input_of_any_list_form_shows_only_a_valid_value():
    form = AnyListFilter(query(identifier="abc")).form
    assert "value=" not in str(form["identifier"])
    assert "“abc” is not a whole number." in form.errors["identifier"]
    assert 'value="12"' in str(AnyListFilter(query(identifier="12")).form["identifier"])
