"""The history of content (django-reversion): every admin save and every object of a bulk
publish or unpublish is a version, with its author, its links and what it changed; an earlier
version can be restored."""

import re

import pytest
from reversion.models import Version

from events.models import Event
from projects.models import (
    Participation,
    Project,
    ProjectCountry,
    ProjectDiscipline,
    ProjectFunding,
    ProjectSDG,
    TaggedKeyword,
)
from tests.factories import (
    DRAFT,
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
    ProjectFactory,
    SDGFactory,
)
from tests.officers.helpers import (
    admin_url,
    change_url,
    form_as_shown,
    ready_draft,
    run_action,
    save_form,
)

pytestmark = pytest.mark.django_db


def versions_of(obj) -> list[Version]:
    """Newest first."""
    return list(Version.objects.get_for_object(obj).select_related("revision__user"))


def test_every_admin_save_is_a_version_by_its_author(as_officer, officer):
    event = EventFactory(city="Kinshasa")

    save_form(as_officer, event, city="Lubumbashi")
    save_form(as_officer, event, city="Goma")

    versions = versions_of(event)
    assert [version.field_dict["city"] for version in versions] == ["Goma", "Lubumbashi"]
    assert {version.revision.user for version in versions} == {officer}


def test_bulk_publish_writes_one_history_record_per_object(as_officer, officer):
    first, second, left_out = (
        ProjectFactory(complete=True, publication_status=DRAFT) for _ in range(3)
    )

    run_action(as_officer, Project, "publish_selected", first, second)

    for project in (first, second):
        [version] = versions_of(project)
        assert version.revision.get_comment() == "Published."
        assert version.revision.user == officer
        assert version.field_dict["publication_status"] == "published"
    assert versions_of(left_out) == []


def test_moving_back_to_draft_writes_one_history_record_per_object(as_officer):
    first, second = ProjectFactory(complete=True), ProjectFactory(complete=True)

    run_action(as_officer, Project, "move_back_to_draft", first, second)

    for project in (first, second):
        [version] = versions_of(project)
        assert version.revision.get_comment() == "Moved back to draft."
        assert version.field_dict["publication_status"] == "draft"


def test_a_project_s_version_holds_its_partners_countries_goals_disciplines_schemes_and_keywords(
    as_officer,
):
    project = ProjectFactory(complete=True, publication_status=DRAFT)
    project.funding_schemes.add(FundingSchemeFactory())
    project.keywords.add("water")

    run_action(as_officer, Project, "publish_selected", project)

    [version] = versions_of(project)
    saved_with_it = [other._model for other in version.revision.version_set.exclude(pk=version.pk)]
    assert sorted(model.__name__ for model in saved_with_it) == sorted(
        model.__name__
        for model in [
            Participation,
            Participation,
            ProjectCountry,
            ProjectSDG,
            ProjectDiscipline,
            ProjectFunding,
            TaggedKeyword,
        ]
    )


def history_rows(html: str) -> list[tuple[str, str, str]]:
    """The (field, before, after) rows of the history page's tables, newest version first."""
    return re.findall(
        r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>', html, re.S
    )


def test_the_history_page_shows_each_change_before_and_after_with_a_restore_link(as_officer):
    event = EventFactory(city="Kinshasa")
    save_form(as_officer, event)
    save_form(as_officer, event, city="Lubumbashi")
    _newest, oldest = versions_of(event)

    html = as_officer.get(admin_url(event, "history", event.pk)).content.decode()

    assert ("City", "Kinshasa", "Lubumbashi") in history_rows(html)
    restore_links = re.findall(r'<a class="button" href="([^"]+)">Restore this version</a>', html)
    assert restore_links == [admin_url(event, "revision", event.pk, oldest.pk)]


def test_a_project_s_history_page_lists_its_versions(as_officer):
    project = ProjectFactory(complete=True, publication_status=DRAFT)
    save_form(as_officer, project)
    run_action(as_officer, Project, "publish_selected", project)

    response = as_officer.get(admin_url(project, "history", project.pk))

    assert response.status_code == 200
    assert ("Publication", "Draft", "Published") in history_rows(response.content.decode())


def test_the_history_shows_a_change_of_the_french_title_in_the_english_admin(as_officer):
    event = EventFactory(title_fr="Ancien titre")
    save_form(as_officer, event)
    save_form(as_officer, event, title_fr="Nouveau titre")

    html = as_officer.get(admin_url(event, "history", event.pk)).content.decode()

    newest_rows = [(before, after) for _field, before, after in history_rows(html)]
    assert ("Ancien titre", "Nouveau titre") in newest_rows


def test_restoring_an_earlier_version_brings_back_its_fields_countries_goals_and_partners(
    as_officer,
):
    congo, benin, senegal = (CountryFactory(code=code) for code in ("CD", "BJ", "SN"))
    water, climate = SDGFactory(number=6), SDGFactory(number=13)
    project = ProjectFactory(
        countries=[congo, benin], sdgs=[water], complete=True, publication_status=DRAFT
    )
    partners_before = set(project.participations.values_list("organisation", "role"))
    save_form(as_officer, project, title_fr="Premier titre")
    [earlier] = versions_of(project)
    data = form_as_shown(as_officer, change_url(project))
    co_lead = next(
        key[: -len("-role")]
        for key, value in data.items()
        if key.endswith("-role") and value == ["co-lead"]
    )
    save_form(
        as_officer,
        project,
        title_fr="Second titre",
        linked_countries=[str(congo.pk), str(senegal.pk)],
        linked_sdgs=[str(climate.pk)],
        **{f"{co_lead}-DELETE": "on"},
    )

    restore = admin_url(project, "revision", project.pk, earlier.pk)
    response = as_officer.post(restore, form_as_shown(as_officer, restore))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_fr == "Premier titre"
    assert set(project.countries.all()) == {congo, benin}
    assert list(project.sdgs.all()) == [water]
    assert set(project.participations.values_list("organisation", "role")) == partners_before
    assert versions_of(project)[0].revision.get_comment().startswith("Reverted to previous version")


def test_restoring_one_object_of_a_bulk_publish_leaves_the_others_as_they_are(as_officer):
    first, second = ready_draft(Event), ready_draft(Event)
    run_action(as_officer, Event, "publish_selected", first, second)
    [published] = versions_of(first)
    save_form(as_officer, first, city="Lubumbashi")
    save_form(as_officer, second, city="Goma")

    restore = admin_url(Event, "revision", first.pk, published.pk)
    response = as_officer.post(restore, form_as_shown(as_officer, restore))

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.city, second.city) == ("", "Goma")
