from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("", views.NewsListView.as_view(), name="list"),
    # Before the items' own slugs, or "feed" would be looked up as one.
    path("feed/", views.news_feed, name="feed"),
    path("<slug:slug>/", views.NewsItemDetailView.as_view(), name="detail"),
]
