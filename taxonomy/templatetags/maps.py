"""Template tags of the maps (`{% load maps %}`): the world map of the countries index and the
home page, and the locator map of a country's page. The drawing is taxonomy.world_map's; these
tags take the page's data and lay the map out with its caption and legend."""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from taxonomy import world_map

register = template.Library()

SIZES = ("large", "small")


@register.inclusion_tag("taxonomy/world_map.html", name="world_map")
def world_map_tag(entries, size="large", id_prefix="map", caption=None, legend=True) -> dict:
    """`{% world_map entries size="large" id_prefix="map" caption=None legend=True %}`.

    `entries`: objects or dicts with `code` (ISO alpha-2, upper case), `name` (in the page's
    language), `url` and `project_count`. A country the map has no shape for is left out of
    the map silently: the page lists every country in its table anyway. Draws nothing when no
    entry can be drawn. `id_prefix` keeps the caption's id unique when a page has two maps;
    `size="small"` (the home page) draws the background more coarsely, for a lighter page."""
    if size not in SIZES:
        raise template.TemplateSyntaxError(f"world_map: size must be one of {SIZES}, not {size!r}")
    drawn, thresholds = world_map.links(entries)
    if not drawn:
        return {"svg": ""}
    caption_id = f"{id_prefix}-caption"
    largest = max(link.count for link in drawn)
    return {
        "svg": world_map.world_svg(drawn, size, caption_id),
        "size": size,
        "caption_id": caption_id,
        "caption": caption or gettext("Projects per country"),
        "legend": world_map.legend(thresholds, largest) if legend else [],
    }


@register.simple_tag
def locator_map(country_code, country_name) -> SafeString:
    """`{% locator_map country_code country_name %}`: the region around a country, the country
    highlighted; a picture (`role="img"`, named "<country> on the map") with no links. Draws
    nothing for a country the map has no shape for."""
    return world_map.locator_svg(str(country_code).upper(), str(country_name))
