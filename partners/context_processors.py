"""Context every page shares: the portal's name and the contacts shown in the footer."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Person


def site(request):
    return {
        "portal_name": settings.PORTAL_NAME,
        # Lazy: evaluated (one query) only by templates that print the footer.
        "footer_contacts": SimpleLazyObject(
            lambda: list(Person.objects.public().live().in_footer().select_related("organisation"))
        ),
    }
