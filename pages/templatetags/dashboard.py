from django import template

from pages.dashboard import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def officers_dashboard(context) -> dict:
    """What waits for the signed-in officer (pages.dashboard), for the admin's index."""
    return dashboard(context["request"].user)
