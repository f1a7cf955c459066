"""What the officers' tests share: staff users in the shipped roles, admin addresses, the admin's
change form as a browser submits it, and the messages a page shows."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from events.models import Event
from funding.models import FundingScheme
from partners.models import Organisation
from projects.models import Project
from tests.factories import (
    DRAFT,
    CountryFactory,
    DisciplineFactory,
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    SDGFactory,
)
from tests.helpers import admin_url, change_url, form_as_shown

EDITORS = "Editors"
OFFICERS = "Cooperation officers"
PUBLISHABLE_MODELS = [Project, Organisation, FundingScheme, Event]
each_publishable_model = pytest.mark.parametrize(
    "model", PUBLISHABLE_MODELS, ids=lambda model: model._meta.model_name
)


def staff_user(username: str, *groups: str):
    """A staff member (not a superuser) in the shipped groups named."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", is_staff=True)
    user.groups.set([Group.objects.get(name=name) for name in groups])
    return user


def signed_in(user, language: str = "en") -> Client:
    """A browser signed in as `user`; the admin speaks the browser's language."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def public_url(obj, language: str = "en") -> str:
    with translation.override(language):
        return obj.get_absolute_url()


def run_action(client, model, action: str, *objects):
    """Runs a changelist action on `objects`, as the "Go" button does, following the redirect."""
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects]},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def save_form(client, obj, **changes) -> None:
    """Saves the admin's change form as shown, with `changes` typed in."""
    data = form_as_shown(client, change_url(obj))
    data.update(
        {name: value if isinstance(value, list) else [value] for name, value in changes.items()}
    )
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def ready_draft(model):
    """A draft of `model` with everything its publishing checklist asks for."""
    if model is Project:
        return ProjectFactory(complete=True, publication_status=DRAFT)
    if model is FundingScheme:
        return FundingSchemeFactory(publication_status=DRAFT, no_call_note_fr="Par courriel.")
    factory = {Event: EventFactory, Organisation: OrganisationFactory}[model]
    return factory(publication_status=DRAFT)


def participations(*rows: tuple[int, str]) -> dict:
    """The POST data of a project's partners inline: (organisation pk, role) rows."""
    data = {
        "participations-TOTAL_FORMS": len(rows),
        "participations-INITIAL_FORMS": 0,
        "participations-MIN_NUM_FORMS": 0,
        "participations-MAX_NUM_FORMS": 1000,
    }
    for index, (organisation, role) in enumerate(rows):
        data[f"participations-{index}-organisation"] = organisation
        data[f"participations-{index}-role"] = role
    return data


def project_add_data() -> dict:
    """A project's add form filled in French only, with everything the publishing checklist
    asks for, to be published."""
    lead, co_lead = OrganisationFactory(), OrganisationFactory()
    return {
        "title_fr": "Eau potable à Kinshasa",
        "slug": "eau-potable-kinshasa",
        "summary_fr": "De l'eau potable pour deux quartiers.",
        "start_date": "01/02/2027",
        "end_date": "31/01/2030",
        "linked_countries": [CountryFactory(code="CD").pk],
        "linked_sdgs": [SDGFactory(number=6).pk],
        "linked_disciplines": [DisciplineFactory().pk],
        "contact": PersonFactory(organisation=lead).pk,
        "publication_status": "published",
        **participations((lead.pk, "lead"), (co_lead.pk, "co-lead")),
    }
