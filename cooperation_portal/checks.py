"""The portal's own deployment checks (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def staff_second_factor(app_configs, **kwargs):
    if settings.DEBUG or settings.STAFF_TWO_FACTOR_REQUIRED:
        return []
    return [
        Error(
            "Staff accounts can log in without a second factor.",
            hint="Unset DJANGO_STAFF_TWO_FACTOR (or set it to true) in production.",
            id="cooperation_portal.E001",
        )
    ]
