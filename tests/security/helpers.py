"""What the security tests share: the policies as the portal should send them, and the pages
they are checked on."""

from django.urls import reverse

from events.models import Event
from funding.models import FundingScheme
from partners.models import Organisation
from projects.models import Project
from taxonomy.models import SDG
from tests.office.helpers import office_paths

#: The directives every page's Content-Security-Policy must have, exactly.
STRICT_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "report-uri": ["/csp-report"],
}

#: Powerful features the Permissions-Policy must turn off.
FEATURES_OFF = ["camera", "microphone", "geolocation", "payment", "usb", "serial", "midi"]

PASSWORD = "a-long-passphrase-for-tests"


def directives(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: [values]}."""
    parsed = {}
    for part in header.split(";"):
        if part.strip():
            name, *values = part.split()
            parsed[name.lower()] = values
    return parsed


def strict_policy_problems(response) -> list[str]:
    """What is wrong with a response's policy headers (nothing: an empty list)."""
    header = response.headers.get("Content-Security-Policy")
    if not header:
        return ["no Content-Security-Policy header"]
    problems = [f"{word} in the policy" for word in ("'unsafe-", "data:", "*") if word in header]
    policy = directives(header)
    problems += [
        f"{name} is {policy.get(name)}, not {values}"
        for name, values in STRICT_DIRECTIVES.items()
        if policy.get(name) != values
    ]
    permissions = response.headers.get("Permissions-Policy", "")
    problems += [
        f"{feature} not off in Permissions-Policy"
        for feature in FEATURES_OFF
        if f"{feature}=()" not in permissions
    ]
    return problems


def public_page_paths(language: str) -> list[str]:
    """One address of each public page type (HTML), in `language`; needs the demo data."""
    paths = [
        "",
        "projects/",
        "projects/?country=CD&sdg=3",
        "projects/?q=sante",
        "funding/",
        "partners/",
        "events/",
        "contacts/",
        "countries/cd/",
        "sdgs/",
        "sdgs/3/",
        *office_paths(language),
        "no-such-page/",
    ]
    details = [
        f"projects/{Project.objects.published().order_by('pk').first().slug}/",
        f"funding/{FundingScheme.objects.published().order_by('pk').first().slug}/",
        f"partners/{Organisation.objects.published().order_by('pk').first().slug}/",
        f"events/{Event.objects.published().order_by('pk').first().slug}/",
    ]
    return [f"/{language}/{path}" for path in [*paths, *details]]


def admin_paths() -> list[str]:
    """The admin pages checked once signed in: dashboard, lists (with and without actions),
    the SDG colour swatches (list and form), a change form with its search boxes, a history."""
    project = Project.objects.order_by("pk").first()
    sdg = SDG.objects.order_by("number").first()
    return [
        reverse("admin:index"),
        reverse("admin:projects_project_changelist"),
        # A popup list runs no action: Django's template would add an inline <style>.
        reverse("admin:projects_project_changelist") + "?_popup=1&_to_field=id",
        reverse("admin:taxonomy_sdg_changelist"),
        reverse("admin:taxonomy_sdg_change", args=[sdg.pk]),
        reverse("admin:projects_project_change", args=[project.pk]),
        reverse("admin:projects_project_add"),
        reverse("admin:projects_project_history", args=[project.pk]),
    ]
