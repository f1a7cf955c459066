"""The alerts' links are made from PORTAL_URL: `check` refuses one that is not an address,
`check --deploy` warns of a local one."""

from alerts.checks import portal_url_is_an_address, portal_url_is_public


def test_a_portal_url_that_is_not_an_address_is_an_error(settings):
    settings.PORTAL_URL = "cooperation.example.org"

    assert [error.id for error in portal_url_is_an_address(None)] == ["alerts.E001"]


def test_a_local_portal_url_is_a_deployment_warning(settings):
    settings.PORTAL_URL = "http://localhost:8000"
    assert [warning.id for warning in portal_url_is_public(None)] == ["alerts.W001"]

    settings.PORTAL_URL = "https://cooperation.example.org"
    assert portal_url_is_public(None) == [] and portal_url_is_an_address(None) == []
