import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default():
    """Tests read in English unless they ask otherwise; pages pick their language from the URL."""
    with translation.override("en"):
        yield
