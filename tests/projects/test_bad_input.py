"""Whatever a visitor or a crawler puts in the address, the projects list never fails."""

import pytest

from tests.factories import CountryFactory, ProjectFactory, SDGFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def a_project():
    ProjectFactory(
        title_en="Health in Kinshasa",
        countries=[CountryFactory(code="CD")],
        sdgs=[SDGFactory(number=3)],
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("sdg=99", "99"),
        ("sdg=abc", "abc"),
        ("country=ZZ", "ZZ"),
        ("status=foo", "foo"),
        ("sort=sideways", "sideways"),
        ("discipline=alchemy", "alchemy"),
        ("partner=nobody", "nobody"),
    ],
)
def test_an_invalid_filter_value_is_shown_as_invalid_and_the_rest_still_applies(
    client, query, message
):
    response = client.get(f"/en/projects/?{query}&country=CD")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Some filter values were not understood" in content
    assert message in content
    assert "Health in Kinshasa" in content


@pytest.mark.parametrize(
    "q",
    [
        "x" * 5000,
        "'; DROP TABLE projects_project; --",
        "<script>alert(1)</script>",
        "%",
        "_",
        "\\",
        "\x00",
    ],
)
def test_any_search_text_answers_without_error_and_is_escaped(client, q):
    response = client.get("/en/projects/", {"q": q})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert client.get("/en/projects/").context["paginator"].count == 1


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5"])
def test_a_malformed_page_number_shows_the_first_page(client, page):
    response = client.get(f"/en/projects/?page={page}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


@pytest.mark.parametrize("page", ["999999", "99999999999999999999"])
def test_a_page_beyond_the_last_shows_the_last_page_with_a_notice(client, page):
    response = client.get(f"/en/projects/?page={page}&country=CD")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    content = response.content.decode()
    assert f"Page {page} does not exist; showing the last page, 1." in content
    assert "Health in Kinshasa" in content


@pytest.mark.parametrize("sdg", ["99999999999999999999", "-99999999999999999999", "32768"])
def test_a_number_no_column_could_hold_is_an_invalid_value_not_a_server_error(client, sdg):
    response = client.get(f"/en/projects/?sdg={sdg}&country=CD")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Some filter values were not understood" in content
    assert f"Select a valid choice. {sdg} is not one of the available choices." in content
    assert "Health in Kinshasa" in content


def test_an_unknown_project_answers_404(client):
    assert client.get("/en/projects/no-such-project/").status_code == 404
