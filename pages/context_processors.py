"""Context every page shares: the portal's name and the contacts shown in the footer."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

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
    }
