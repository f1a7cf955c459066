"""schema.org JSON-LD for a funding scheme's page, so search engines and aggregators of funding
opportunities read it.

Every type and property used here is one schema.org defines for the type it is used on
(tests/open_data/test_structured_data.py checks it against the vocabulary).
"""

from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist

from partners.structured_data import organisation_reference

from .models import FundingScheme

#: The currency of every amount of the portal (the models' amounts are in euros).
CURRENCY = "EUR"


def number(amount: Decimal) -> int | float:
    """An amount as a JSON number (DjangoJSONEncoder writes a Decimal as a string)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def published_funder(scheme: FundingScheme):
    """The scheme's funder, or None when it is a draft: read through
    `published_organisations("funder")`, a draft funder is left out, and the relation, which
    may not be empty, then raises instead of reading as None."""
    try:
        return scheme.funder
    except ObjectDoesNotExist:
        return None


def scheme_data(scheme: FundingScheme, absolute_url: Callable[[str], str]) -> dict:
    """A funding scheme as a schema.org `MonetaryGrant`: its `funder` (when published) and the
    `amount` a grant may reach, a `MonetaryAmount` in euros with only the bounds the scheme
    states (`minValue`, `maxValue`; none when it states neither)."""
    data = {
        "@context": "https://schema.org",
        "@type": "MonetaryGrant",
        "name": str(scheme.name),
        "description": str(scheme.summary),
        "url": absolute_url(scheme.get_absolute_url()),
    }
    if funder := published_funder(scheme):
        data["funder"] = organisation_reference(funder, absolute_url)
    if scheme.amount_min is not None or scheme.amount_max is not None:
        amount = {"@type": "MonetaryAmount", "currency": CURRENCY}
        if scheme.amount_min is not None:
            amount["minValue"] = number(scheme.amount_min)
        if scheme.amount_max is not None:
            amount["maxValue"] = number(scheme.amount_max)
        data["amount"] = amount
    return data


def grant_reference(scheme: FundingScheme, absolute_url: Callable[[str], str]) -> dict:
    """The scheme where another page's data names it (the `funding` of a project)."""
    return {
        "@type": "MonetaryGrant",
        "name": str(scheme.name),
        "url": absolute_url(scheme.get_absolute_url()),
    }
