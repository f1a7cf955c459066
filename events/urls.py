from django.urls import path

from cooperation_portal.exports import export_urls

from . import exports, views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    # Fixed paths before the events' own slugs.
    *export_urls(exports.EventExport),
    path("cooperation-day/", views.CooperationDayView.as_view(), name="cooperation_day"),
    path("calendar.ics", views.EventCalendarView.as_view(), name="calendar"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/event.ics", views.EventICalendarView.as_view(), name="event_calendar"),
]
