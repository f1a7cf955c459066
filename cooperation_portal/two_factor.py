"""Two-factor authentication for every staff account (django-otp): an authenticator app (TOTP)
and single-use recovery codes.

How it goes for an officer:
1. The first time, the password alone opens one page only: the set-up page, which shows a QR
   code (and the key in letters, to type instead) for an authenticator app; the officer types
   the app's 6-digit code to confirm, and receives ten recovery codes, shown once.
2. From then on, the admin's login form asks for the password and a 6-digit code (or one of the
   recovery codes, each good once). A wrong code counts as a failed login (django-axes).

Required whenever `STAFF_TWO_FACTOR_REQUIRED` is on: by default whenever debug is off
(`DJANGO_STAFF_TWO_FACTOR` in the environment overrides it, e.g. on a developer's machine).
An officer who lost the phone is helped by a superuser, who deletes the officer's devices in
the admin ("TOTP devices"): the next login goes through the set-up again.
"""

import base64
import re

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import View
from django_otp import login as otp_login
from django_otp import user_has_device, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
SIX_DIGITS = re.compile(r"^\d{6}$")


def second_factor_required() -> bool:
    return settings.STAFF_TWO_FACTOR_REQUIRED


def is_verified(request: HttpRequest) -> bool:
    """Whether this session passed the second factor (django-otp's middleware tells)."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def needs_second_factor(request: HttpRequest) -> bool:
    """A signed-in staff member who has still to give, or to set up, a second factor."""
    user = request.user
    return (
        second_factor_required()
        and user.is_authenticated
        and user.is_staff
        and not is_verified(request)
    )


def device_for(user, code: str):
    """The user's confirmed device that accepts this code (a 6-digit code from the app, or a
    recovery code, which is then used up), or None. Each device throttles repeated failures."""
    code = code.strip().replace(" ", "").lower()
    kind = TOTPDevice if SIX_DIGITS.match(code) else StaticDevice
    for device in kind.objects.devices_for_user(user, confirmed=True):
        verified = verify_token(user, device.persistent_id, code)
        if verified:
            return verified
    return None


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's login form: the password, and the second factor once it is set up."""

    code = forms.CharField(
        label=_("Code"),
        required=False,
        max_length=20,
        help_text=_(
            "The 6-digit code shown by your authenticator app, or one of your recovery codes. "
            "Leave it empty only if you have not set up two-factor authentication yet."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_missing": _("Enter the 6-digit code from your authenticator app."),
        "code_invalid": _(
            "This code is not valid. Enter the code your authenticator app shows now, "
            "or one of your recovery codes."
        ),
    }

    def clean_username(self):
        """Longer than any user name: refused before it is looked up (or recorded as a failed
        login, which could not store it)."""
        username = self.cleaned_data["username"]
        longest = self.fields["username"].max_length
        if len(username) > longest:
            raise forms.ValidationError(
                _("No user name is longer than %(limit)d characters.") % {"limit": longest},
                code="max_length",
            )
        return username

    def clean(self):
        cleaned_data = super().clean()  # the password, checked by django-axes first
        user = self.get_user()
        if user is None or not user_has_device(user, confirmed=True):
            return cleaned_data
        code = cleaned_data.get("code", "")
        if not code:
            raise forms.ValidationError(self.error_messages["code_missing"], code="code_missing")
        device = device_for(user, code)
        if device is None:
            # A wrong code is a failed login: django-axes counts it, so codes cannot be guessed.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError(self.error_messages["code_invalid"], code="code_invalid")
        user.otp_device = device  # django-otp marks the session verified at login
        return cleaned_data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


def qr_code_svg(url: str) -> str:
    """The QR code of an `otpauth://` address, as inline SVG (a path: no styles, no script)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def grouped_key(device: TOTPDevice) -> str:
    """The key in letters, in groups of four, for typing into an app without a camera."""
    letters = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def new_recovery_codes(user) -> list[str]:
    """Ten new single-use codes; any earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@method_decorator([never_cache, sensitive_post_parameters("code")], name="dispatch")
class TwoFactorView(View):
    """Set up the second factor (when there is none yet), see it, and get new recovery codes."""

    admin_site = None
    template_name = "admin/two_factor.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect_to_login(
                request.get_full_path(), reverse("admin:login", current_app=self.admin_site.name)
            )
        if user_has_device(user, confirmed=True) and not is_verified(request):
            # Set up already: the way in is the login form, with a code.
            return redirect_to_login(
                request.get_full_path(), reverse("admin:login", current_app=self.admin_site.name)
            )
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, status=200, **context):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Two-factor authentication"),
            "setting_up": needs_second_factor(request),
            **context,
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    def app_device(self, user) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)

    def get(self, request):
        if user_has_device(request.user, confirmed=True):
            return self.render(request, **self.status(request.user))
        return self.set_up(request, CodeForm())

    def set_up(self, request, form, status=200):
        device = self.app_device(request.user)
        return self.render(
            request,
            status=status,
            form=form,
            qr_code=mark_safe(qr_code_svg(device.config_url)),
            key=grouped_key(device),
        )

    def status(self, user) -> dict:
        recovery = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()
        return {
            "devices": TOTPDevice.objects.filter(user=user, confirmed=True),
            "codes_left": recovery.token_set.count() if recovery else 0,
        }

    def post(self, request) -> HttpResponse:
        user = request.user
        if user_has_device(user, confirmed=True):
            # Set up and verified: the only thing to do here is to renew the recovery codes.
            return self.render(request, recovery_codes=new_recovery_codes(user))
        form = CodeForm(request.POST)
        device = self.app_device(user)
        if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return self.render(request, recovery_codes=new_recovery_codes(user), first_time=True)
        if form.is_valid():
            form.add_error("code", _("This code is not valid. Type the code the app shows now."))
        return self.set_up(request, form, status=400)
