"""The officers' dashboard on the admin's first page: what waits for the signed-in user."""

import datetime
import re

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.utils import timezone

from projects.models import Project
from tests.factories import DRAFT, CallFactory, FundingSchemeFactory, ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("roles")]


def section(html: str, heading_id: str) -> str:
    match = re.search(
        rf'<section class="module" aria-labelledby="{heading_id}">(.*?)</section>', html, re.S
    )
    assert match, f"no section {heading_id}"
    return match.group(1)


def staff(name: str, group: str) -> User:
    user = User.objects.create_user(name, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def saved_by(user, obj):
    with reversion.create_revision():
        obj.save()
        reversion.set_user(user)


def test_it_lists_my_drafts_and_what_each_draft_still_needs(client):
    editor, other = staff("editor", "Editors"), staff("other", "Editors")
    mine = ProjectFactory(title_en="Mon brouillon", publication_status=DRAFT, complete=True)
    theirs = ProjectFactory(title_en="Leur brouillon", publication_status=DRAFT)
    ProjectFactory(title_en="Déjà public")
    saved_by(editor, mine)
    saved_by(other, theirs)
    client.force_login(editor)

    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    my_drafts = section(html, "my-drafts")
    assert "Mon brouillon" in my_drafts and "Leur brouillon" not in my_drafts
    waiting = section(html, "waiting")
    assert "Mon brouillon" in waiting and "Leur brouillon" in waiting
    assert "Déjà public" not in waiting
    assert "Ready to publish" in waiting
    assert "Still needed: a country, an SDG, a discipline" in waiting


def test_it_lists_content_due_for_an_update_and_calls_closing_within_30_days(client):
    client.force_login(staff("officer", "Cooperation officers"))
    stale = ProjectFactory(title_en="Ancien projet")
    ProjectFactory(title_en="Projet récent")
    Project.objects.filter(pk=stale.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=400)
    )
    now = timezone.now()
    scheme = FundingSchemeFactory()
    CallFactory(scheme=scheme, title_en="Closing soon", deadline=now + datetime.timedelta(days=9))
    CallFactory(scheme=scheme, title_en="Closing later", deadline=now + datetime.timedelta(days=60))

    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    due = section(html, "update-due")
    assert "Ancien projet" in due and "Projet récent" not in due
    shown_date = timezone.localtime(timezone.now() - datetime.timedelta(days=400))
    assert shown_date.strftime("%d/%m/%Y") in due  # the Brussels date, as shown
    calls = section(html, "closing-calls")
    assert "Closing soon" in calls and "Closing later" not in calls


def test_a_staff_user_in_no_group_is_shown_nothing(client):
    client.force_login(User.objects.create_user("nobody", password="x", is_staff=True))
    ProjectFactory(title_en="Un brouillon", publication_status=DRAFT)

    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Un brouillon" not in html
