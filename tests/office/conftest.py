import pytest

from tests.officers.helpers import EDITORS, OFFICERS, signed_in, staff_user


@pytest.fixture(autouse=True)
def pages_of_the_office(office_pages):
    """Every test here starts with the office's four pages as their migration writes them."""


@pytest.fixture
def as_officer(roles):
    return signed_in(staff_user("officer", OFFICERS))


@pytest.fixture
def as_editor(roles):
    return signed_in(staff_user("editor", EDITORS))
