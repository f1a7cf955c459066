import pytest

from tests.officers.helpers import EDITORS, OFFICERS, signed_in, staff_user


@pytest.fixture
def editor(roles):
    return staff_user("editor", EDITORS)


@pytest.fixture
def officer(roles):
    return staff_user("officer", OFFICERS)


@pytest.fixture
def as_editor(editor):
    return signed_in(editor)


@pytest.fixture
def as_officer(officer):
    return signed_in(officer)
