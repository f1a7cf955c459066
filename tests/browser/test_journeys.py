"""The journeys of issue 8, in a real browser, with JavaScript on and off where it matters.

Each journey saves screenshots at 1280 px and 375 px into screenshots/ (git-ignored).
"""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from projects.models import Project
from tests.helpers import choose_in_admin_search_box, save_screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_a_researcher_filters_by_dr_congo_and_sdg_3_then_reads_a_project_in_french(
    live_server, browser, demo, javascript, request
):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/en/projects/")

    page.get_by_label("Democratic Republic of the Congo").check()
    if not javascript:
        page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/projects/?*country=CD*")
    page.get_by_label("SDG 3: Good Health and Well-being").check()
    if not javascript:
        page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**sdg=3*")

    expected = Project.objects.published().in_country("CD").aligned_with(3).distinct().count()
    page.get_by_text(f"{expected} projects", exact=True).wait_for()
    save_screenshots(page, f"journey1-projects-{request.node.callspec.id}")

    first = page.locator("#results .card__title a").first
    title_en = first.inner_text()
    first.click()
    page.wait_for_url("**/en/projects/*/")
    slug = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert page.locator("h1").inner_text().startswith(title_en)

    page.locator(".language-switcher a[hreflang=fr]").click()
    page.wait_for_url(f"**/fr/projects/{slug}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    project = Project.objects.get(slug=slug)
    assert page.locator("h1").inner_text().startswith(project.title_fr)
    save_screenshots(page, f"journey1-project-fr-{request.node.callspec.id}")
    context.close()


def test_a_cooperation_officer_publishes_a_draft_project_that_then_appears_on_the_list(
    live_server, page, demo, django_user_model
):
    django_user_model.objects.create_superuser(
        "officer", "officer@example.org", "a-long-passphrase"
    )
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("a-long-passphrase")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/admin/projects/project/add/")
    # French first: the slug is prepopulated from the French title, English is optional.
    page.locator("#id_title_fr").fill("Pompes à eau solaires à Ouagadougou")
    page.locator("#id_title_en").fill("Solar water pumps in Ouagadougou")
    slug = "pompes-a-eau-solaires-a-ouagadougou"
    expect(page.locator("#id_slug")).to_have_value(slug)
    page.locator("#id_summary_fr").fill("Des pompes solaires pour le maraîchage.")
    page.locator("#id_summary_en").fill("Solar pumps for market gardens.")
    page.locator("#id_start_date").fill("2026-01-15")
    page.locator("#id_end_date").fill("2028-12-31")
    # What the publishing checklist asks for: a country, an SDG, a discipline, a lead and a
    # co-lead partner (the two rows a new project starts with), a contact.
    choose_in_admin_search_box(page, "id_linked_sdgs", "6", "SDG 6")
    choose_in_admin_search_box(page, "id_linked_countries", "Burkina", "Burkina")
    choose_in_admin_search_box(page, "id_linked_disciplines", "Environ", "Environment")
    choose_in_admin_search_box(page, "id_contact", "partnerships-africa", "Africa")
    choose_in_admin_search_box(page, "id_participations-0-organisation", "UJKZ", "Ki-Zerbo")
    choose_in_admin_search_box(
        page, "id_participations-1-organisation", "libre de Bruxelles", "libre de Bruxelles"
    )
    expect(page.locator("#id_participations-0-role")).to_have_value("lead")
    expect(page.locator("#id_participations-1-role")).to_have_value("co-lead")
    save_screenshots(page, "journey4-admin-add")
    page.locator("input[name=_save]").click()
    page.get_by_text("was added successfully").wait_for()

    project = Project.objects.get(slug=slug)
    assert not project.is_published
    assert project.missing_for_publication() == []
    response = page.goto(f"{live_server.url}/en/projects/{slug}/")
    assert response.status == 200, "a signed-in officer previews the draft"
    assert page.locator(".draft-banner").is_visible()
    anonymous = page.context.browser.new_context()
    response = anonymous.new_page().goto(f"{live_server.url}/en/projects/{slug}/")
    assert response.status == 404
    anonymous.close()

    page.goto(f"{live_server.url}/admin/projects/project/?q=Ouagadougou")
    page.locator(f"input[name=_selected_action][value='{project.pk}']").check()
    page.locator("select[name=action]").select_option("publish_selected")
    page.locator("button[name=index]").click()
    page.get_by_text("Published 1").wait_for()

    page.goto(f"{live_server.url}/en/projects/?q=Ouagadougou")
    page.get_by_role("link", name="Solar water pumps in Ouagadougou").click()
    page.wait_for_url(f"**/en/projects/{slug}/")
    assert page.locator(".draft-banner").count() == 0
    save_screenshots(page, "journey4-published")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_a_masters_student_from_senegal_finds_open_funding_and_downloads_the_deadlines(
    live_server, browser, demo, javascript, request, tmp_path
):
    import icalendar

    from funding.models import FundingScheme

    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/en/funding/")
    form = page.locator("#eligibility")
    form.get_by_label("I am").select_option("master")
    form.get_by_label("from").select_option("SN")
    form.get_by_label("only calls open now").check()
    form.get_by_role("button", name="Show the funding I can apply for").click()
    page.wait_for_url("**/en/funding/?*country=SN*")

    eligible = list(
        FundingScheme.objects.published().open_to_nationals_of("SN").for_levels(["master"]).open()
    )
    assert eligible, "the demo data offers open funding to a master's student from Senegal"
    results = page.locator("#results")
    for scheme in eligible:
        assert results.get_by_role("link", name=scheme.name).is_visible()
    save_screenshots(page, f"journey2-funding-{request.node.callspec.id}")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="deadlines in your calendar (.ics)").click()
    path = tmp_path / "deadlines.ics"
    download_info.value.save_as(path)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert calendar.errors == []
    summaries = " ".join(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    for scheme in eligible:
        assert scheme.name in summaries
    context.close()


def test_a_visitor_opens_university_cooperation_day_and_reads_its_programme(
    live_server, page, demo
):
    from events.models import Event

    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Events", exact=True).click()
    page.get_by_role("link", name="University Cooperation Day").first.click()
    page.wait_for_url("**/en/events/cooperation-day/")
    edition = Event.objects.published().cooperation_days().upcoming().order_by("starts_at").first()
    assert edition.title in page.locator("main").inner_text()
    programme = page.get_by_role("heading", name="Programme")
    programme.scroll_into_view_if_needed()
    assert programme.is_visible()
    for session in edition.sessions.all():
        assert page.get_by_text(session.title, exact=False).first.is_visible()
    save_screenshots(page, "journey3-cooperation-day")
