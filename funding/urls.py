from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("", views.FundingSchemeListView.as_view(), name="list"),
    path("<slug:slug>/", views.FundingSchemeDetailView.as_view(), name="detail"),
]
