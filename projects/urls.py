from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    # Before the projects' own slugs (a slug has no dot, but the order says it).
    path("export.csv", views.projects_csv, name="export_csv"),
    path("export.json", views.projects_json, name="export_json"),
    path("iati.xml", views.projects_iati, name="iati"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="detail"),
]
