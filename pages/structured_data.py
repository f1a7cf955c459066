"""schema.org JSON-LD for the portal itself, on its home page.

Top layer: imports the apps, and no app imports it.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, gettext

#: The name of the search term in the search's address template (Google's documented form).
SEARCH_TERM = "search_term_string"


def website_data(request) -> dict:
    """The portal as a schema.org `WebSite`, with the projects list's search (`?q=`) as its
    `SearchAction`.

    `query-input` is not a property schema.org lists for `SearchAction`: it is an action
    annotation, the `-input` form schema.org defines for any property of an `Action` (here
    `query`, https://schema.org/docs/actions.html), which says how a client fills the `{…}` of
    the address template. Search engines read it in this form, and the tests accept an
    `<property>-input` or `<property>-output` name only where `<property>` is one of the
    action's own properties.
    """
    projects = request.build_absolute_uri(reverse("projects:list"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.PORTAL_NAME,
        "description": gettext(
            "Development cooperation at the university: projects, funding, partners and events."
        ),
        "url": request.build_absolute_uri(reverse("home")),
        "inLanguage": get_language(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{projects}?q={{{SEARCH_TERM}}}",
            },
            "query-input": f"required name={SEARCH_TERM}",
        },
    }
