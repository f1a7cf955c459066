"""Where the vocabularies' pages are. A country's and an SDG's page gather content across apps,
so they belong to this layer; a discipline's page is the projects list filtered by it. The
vocabularies' app (taxonomy) sits below every app that links to a term, so it cannot know
these addresses: this layer gives its models their `get_absolute_url` when the apps are ready,
as Django's own ABSOLUTE_URL_OVERRIDES setting does for a project.
"""

from cooperation_portal.addresses import address
from taxonomy.models import SDG, Country, Discipline


def country_page(country: Country) -> str:
    return address("country_detail", code=country.code.lower())


def sdg_page(sdg: SDG) -> str:
    return address("sdg_detail", number=sdg.number)


def discipline_page(discipline: Discipline) -> str:
    return address("projects:list") + f"?discipline={discipline.slug}"


def give_the_vocabularies_their_pages() -> None:
    Country.get_absolute_url = country_page
    SDG.get_absolute_url = sdg_page
    Discipline.get_absolute_url = discipline_page
