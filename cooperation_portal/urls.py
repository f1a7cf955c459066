from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from partners.views import ContactListView

from . import views

admin.site.site_header = _("Cooperation Portal — administration")
admin.site.site_title = _("Cooperation Portal")
admin.site.index_title = _("Content of the portal")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("projects/", include("projects.urls")),
    path("funding/", include("funding.urls")),
    path("partners/", include("partners.urls")),
    path("events/", include("events.urls")),
    path("contacts/", ContactListView.as_view(), name="contacts"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("sdgs/", views.sdg_list, name="sdg_list"),
    path("sdgs/<int:number>/", views.sdg_detail, name="sdg_detail"),
)

if settings.DEBUG:
    # Preview of the error pages while developing (they are served by Django otherwise).
    urlpatterns += i18n_patterns(
        path("_errors/404/", TemplateView.as_view(template_name="404.html")),
        path("_errors/500/", TemplateView.as_view(template_name="500.html")),
    )
