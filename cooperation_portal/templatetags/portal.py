"""Template helpers shared by every page."""

from django import template
from django.urls import translate_url
from django.utils.safestring import SafeString

from cooperation_portal.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def translated_url(context, language_code: str) -> str:
    """The current page (same object, same filters) in another language."""
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language_code)
