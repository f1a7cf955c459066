from django.urls import path

from cooperation_portal.exports import export_urls

from . import exports, views

app_name = "funding"
urlpatterns = [
    path("", views.FundingSchemeListView.as_view(), name="list"),
    # Fixed paths before <slug:slug>/, or "feed" would be looked up as a scheme
    # (FundingScheme.clean refuses that slug).
    *export_urls(exports.FundingSchemeExport),
    path("deadlines.ics", views.deadlines, name="deadlines"),
    path("feed/", views.calls_feed, name="feed"),
    path("<slug:slug>/", views.FundingSchemeDetailView.as_view(), name="detail"),
    path("<slug:slug>/deadlines.ics", views.scheme_deadlines, name="scheme_deadlines"),
]
