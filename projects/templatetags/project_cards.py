"""The project cards of every list (projects, home, country, SDG and project pages)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from cooperation_portal.memory import drawn
from cooperation_portal.templatetags.portal import example_tag, translated
from projects.filters import with_card_terms
from taxonomy.templatetags.taxonomy_tags import sdg_badge

register = template.Library()

CARD = (
    '\n<article class="card">\n'
    '  <{heading} class="card__title"><a href="{url}">{title}</a>{acronym}</{heading}>\n'
    '  <p class="card__meta">{example}<span class="status status--{status}">{status_label}</span>'
    " · {years}{countries}</p>\n"
    "  <p>{summary}</p>\n"
    '  <p class="sdg-badges">{badges}</p>\n'
    "</article>"
)
HEADINGS = {"h2", "h3", "h4"}


def country_link(country) -> SafeString:
    """A link to a country's page, drawn once per country instance and language."""
    return drawn(
        country,
        ("link", get_language()),
        lambda: format_html('<a href="{}">{}</a>', country.get_absolute_url(), country.name),
    )


@register.simple_tag
def project_cards(projects, heading: str = "h2") -> SafeString:
    """The cards of `projects` (published ones, from `ProjectQuerySet.for_cards`), each headed
    by `heading`. A tag, not a template loop: a list draws twenty cards, and a template spends
    a few dozen variable look-ups on each."""
    heading = heading if heading in HEADINGS else "h2"
    projects = with_card_terms(list(projects))
    return mark_safe("".join(_card(project, heading) for project in projects))  # all escaped


def _card(project, heading: str) -> str:
    status = project.status
    years = str(project.start_date.year)
    if project.end_date:
        years += f"\u2013{project.end_date.year}"
    countries = ", ".join(country_link(country) for country in project.country_list)
    return format_html(
        CARD,
        heading=mark_safe(heading),  # one of HEADINGS
        url=project.get_absolute_url(),
        title=translated(project, "title"),
        acronym=format_html(' <span class="card__acronym">({})</span>', project.acronym)
        if project.acronym
        else "",
        # Demonstration content says so on every card (the notice on its page says more).
        example=format_html("{} ", example_tag()) if project.is_example else "",
        status=status,
        status_label=project.Status(status).label,
        years=years,
        countries=mark_safe(f" · {countries}") if project.country_list else "",  # escaped
        summary=translated(project, "summary"),
        badges=mark_safe("".join(sdg_badge(sdg, compact=True) for sdg in project.sdg_list)),
    )
