"""Template helpers shared by every page."""

import json
from decimal import Decimal

from django import template
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intword
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse, translate_url
from django.utils.formats import localize, number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, gettext

from cooperation_portal import listing
from cooperation_portal.markdown import render_markdown
from cooperation_portal.safe_urls import safe_url as checked_url

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag
def example_tag() -> SafeString:
    """The tag that marks invented content (`is_example`) on cards and in lists."""
    return format_html('<span class="tag tag--example">{}</span>', gettext("Example"))


@register.filter
def safe_url(address) -> str:
    """A stored address to print in an `href`: itself when it is `http`, `https` or `mailto`,
    else "" (print no link then). Every link typed by people goes through it."""
    return checked_url(address)


@register.simple_tag(takes_context=True)
def translated_url(context, language_code: str) -> str:
    """The current page (same object, same filters) in another language.

    An address that names no page (a 404) keeps its path under the other language's prefix:
    translating it by name is impossible, and the visitor asked for that path.
    """
    request = context.get("request")
    if request is None:
        return "/"
    full_path = request.get_full_path()
    url = translate_url(full_path, language_code)
    if url != full_path:
        return url
    prefix, _slash, rest = full_path.lstrip("/").partition("/")
    if prefix in dict(settings.LANGUAGES):
        return f"/{language_code}/{rest}"
    return f"/{language_code}{full_path}"


@register.simple_tag(takes_context=True)
def valid_filters_query(context, *excluded: str) -> str:
    """`?…` with the valid filters of the page's list (the names given left out), or "" when
    none is left: for feed links, which answer 400 to a value they do not understand."""
    filterset = context.get("filter")
    if filterset is None:
        return ""
    query = listing.valid_filters_query(filterset, exclude=excluded)
    return f"?{query.urlencode()}" if query else ""


def page_language() -> str:
    """The language of the page being drawn: "fr", "en"."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def shown_language(obj, field: str) -> str:
    """The language in which ``obj.field`` is shown: the page's, or the fallback's when empty."""
    current = page_language()
    if getattr(obj, f"{field}_{current}", None):
        return current
    for code, _name in settings.LANGUAGES:
        if getattr(obj, f"{field}_{code}", None):
            return code
    return current


def in_language(html, language: str, block: bool = False) -> SafeString:
    """`html` as it is, or marked with its own ``lang`` when not in the page's language."""
    if language == page_language():
        return conditional_escape(html)
    return format_html('<{0} lang="{1}">{2}</{0}>', "div" if block else "span", language, html)


@register.simple_tag
def translated(obj, field: str, as_markdown: bool = False) -> SafeString:
    """A translated field; text shown in the other language carries its own ``lang``."""
    value = getattr(obj, field, "") or ""
    html = render_markdown(value) if as_markdown else value
    return in_language(html, shown_language(obj, field), block=as_markdown)


@register.simple_tag
def untranslated(value: str) -> SafeString:
    """Text kept in one language only (a room, a postal address, a city as written on site):
    the office writes it in the site's first language (`LANGUAGE_CODE`), so pages in another
    language mark it with that `lang`."""
    if not value:
        return mark_safe("")
    return in_language(value, settings.LANGUAGE_CODE.split("-")[0])


@register.simple_tag
def fallback_language_name(obj, *fields: str) -> str:
    """The name of the language shown instead of the page's, if any of ``fields`` needs it."""
    current = page_language()
    for field in fields:
        language = shown_language(obj, field)
        if language != current and getattr(obj, field, None):
            return get_language_info(language)["name_translated"]
    return ""


@register.simple_tag
def facet_options(name: str, options) -> SafeString:
    """The checkboxes of a facet's `options` (includes/facet.html): each a list item with its
    checkbox, its label and its number of results. A tag, not a template loop: a list page
    draws a hundred of them, and a template spends ten variable look-ups on each."""
    name = conditional_escape(name)
    items = []
    for option in options:
        # Below a thousand, a number is written alike in every language.
        count = str(option.count) if 0 <= option.count < 1000 else localize(option.count)
        value = conditional_escape(option.value)
        checked = " checked" if option.selected else ""
        items.append(
            f'<li><input type="checkbox" name="{name}" value="{value}"'
            f' id="facet-{name}-{value}"{checked}>\n'
            f'  <label for="facet-{name}-{value}">{conditional_escape(option.label)}'
            f' <span class="facet__count">({count})</span></label></li>'
        )
    return mark_safe("\n".join(items))  # every part is escaped above


@register.filter
def euros(amount: Decimal | int | None) -> str:
    """An amount in euros, formatted for the page's language: 1 234,50 € or €1,234.50."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    number = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    if (get_language() or "").startswith("en"):
        return f"€{number}"
    return f"{number}\u00a0€"


@register.filter
def whole_euros(amount: float | Decimal | None) -> str:
    """An amount rounded to the euro (a total, a budget split between countries)."""
    if amount is None or amount == "":
        return ""
    return euros(Decimal(amount).quantize(Decimal(1)))


@register.filter
def euros_in_words(amount: float | Decimal | None) -> str:
    """A large amount as a figure tile shows it, short enough for a phone: €12.4 million,
    12,4 millions € (Django's `intword`); under a million, to the euro."""
    if amount is None or amount == "":
        return ""
    if abs(amount) < 1_000_000:
        return whole_euros(amount)
    words = intword(round(amount)).replace("\u00a0", " ")  # may wrap before "million"
    if (get_language() or "").startswith("en"):
        return f"€{words}"
    return f"{words}\u00a0€"


@register.filter
def percent(share: float | None) -> str:
    """A share (0 to 1) as a whole percentage in the page's language: 95 % or 95%."""
    if share is None or share == "":
        return ""
    number = number_format(round(share * 100), decimal_pos=0, use_l10n=True)
    if (get_language() or "").startswith("en"):
        return f"{number}%"
    return f"{number}\u00a0%"


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict) -> SafeString:
    """schema.org data as a JSON-LD script, escaped so no text can close the script element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def admin_change_url(obj) -> str:
    """The admin page that edits `obj` (the draft banner, "Last updated" for staff)."""
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
