"""schema.org JSON-LD for a project's page, so search engines and aggregators read it."""

from .models import Participation, Project


def structured_data(project: Project, participations, request) -> dict:
    """schema.org ResearchProject, for search engines and aggregators."""
    data = {
        "@context": "https://schema.org",
        "@type": "ResearchProject",
        "name": project.title,
        "description": project.summary,
        "url": request.build_absolute_uri(project.get_absolute_url()),
        "startDate": project.start_date,
        "keywords": ", ".join(tag.name for tag in project.keywords.all()),
        "areaServed": [country.name for country in project.countries.all()],
        "member": [
            {"@type": "Organization", "name": p.organisation.name, "roleName": p.get_role_display()}
            for p in participations
        ],
    }
    if project.acronym:
        data["alternateName"] = project.acronym
    if project.end_date:
        data["endDate"] = project.end_date
    funders = [p.organisation.name for p in participations if p.role == Participation.Role.FUNDER]
    if funders:
        data["funder"] = [{"@type": "Organization", "name": name} for name in funders]
    return data
