"""Context every page shares: the portal's name and the contacts shown in the footer."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from cooperation_portal.caching import content_changed_at
from cooperation_portal.memory import remembered
from partners.models import Person


def footer_contacts() -> list[Person]:
    return list(Person.objects.public().live().in_footer().select_related("organisation"))


def site(request):
    return {
        "portal_name": settings.PORTAL_NAME,
        # Lazy: read only by templates that print the footer; kept by the process until the
        # content changes (one short query instead of the contacts').
        "footer_contacts": SimpleLazyObject(lambda: remembered("footer-contacts", footer_contacts)),
        # "Last updated" of a page that shows no one object: when the content last changed
        # (read with the content version, which the footer reads anyway).
        "content_changed_at": SimpleLazyObject(lambda: content_changed_at() or False),
    }
