"""The rows on the public page of published content — a scheme's calls, an event's sessions, a
project's partners, an organisation's members — have lists of their own in the admin besides
their parent's page. There too, once the parent is published, only who may publish it adds,
changes or deletes them (cooperation_portal.admin_actions.PartOfPublishedAdminMixin); an editor
still edits those of drafts."""

import pytest

from events.models import Session
from funding.models import Call
from partners.models import Membership
from projects.models import Participation
from tests.factories import (
    DRAFT,
    PUBLISHED,
    CallFactory,
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    SessionFactory,
)
from tests.helpers import admin_url, change_url, form_as_shown

pytestmark = pytest.mark.django_db


def call_of(status):
    return CallFactory(scheme=FundingSchemeFactory(publication_status=status))


def session_of(status):
    return SessionFactory(event=EventFactory(publication_status=status))


def participation_of(status):
    return ParticipationFactory(project=ProjectFactory(publication_status=status))


def membership_of(status):
    return Membership.objects.create(
        organisation=OrganisationFactory(publication_status=status), member=OrganisationFactory()
    )


PARTS = {
    "call": (call_of, "scheme"),
    "session": (session_of, "event"),
    "participation": (participation_of, "project"),
    "membership": (membership_of, "organisation"),
}


def save(client, obj):
    """Saves the change form as shown; the response."""
    return client.post(change_url(obj), form_as_shown(client, change_url(obj)))


@pytest.mark.parametrize("part", PARTS)
def test_an_editor_cannot_change_or_delete_a_part_of_published_content(as_editor, part):
    make, _parent = PARTS[part]
    obj = make(PUBLISHED)

    page = as_editor.get(change_url(obj))
    assert page.status_code == 200  # shown, to read
    assert 'name="_save"' not in page.content.decode()
    assert as_editor.post(change_url(obj), {}).status_code == 403
    assert as_editor.post(admin_url(obj, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("part", PARTS)
def test_an_editor_changes_a_part_of_a_draft_and_an_officer_of_published_content(
    as_editor, as_officer, part
):
    make, _parent = PARTS[part]
    assert save(as_editor, make(DRAFT)).status_code == 302
    assert save(as_officer, make(PUBLISHED)).status_code == 302


def test_an_editor_cannot_add_a_call_to_a_published_scheme(as_editor):
    published = FundingSchemeFactory(publication_status=PUBLISHED)
    data = {
        "scheme": published.pk,
        "title_fr": "Appel 2031",
        "opens_at_0": "01/01/2031",
        "opens_at_1": "09:00",
        "deadline_0": "31/03/2031",
        "deadline_1": "12:00",
    }

    refused = as_editor.post(admin_url(Call, "add"), data)

    assert refused.status_code == 200
    assert f"“{published}” is published: only a cooperation officer may add to it" in (
        refused.content.decode()
    )
    assert not Call.objects.filter(title_fr="Appel 2031").exists()

    draft = FundingSchemeFactory(publication_status=DRAFT)
    added = as_editor.post(admin_url(Call, "add"), {**data, "scheme": draft.pk})
    assert added.status_code == 302
    assert Call.objects.filter(title_fr="Appel 2031", scheme=draft).exists()


def test_the_part_lists_stay_open_to_editors(as_editor):
    for model in (Call, Session, Participation, Membership):
        assert as_editor.get(admin_url(model, "changelist")).status_code == 200
