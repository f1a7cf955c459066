"""The figures of any selection of projects (`/figures/?<the projects list's filters>`)."""

from django.urls import path

from . import views

app_name = "figures"
urlpatterns = [
    path("", views.figures_page, name="page"),
    path("<slug:table>.csv", views.figures_csv, name="csv"),
]
