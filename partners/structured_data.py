"""schema.org JSON-LD for an organisation's page, and the organisation as the data of other
pages names it (a project's members, a funding scheme's funder, an event's organiser).

Every type and property used here is one schema.org defines for the type it is used on
(tests/open_data/test_structured_data.py checks it against the vocabulary).
"""

from collections.abc import Callable

from cooperation_portal.safe_urls import safe_url

from .models import Organisation

#: The schema.org type of the kinds of organisation that have a precise one; any other kind
#: (a cooperation unit, a fund, a public funder) is an `Organization`.
SCHEMA_TYPES = {
    Organisation.Kind.UNIVERSITY: "CollegeOrUniversity",
    Organisation.Kind.FACULTY: "EducationalOrganization",
    Organisation.Kind.NGO: "NGO",
    Organisation.Kind.RESEARCH_CENTRE: "ResearchOrganization",
    Organisation.Kind.HOSPITAL: "Hospital",
}


def schema_type(organisation: Organisation) -> str:
    return SCHEMA_TYPES.get(organisation.kind, "Organization")


def organisation_reference(organisation: Organisation, absolute_url: Callable[[str], str]) -> dict:
    """The organisation where another page's data names it: its type, its name, its page on
    the portal (`url`) and its own website (`sameAs`, when it has a safe one)."""
    data = {"@type": schema_type(organisation), "name": str(organisation.name)}
    if organisation.is_published:
        data["url"] = absolute_url(organisation.get_absolute_url())
    if website := safe_url(organisation.website):
        data["sameAs"] = website
    return data


def organisation_data(
    organisation: Organisation, units, absolute_url: Callable[[str], str]
) -> dict:
    """An organisation's page as schema.org data: `CollegeOrUniversity` for a university (see
    `SCHEMA_TYPES`), else `Organization`, with its website as `sameAs`, its city and country
    as `address`, the organisation it is part of and its published units.

    An organisation that merged into another (Eclosio into Ucoopia) ended as an organisation
    of its own on the day it merged: that day is its `dissolutionDate`.
    """
    data = {"@context": "https://schema.org", **organisation_reference(organisation, absolute_url)}
    data["url"] = absolute_url(organisation.get_absolute_url())
    if organisation.acronym and organisation.acronym != organisation.name:
        data["alternateName"] = organisation.acronym
    if organisation.tagline:
        data["description"] = str(organisation.tagline)
    if organisation.city or organisation.country:
        address = {"@type": "PostalAddress"}
        if organisation.city:
            address["addressLocality"] = organisation.city
        if organisation.country:
            address["addressCountry"] = organisation.country.code
        data["address"] = address
    if organisation.founded_on:
        data["foundingDate"] = organisation.founded_on.isoformat()
    if organisation.merged_into_id and organisation.merged_on:
        data["dissolutionDate"] = organisation.merged_on.isoformat()
    # Read through `with_listing_relations`: a draft parent reads as None.
    if organisation.parent:
        data["parentOrganization"] = organisation_reference(organisation.parent, absolute_url)
    if units:
        data["subOrganization"] = [organisation_reference(unit, absolute_url) for unit in units]
    return data
