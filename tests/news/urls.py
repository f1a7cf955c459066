"""The portal's URLs, plus the uploaded files, as runserver serves them in development
(`pages/urls.py` adds them only when DEBUG is on at start-up, which it is not in tests)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from pages.urls import handler500
from pages.urls import urlpatterns as portal_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *portal_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
