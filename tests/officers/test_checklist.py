"""The publishing checklist: the change form says what is still needed, and publishing a draft
that misses an item is refused, naming it."""

import pytest

from events.models import Event
from funding.models import FundingScheme
from partners.models import Organisation
from projects.models import Project
from tests.factories import DRAFT, CallFactory, ProjectFactory
from tests.officers.helpers import (
    change_url,
    form_as_shown,
    messages_of,
    ready_draft,
    run_action,
)

pytestmark = pytest.mark.django_db

#: For each model, what to take away from a draft ready to publish, and how the refusal names it.
MISSING = [
    (Project, {"contact": None}, "a contact"),
    (Project, {"end_date": None}, "an end date"),
    (
        FundingScheme,
        {"no_call_note_fr": "", "no_call_note_en": ""},
        "a call, or a note saying how to apply when there is none",
    ),
    (
        Event,
        {"venue_fr": "", "venue_en": "", "city": "", "online_url": ""},
        "a place or an online link",
    ),
    (Organisation, {"country": None}, "a country"),
]


def checklist_of(client, obj) -> str:
    html = client.get(change_url(obj)).content.decode()
    row = html[html.index("field-publication_checklist") :]
    return row[
        row.index('<div class="readonly">') + len('<div class="readonly">') : row.index("</div>")
    ]


def test_the_change_form_lists_what_a_project_still_needs(as_editor):
    project = ProjectFactory(publication_status=DRAFT)

    assert checklist_of(as_editor, project) == (
        "Still needed: a country, an SDG, a discipline, a lead partner, a co-lead partner "
        "and a contact."
    )


def test_the_change_form_says_a_complete_project_is_ready(as_editor):
    assert checklist_of(as_editor, ready_draft(Project)) == (
        "Ready: everything the public needs is there."
    )


@pytest.mark.parametrize(
    ("model", "taken_away", "item"), MISSING, ids=[item for _m, _t, item in MISSING]
)
def test_publishing_with_a_missing_item_is_refused_naming_it(as_officer, model, taken_away, item):
    draft = ready_draft(model)
    model.objects.filter(pk=draft.pk).update(**taken_away)
    draft.refresh_from_db()

    response = run_action(as_officer, model, "publish_selected", draft)

    assert messages_of(response) == [f"“{draft}” was not published: it still needs {item}."]
    draft.refresh_from_db()
    assert not draft.is_published


def test_a_scheme_with_a_call_needs_no_note(as_officer):
    scheme = ready_draft(FundingScheme)
    FundingScheme.objects.filter(pk=scheme.pk).update(no_call_note_fr="", no_call_note_en="")
    CallFactory(scheme=scheme)

    run_action(as_officer, FundingScheme, "publish_selected", scheme)

    scheme.refresh_from_db()
    assert scheme.is_published


def test_the_bulk_action_publishes_the_ready_and_refuses_the_incomplete(as_officer):
    ready, incomplete = ready_draft(Project), ProjectFactory(publication_status=DRAFT)

    response = run_action(as_officer, Project, "publish_selected", ready, incomplete)

    assert messages_of(response) == [
        "Published 1 project.",
        f"“{incomplete}” was not published: it still needs a country, an SDG, a discipline, "
        "a lead partner, a co-lead partner and a contact.",
    ]
    assert list(Project.objects.published()) == [ready]


def test_publishing_from_the_form_with_a_missing_item_keeps_the_rest_as_a_draft(as_officer):
    project = ready_draft(Project)
    Project.objects.filter(pk=project.pk).update(contact=None)
    data = form_as_shown(as_officer, change_url(project))

    data.update(title_fr=["Titre revu"], publication_status=["published"])
    response = as_officer.post(change_url(project), data, follow=True)

    project.refresh_from_db()
    assert f"“{project}” was not published: it still needs a contact." in messages_of(response)
    assert project.title_fr == "Titre revu"
    assert not project.is_published
