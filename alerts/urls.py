"""The alerts' addresses, under the language prefix (pages/urls.py includes them at
`alerts/`, translated). Tokens are signed (alerts.tokens): `<str:token>` takes any text, and the
view answers 400 to one that is not ours."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "alerts"
urlpatterns = [
    path(_("subscribe/"), views.subscribe, name="subscribe"),
    path(_("confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("manage/<str:token>/"), views.manage, name="manage"),
    path(_("unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
]
