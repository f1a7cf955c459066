"""The portal's URLs plus `/bench/bare/`, for the benchmark only (see settings_bench).

The bare page goes through the whole middleware stack but renders no template and reads no
database: the most a page of the portal could serve on this machine. Each page of the
benchmark is measured against it.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from .urls import urlpatterns as portal_urlpatterns

_PARAGRAPH = (
    "<p>A static page of about the size of a small portal page, served by the same Django "
    "process and middleware, with no template, no database query and no cache lookup of its "
    "own. Its throughput is the ceiling the other pages are compared with.</p>\n"
)
BARE_PAGE = (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    "<title>Bare page — benchmark</title>\n</head>\n<body>\n<main>\n<h1>Bare page</h1>\n"
    + _PARAGRAPH * 14
    + "</main>\n</body>\n</html>\n"
)


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE_PAGE)


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *portal_urlpatterns]
