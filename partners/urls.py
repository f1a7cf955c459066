from django.urls import path

from cooperation_portal.exports import export_urls

from . import exports, views

app_name = "partners"
urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="list"),
    *export_urls(exports.OrganisationExport),
    path("<slug:slug>/", views.OrganisationDetailView.as_view(), name="detail"),
]
