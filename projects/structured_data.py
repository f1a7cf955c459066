"""schema.org JSON-LD for a project's page, so search engines and aggregators read it.

Every type and property used here is one schema.org defines for the type it is used on
(tests/open_data/test_structured_data.py checks it against the vocabulary).
"""

from cooperation_portal.safe_urls import safe_url
from funding.structured_data import grant_reference
from partners.structured_data import organisation_reference

from .models import Participation, Project


def structured_data(project: Project, participations, request) -> dict:
    """A project as a schema.org `ResearchProject`.

    schema.org makes a project a kind of `Organization` (ResearchProject → Project →
    Organization → Thing), so it takes only the properties of those types:

    - Who takes part is its `member`s, each wrapped in an `OrganizationRole` whose `roleName`
      is the participation's role (lead, co-lead, partner): a role is not a property of an
      organisation, so it cannot sit on the `Organization` itself. Its funders are `funder`s,
      not members. The roles carry no dates: the portal does not record when each
      organisation joined, and giving them the project's dates would claim it did.
    - Its dates are its own, as its page states them: `foundingDate` (its start) and
      `dissolutionDate` (its end, planned or past), the dates `Organization` defines for
      when an organisation begins and ends. `startDate`/`endDate` are not properties of
      a project (only of events, roles and the like).
    - The funding schemes that fund it are its `funding` (`MonetaryGrant`s); its countries
      are its `areaServed`; its own website is `sameAs` (its `url` is its page here).
    """
    absolute_url = request.build_absolute_uri
    data = {
        "@context": "https://schema.org",
        "@type": "ResearchProject",
        "name": str(project.title),
        "description": str(project.summary),
        "url": absolute_url(project.get_absolute_url()),
        "foundingDate": project.start_date.isoformat(),
    }
    if project.acronym:
        data["alternateName"] = project.acronym
    if project.end_date:
        data["dissolutionDate"] = project.end_date.isoformat()
    if website := safe_url(project.website):
        data["sameAs"] = website
    keywords = [str(tag.name) for tag in project.keywords.all()]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    countries = [
        {"@type": "Country", "name": str(country.name), "identifier": country.code}
        for country in project.countries.all()
    ]
    if countries:
        data["areaServed"] = countries
    # Leads first, as on the page (`Participation.group_by_role`).
    roles = list(Participation.Role.values)
    participations = sorted(participations, key=lambda p: roles.index(p.role))
    members = [
        {
            "@type": "OrganizationRole",
            "roleName": str(participation.get_role_display()),
            "member": organisation_reference(participation.organisation, absolute_url),
        }
        for participation in participations
        if participation.role != Participation.Role.FUNDER
    ]
    if members:
        data["member"] = members
    funders = [
        organisation_reference(participation.organisation, absolute_url)
        for participation in participations
        if participation.role == Participation.Role.FUNDER
    ]
    if funders:
        data["funder"] = funders
    # The published schemes only (`ProjectDetailView` reads them into `published_schemes`).
    schemes = getattr(project, "published_schemes", None)
    if schemes:
        data["funding"] = [grant_reference(scheme, absolute_url) for scheme in schemes]
    return data
