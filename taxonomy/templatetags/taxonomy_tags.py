"""Template tags for the shared vocabularies."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from cooperation_portal.memory import drawn

register = template.Library()


@register.simple_tag
def sdg_badge(sdg, compact: bool = False) -> SafeString:
    """An SDG's badge in its official colour (its class, `sdg-<number>`), linking to its
    page: "SDG 3", and its title unless `compact`. A tag, not an include: it is drawn for every
    card of a list, once per SDG instance and language (`drawn`)."""
    return drawn(sdg, ("badge", get_language(), compact), lambda: _badge(sdg, compact))


def _badge(sdg, compact: bool) -> SafeString:
    number = format_html(
        '<span class="sdg-badge__number">{}</span>',
        gettext("SDG %(number)s") % {"number": sdg.number},
    )
    title = "" if compact else format_html(' <span class="sdg-badge__title">{}</span>', sdg.title)
    # The colours come from the goal's class (taxonomy.colours): no style attribute.
    return format_html(
        '<a class="sdg-badge sdg-{}" href="{}" title="{}">{}{}</a>',
        sdg.number,
        sdg.get_absolute_url(),
        sdg.title,
        number,
        title,
    )
