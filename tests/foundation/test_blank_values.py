"""An empty value (`?kind=`, as a select or a cleared field sends it) means no filter on every
list and feed, never an invalid value."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/en/projects/?country=&region=&sdg=&status=&tag=&sort=&q=",
        "/en/funding/?kind=&level=&country=&discipline=&affiliation=&status=&sort=",
        "/en/partners/?kind=&country=&region=&q=",
        "/en/events/?kind=&year=&when=",
    ],
)
def test_blank_values_are_no_filter_on_every_list(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "not understood" not in response.content.decode()
    assert 'aria-invalid="true"' not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/en/events/calendar.ics?kind=&year=", "/en/funding/deadlines.ics?kind=&level=&country="],
)
def test_blank_values_are_no_filter_in_the_feeds(client, url):
    assert client.get(url).status_code == 200
