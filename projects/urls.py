from django.urls import path

from cooperation_portal.exports import export_urls

from . import exports, views

app_name = "projects"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    # Before the projects' own slugs (a slug has no dot, but the order says it).
    *export_urls(exports.ProjectExport),
    path("iati.xml", views.projects_iati, name="iati"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="detail"),
]
