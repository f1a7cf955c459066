"""Update due: content not changed for twelve months is flagged in the admin, and every public
page says when it was last updated."""

import datetime
import re

import pytest
from django.utils import formats, timezone, translation

from tests.officers.helpers import (
    admin_url,
    each_publishable_model,
    public_url,
    ready_draft,
)

pytestmark = pytest.mark.django_db


def changed_days_ago(model, days: int):
    """A row of `model` last changed `days` ago (`updated_at` is set on save, hence update())."""
    obj = ready_draft(model)
    model.objects.filter(pk=obj.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days)
    )
    return obj


@each_publishable_model
def test_update_due_lists_only_content_older_than_twelve_months(model):
    old = changed_days_ago(model, 366)
    changed_days_ago(model, 364)
    changed_days_ago(model, 0)

    assert list(model.objects.update_due()) == [old]


@each_publishable_model
def test_the_admin_filter_and_column_show_only_the_content_due_for_an_update(as_editor, model):
    old = changed_days_ago(model, 400)
    recent = changed_days_ago(model, 30)
    changelist = admin_url(model, "changelist")

    due = as_editor.get(changelist, {"update_due": "yes"})
    not_due = as_editor.get(changelist, {"update_due": "no"})
    everything = as_editor.get(changelist).content.decode()

    assert list(due.context["cl"].result_list) == [old]
    assert list(not_due.context["cl"].result_list) == [recent]
    column = re.findall(r'<td class="field-update_due">.*?alt="(True|False)"', everything, re.S)
    assert sorted(column) == ["False", "True"]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Last updated: March 4, 2025"),
        ("fr", "Dernière mise à jour\N{NO-BREAK SPACE}: 4 mars 2025"),
    ],
)
@each_publishable_model
def test_a_public_page_says_when_it_was_last_updated(client, model, language, said):
    obj = ready_draft(model)
    updated = datetime.datetime(2025, 3, 4, 12, 0, tzinfo=datetime.UTC)
    model.objects.filter(pk=obj.pk).update(publication_status="published", updated_at=updated)

    html = client.get(public_url(obj, language)).content.decode()

    assert f'<p class="last-updated">{said}</p>' in html


def test_a_list_page_says_when_the_content_last_changed(client):
    """A page that shows no one object (a list, the home page) dates the latest change."""
    from cooperation_portal.models import ContentVersion
    from tests.factories import ProjectFactory

    ProjectFactory()  # a write: the content changes now
    ContentVersion.objects.update(changed_at=timezone.now() - datetime.timedelta(days=40))
    ProjectFactory()  # and again, today

    for url in ["/en/projects/", "/en/"]:
        html = client.get(url).content.decode()
        said = re.search(r'<p class="last-updated">Content last updated: ([^<]*)</p>', html)
        assert said, url
        with translation.override("en"):
            assert said.group(1) == formats.date_format(timezone.localdate(), "DATE_FORMAT")
