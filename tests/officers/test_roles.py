"""The two roles shipped with the portal: editors write drafts, cooperation officers publish.
Users are staff members in the shipped groups, never superusers."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from reversion.models import Version

from events.models import Event
from partners.models import Organisation
from projects.models import Project
from tests.factories import EventFactory, OrganisationFactory, ProjectFactory
from tests.officers.helpers import (
    admin_url,
    change_url,
    each_publishable_model,
    form_as_shown,
    messages_of,
    project_add_data,
    ready_draft,
    run_action,
    save_form,
    signed_in,
    staff_user,
)

pytestmark = pytest.mark.django_db


def offered_actions(client, model) -> list[str]:
    response = client.get(admin_url(model, "changelist"))
    return [name for name, _label in response.context["action_form"].fields["action"].choices]


@each_publishable_model
def test_only_an_officer_is_offered_the_publication_actions(as_editor, as_officer, model):
    assert not {"publish_selected", "move_back_to_draft"} & set(offered_actions(as_editor, model))
    assert {"publish_selected", "move_back_to_draft"} <= set(offered_actions(as_officer, model))


@each_publishable_model
def test_an_editor_s_publish_action_is_refused_and_an_officer_s_is_done(
    as_editor, as_officer, model
):
    draft = ready_draft(model)

    response = run_action(as_editor, model, "publish_selected", draft)

    assert messages_of(response) == ["No action selected."]
    draft.refresh_from_db()
    assert not draft.is_published

    run_action(as_officer, model, "publish_selected", draft)

    draft.refresh_from_db()
    assert draft.is_published


def test_an_editor_s_form_shows_the_publication_read_only_and_ignores_a_posted_status(
    as_editor,
):
    project = ready_draft(Project)
    data = form_as_shown(as_editor, change_url(project))
    assert "publication_status" not in data

    data.update(title_fr=["Titre revu"], publication_status=["published"])
    response = as_editor.post(change_url(project), data)

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_fr == "Titre revu"
    assert not project.is_published


def test_a_project_added_by_an_editor_as_published_is_saved_as_a_draft(as_editor):
    response = as_editor.post(admin_url(Project, "add"), project_add_data())

    assert response.status_code == 302
    assert not Project.objects.get(slug="eau-potable-kinshasa").is_published


def test_an_officer_publishes_from_the_form(as_officer):
    project = ready_draft(Project)
    data = form_as_shown(as_officer, change_url(project))

    data["publication_status"] = ["published"]
    response = as_officer.post(change_url(project), data)

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.is_published


@each_publishable_model
def test_published_content_is_read_only_to_an_editor(as_editor, model):
    published = ready_draft(model)
    model.objects.filter(pk=published.pk).update(publication_status="published")

    page = as_editor.get(change_url(published))
    refused = as_editor.post(change_url(published), {"slug": "changed-by-an-editor"})

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert refused.status_code == 403
    assert as_editor.get(admin_url(model, "delete", published.pk)).status_code == 403
    published.refresh_from_db()
    assert published.slug != "changed-by-an-editor"


def test_an_officer_changes_published_content(as_officer):
    project = ProjectFactory(complete=True)
    data = form_as_shown(as_officer, change_url(project))

    data["title_fr"] = ["Titre revu"]
    response = as_officer.post(change_url(project), data)

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title_fr, project.is_published) == ("Titre revu", True)


def delete_selected(client, *objects):
    return client.post(
        admin_url(Organisation, "changelist"),
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: [obj.pk for obj in objects],
            "post": "yes",
        },
        follow=True,
    )


def test_an_editor_s_delete_selected_refuses_a_selection_holding_published_content(as_editor):
    published, draft = OrganisationFactory(), OrganisationFactory(publication_status="draft")

    response = delete_selected(as_editor, published, draft)

    assert messages_of(response) == [
        "Nothing was deleted: 1 of the selected is published, and only a cooperation officer "
        "deletes published content."
    ]
    assert Organisation.objects.filter(pk__in=[published.pk, draft.pk]).count() == 2


def test_an_editor_deletes_drafts_and_an_officer_published_content(as_editor, as_officer):
    published, draft = OrganisationFactory(), OrganisationFactory(publication_status="draft")

    delete_selected(as_editor, draft)
    delete_selected(as_officer, published)

    assert not Organisation.objects.filter(pk__in=[published.pk, draft.pk]).exists()


def test_restoring_a_version_of_published_content_needs_the_publish_permission(
    as_editor, as_officer
):
    event = EventFactory()
    save_form(as_officer, event)
    [version] = Version.objects.get_for_object(event)
    restore = admin_url(Event, "revision", event.pk, version.pk)

    assert as_editor.get(restore).status_code == 403
    assert as_officer.get(restore).status_code == 200


def test_an_editor_cannot_publish_again_by_restoring_a_published_version(as_editor, as_officer):
    event = EventFactory()
    assert (
        as_officer.post(change_url(event), form_as_shown(as_officer, change_url(event))).status_code
        == 302
    )
    [published] = Version.objects.get_for_object(event)
    run_action(as_officer, Event, "move_back_to_draft", event)

    restore = admin_url(Event, "revision", event.pk, published.pk)
    response = as_editor.post(restore, {"city": "Kinshasa"})

    assert response.status_code == 403
    event.refresh_from_db()
    assert not event.is_published


@each_publishable_model
def test_a_staff_member_in_neither_group_is_refused_the_admin_pages(model):
    outsider = signed_in(staff_user("outsider"))
    obj = ready_draft(model)

    for url in (admin_url(model, "changelist"), admin_url(model, "add"), change_url(obj)):
        assert outsider.get(url).status_code == 403, url


@each_publishable_model
def test_the_address_of_published_content_is_fixed_and_of_a_draft_editable(as_officer, model):
    draft = ready_draft(model)
    save_form(as_officer, draft, slug="a-better-address")
    draft.refresh_from_db()
    assert draft.slug == "a-better-address"

    published = ready_draft(model)
    published.publication_status = Project.PublicationStatus.PUBLISHED
    published.save()
    address = published.slug
    save_form(as_officer, published, slug="another-address")  # typed in, but not a field
    published.refresh_from_db()
    # Bookmarks, feeds, the sitemap and IATI identifiers keep working.
    assert published.slug == address
    assert "slug" not in form_as_shown(as_officer, change_url(published))
