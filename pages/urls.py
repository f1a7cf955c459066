from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cooperation_portal import operations
from cooperation_portal.csp import csp_report
from funding import urls as funding_urls
from partners import urls as partners_urls
from partners.views import ContactListView
from projects import urls as projects_urls

from . import office, open_data, search_views, views
from .models import OfficePage
from .sitemaps import SITEMAPS

admin.site.site_header = _("Cooperation Portal — administration")
admin.site.site_title = _("Cooperation Portal")
admin.site.index_title = _("Content of the portal")

# The 500 page, or the 503 page when the database is out of reach (cooperation_portal.operations).
handler500 = operations.server_error


def served_here(app_urls, **views):
    """The URLs of an app (its module), with the patterns named in `views` served by this
    layer's views instead: same addresses, same names. A page that gathers across apps lives
    here while its address stays the app's (`partners:detail`)."""
    patterns = [
        path(str(pattern.pattern), views[pattern.name], name=pattern.name)
        if pattern.name in views
        else pattern
        for pattern in app_urls.urlpatterns
    ]
    return include((patterns, app_urls.app_name))


urlpatterns = [
    path("healthz", operations.healthz, name="healthz"),
    # Where browsers report what the Content Security Policy blocked (settings.py).
    path("csp-report", csp_report, name="csp_report"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Every published page in both languages (pages.sitemaps): an index, a sitemap per kind.
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    # A project's page shows its news, which the projects app (below news) cannot ask for:
    # this layer serves it at the projects app's own address (`ProjectPageView`), as for
    # organisations and funding schemes, rather than passing the news down through a context
    # processor that every page would pay for.
    path("projects/", served_here(projects_urls, detail=views.ProjectPageView.as_view())),
    path("figures/", include("projects.figure_urls")),
    path("funding/", served_here(funding_urls, detail=views.SchemePageView.as_view())),
    path("partners/", served_here(partners_urls, detail=views.OrganisationPageView.as_view())),
    path("events/", include("events.urls")),
    path("news/", include("news.urls")),
    path(_("alerts/"), include("alerts.urls")),
    path("contacts/", ContactListView.as_view(), name="contacts"),
    # The office's pages (pages.office); their French addresses are translated.
    path(_("about/"), office.office_page, {"key": OfficePage.Key.ABOUT}, name="about"),
    path(
        _("get-involved/"),
        office.office_page,
        {"key": OfficePage.Key.GET_INVOLVED},
        name="get_involved",
    ),
    path(
        _("accessibility/"),
        office.office_page,
        {"key": OfficePage.Key.ACCESSIBILITY},
        name="accessibility",
    ),
    path(_("privacy/"), office.office_page, {"key": OfficePage.Key.PRIVACY}, name="privacy"),
    path(_("open-data/"), open_data.open_data_page, name="open_data"),
    # One search across everything (pages.search).
    path(_("search/"), search_views.search, name="search"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("sdgs/", views.sdg_list, name="sdg_list"),
    path("sdgs/<int:number>/", views.sdg_detail, name="sdg_detail"),
)

if settings.DEBUG:
    # Uploaded files (news photos), served by runserver while developing; in production the
    # web server serves MEDIA_ROOT at MEDIA_URL (README, "Uploaded files").
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    # Preview of the error pages while developing (they are served by Django otherwise).
    urlpatterns += i18n_patterns(
        path("_errors/404/", TemplateView.as_view(template_name="404.html")),
        path("_errors/500/", TemplateView.as_view(template_name="500.html")),
        path("_errors/503/", TemplateView.as_view(template_name="503.html")),
    )
