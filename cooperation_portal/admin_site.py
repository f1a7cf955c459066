"""The portal's admin site: Django's, with the staff login protected (django-axes counts the
failures, cooperation_portal.two_factor asks for the second factor) and the set-up page of the
second factor. Installed in place of Django's (apps.PortalAdminConfig in INSTALLED_APPS), so
that `admin.site` is this site everywhere."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path
from django_otp import user_has_device

from .two_factor import StaffLoginForm, TwoFactorView, needs_second_factor


class PortalAdminSite(admin.AdminSite):
    login_form = StaffLoginForm
    login_template = "admin/staff_login.html"

    def has_permission(self, request):
        """Staff, and past the second factor where it is required: until then no admin page
        opens, only the set-up page (for those who have none yet) and the login form."""
        return super().has_permission(request) and not needs_second_factor(request)

    def login(self, request, extra_context=None):
        if (
            request.method == "GET"
            and needs_second_factor(request)
            and not user_has_device(request.user, confirmed=True)
        ):
            return redirect("admin:two_factor")
        return super().login(request, extra_context)

    def get_urls(self):
        two_factor = TwoFactorView.as_view(admin_site=self)
        return [path("two-factor/", two_factor, name="two_factor"), *super().get_urls()]
