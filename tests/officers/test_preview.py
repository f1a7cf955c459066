"""A draft at its public address: hidden from the public, previewed by staff with a banner, and
never cached nor indexed."""

import pytest
from django.contrib.contenttypes.models import ContentType

from projects.models import Project
from tests.officers.helpers import (
    change_url,
    each_publishable_model,
    public_url,
    ready_draft,
    run_action,
    signed_in,
    staff_user,
)

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


@each_publishable_model
def test_a_draft_is_404_to_anonymous_visitors(client, model):
    draft = ready_draft(model)

    assert client.get(public_url(draft)).status_code == 404
    assert client.get(public_url(draft, "fr")).status_code == 404


@each_publishable_model
def test_a_draft_is_shown_to_staff_with_the_draft_banner_never_cached_nor_indexed(as_editor, model):
    draft = ready_draft(model)

    response = as_editor.get(public_url(draft))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="draft-banner" role="status">' in html
    assert "Draft — not public" in html
    assert f'<a href="{change_url(draft)}">Edit it in the admin</a>' in html
    assert {"private", "no-store"} <= cache_control(response)
    assert response["X-Robots-Tag"] == "noindex"


def test_a_published_page_seen_by_staff_has_no_banner_and_may_be_indexed(as_editor):
    draft = ready_draft(Project)
    Project.objects.filter(pk=draft.pk).update(publication_status="published")

    response = as_editor.get(public_url(draft))

    assert response.status_code == 200
    assert "draft-banner" not in response.content.decode()
    assert "no-store" not in cache_control(response)
    assert "X-Robots-Tag" not in response


@each_publishable_model
def test_content_moved_back_to_draft_is_404_to_the_public_at_once(client, as_officer, model):
    """Not served from the page cache, which kept the published page."""
    obj = ready_draft(model)
    model.objects.filter(pk=obj.pk).update(publication_status="published")
    assert client.get(public_url(obj)).status_code == 200
    assert client.get(public_url(obj))["X-Page-Cache"] == "hit"

    run_action(as_officer, model, "move_back_to_draft", obj)

    assert client.get(public_url(obj)).status_code == 404


def test_staff_who_may_not_view_the_model_get_404_for_a_draft():
    draft = ready_draft(Project)
    outsider = signed_in(staff_user("outsider"))

    assert outsider.get(public_url(draft)).status_code == 404


@each_publishable_model
def test_view_on_site_in_the_admin_leads_to_the_public_page(as_editor, model):
    draft = ready_draft(model)
    content_type = ContentType.objects.get_for_model(model)

    response = as_editor.get(f"/admin/r/{content_type.pk}/{draft.pk}/")

    assert response.status_code == 302
    assert response.url.endswith(draft.get_absolute_url())
    assert as_editor.get(response.url).status_code == 200
