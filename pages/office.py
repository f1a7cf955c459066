"""The office's own pages (`OfficePage`): About cooperation, Get involved, the accessibility
statement and the privacy notice, each at its own address (pages/urls.py).

Top layer: imports the apps, and no app imports it.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from partners.models import Person

from .models import OfficePage


@require_safe
def office_page(request, key: str):
    pages = OfficePage.objects.prefetch_related(
        # As on the other content pages: a contact of a draft or merged organisation is not
        # shown (the page then points to the office's contacts page).
        Prefetch("contact", queryset=Person.objects.public().live().select_related("organisation"))
    )
    page = get_object_or_404(pages, key=key)
    # `object`: base.html says when it was last updated.
    return render(request, "pages/office_page.html", {"page": page, "object": page})
