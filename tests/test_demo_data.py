"""The demo data in fixtures/demo/ and its loader, ``manage.py load_demo``."""

import datetime
import json
import re
import shutil
import zoneinfo
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.utils import timezone
from modeltranslation.translator import translator
from reversion.models import Version

from events.models import Event
from funding.models import Affiliation, ApplicantLevel, Call, FundingScheme
from partners.models import Membership, Organisation, Person
from projects.models import Participation, Project
from taxonomy.models import SDG, Country, Discipline
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

DEMO_DIRECTORY = settings.BASE_DIR / "fixtures" / "demo"
PARTNER_COUNTRIES = {
    "africa": {"CD", "BJ", "SN", "GN", "BF", "RW", "BI", "MA"},
    "latin-america": {"BO", "PE"},
    "asia": {"KH", "VN"},
    "europe": {"BE"},
}
DISCIPLINES = {
    "health",
    "medicine",
    "pharmacy",
    "urban-planning",
    "architecture",
    "ecology",
    "environment",
    "biodiversity",
    "sciences",
    "engineering",
    "agronomy",
    "education",
    "social-sciences",
}
OUR_APPS = {"taxonomy", "partners", "funding", "projects", "events", "news", "taggit"}
#: Real initiatives: they carry only what the sources say (no invented budget, co-lead, funder).
REAL_INITIATIVES = {"rethinking-university-partnerships"}
UCOOPIA_LAUNCH = datetime.date(2026, 5, 4)


def load_demo() -> str:
    output = StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


@pytest.fixture
def demo() -> str:
    return load_demo()


def demo_file(name: str) -> dict:
    return json.loads((DEMO_DIRECTORY / name).read_text(encoding="utf-8"))


def snapshot() -> dict[str, list[dict]]:
    """Every row of every model of ours (link tables included), with all its values."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in OUR_APPS
    }


def test_the_demo_loads_into_an_empty_database_and_says_what_it_loaded():
    assert not Organisation.objects.exists()
    # Only the fixed vocabularies may be there already: migrations create them (a test that
    # flushed the database may have removed them).
    already = ApplicantLevel.objects.count() + Affiliation.objects.count()

    output = load_demo()

    assert output.startswith("Demo data loaded: 17 SDGs, 13 countries, 13 disciplines,")
    assert f"rows created, 0 updated, {already} unchanged, 0 removed" in output
    assert Project.objects.published().exists()


def test_a_broken_file_is_refused_and_nothing_is_written(tmp_path):
    for path in DEMO_DIRECTORY.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    projects = demo_file("projects.json")
    projects["projects"][-1]["participations"][0]["organisation"] = "no-such-organisation"
    (tmp_path / "projects.json").write_text(json.dumps(projects), encoding="utf-8")

    with pytest.raises(CommandError, match="no-such-organisation"):
        call_command("load_demo", directory=tmp_path, stdout=StringIO())

    assert not SDG.objects.exists()
    assert not Organisation.objects.exists()


def test_the_17_goals_have_french_titles_and_badges_that_pass_wcag_aa(demo):
    goals = demo_file("sdgs.json")["goals"]

    assert SDG.objects.count() == 17
    for goal in goals:
        sdg = SDG.objects.get(number=goal["number"])
        assert (sdg.title_en, sdg.title_fr) == (goal["title_en"], goal["title_fr"])
        assert sdg.colour == goal["colour"]
        contrast = (
            goal["contrast_with_white"]
            if sdg.text_colour == SDG.TextColour.WHITE
            else goal["contrast_with_black"]
        )
        assert contrast >= 4.5, f"SDG {sdg.number} badge text fails WCAG AA"
    # Goal 1 reaches 4.52 with white but 4.65 with black: the better one wins.
    assert SDG.objects.get(number=1).text_colour == SDG.TextColour.BLACK
    assert SDG.objects.get(number=17).text_colour == SDG.TextColour.WHITE


def test_partner_countries_have_their_regions_and_official_french_names(demo):
    for region, codes in PARTNER_COUNTRIES.items():
        assert set(Country.objects.filter(region=region).values_list("code", flat=True)) == codes
    assert Country.objects.get(code="CD").name_fr == "République démocratique du Congo"
    assert Country.objects.get(code="VN").name_fr == "Viet Nam"
    assert set(Discipline.objects.values_list("slug", flat=True)) == DISCIPLINES


def test_every_country_discipline_and_goal_is_used_by_a_published_project(demo):
    published = Project.objects.published()

    used_countries = set(published.values_list("countries__code", flat=True))
    used_disciplines = set(published.values_list("disciplines__slug", flat=True))
    used_goals = set(published.values_list("sdgs__number", flat=True))

    assert set().union(*PARTNER_COUNTRIES.values()) <= used_countries
    assert used_disciplines >= DISCIPLINES
    assert used_goals >= set(range(1, 18))


def test_example_projects_are_complete_and_mostly_co_led_by_a_partner_in_the_south(demo):
    projects = (
        Project.objects.published()
        .annotate(
            goals=Count("sdgs", distinct=True),
            leads=Count("participations", filter=Q(participations__role="lead"), distinct=True),
            funders=Count("participations", filter=Q(participations__role="funder"), distinct=True),
        )
        .prefetch_related("countries", "disciplines", "keywords")
    )
    assert projects.count() >= 40

    for project in projects:
        assert project.is_example
        assert project.goals >= 1 and project.leads == 1, project.slug
        assert project.countries.all() and project.disciplines.all(), project.slug
        assert 2 <= len(project.keywords.all()) <= 5, project.slug
        assert project.funding_schemes.count() <= 2, project.slug
        if project.slug in REAL_INITIATIVES:
            assert project.budget is None and project.funders == 0, project.slug
            assert not project.participations.filter(role=Participation.Role.CO_LEAD).exists()
        else:
            assert project.funders >= 1, project.slug
            assert project.budget and project.budget > 0, project.slug

    co_leads_from_the_south = (
        Participation.objects.filter(
            role=Participation.Role.CO_LEAD, organisation__country__isnull=False
        )
        .exclude(organisation__country__code="BE")
        .values("project")
    )
    co_led_from_the_south = projects.filter(pk__in=co_leads_from_the_south)
    assert co_led_from_the_south.distinct().count() >= 0.75 * projects.count()


def test_projects_mix_completed_ongoing_and_planned_and_drafts_stay_hidden(demo):
    published = Project.objects.published()

    assert published.completed().exists()
    assert published.ongoing().exists()
    assert published.planned().exists()
    drafts = Project.objects.filter(publication_status=Project.PublicationStatus.DRAFT)
    assert drafts.count() >= 2
    assert not published.filter(pk__in=drafts).exists()


def test_every_kind_of_funding_scheme_is_published_with_calls(demo):
    schemes = FundingScheme.objects.published().annotate(calls_count=Count("calls"))

    for kind in FundingScheme.Kind.values:
        assert schemes.filter(kind=kind, calls_count__gte=1).exists(), kind
    assert all(1 <= scheme.calls_count <= 3 for scheme in schemes)
    assert all(
        "example" in scheme.summary_en.lower() and "exemple" in scheme.summary_fr.lower()
        for scheme in schemes
    )
    assert set(ApplicantLevel.objects.values_list("code", flat=True)) == set(
        ApplicantLevel.Code.values
    )
    assert schemes.filter(open_to_all_nationalities=True).exists()
    restricted = schemes.filter(open_to_all_nationalities=False)
    assert restricted.exists()
    assert not restricted.filter(eligible_nationalities__isnull=True).exists()
    assert schemes.filter(funder__kind=Organisation.Kind.PUBLIC_FUNDER).exists()


def test_who_may_apply_follows_each_scheme_s_own_conditions(demo):
    assert set(Affiliation.objects.values_list("code", flat=True)) == set(Affiliation.Code.values)
    schemes = FundingScheme.objects.published()
    for slug, affiliations, applicant_type in [
        # "Applicants must be attached to a French-speaking Belgian university."
        ("fnrs-research-stays", {"ulb", "belgian-institution"}, "person"),
        # "Programmes are submitted by accredited organisations such as Ucoopia and ARES."
        ("dgd-non-governmental-programmes", {"ngo", "belgian-institution"}, "organisation"),
        # "Nationals of a partner country who work or study at a partner university".
        ("mobility-grants-partner-countries", {"partner-university"}, "person"),
        # "a supervisor at the partner university and one in Belgium".
        ("ares-doctoral-grants", {"partner-university"}, "person"),
    ]:
        scheme = schemes.get(slug=slug)
        assert set(scheme.eligible_affiliations.values_list("code", flat=True)) == affiliations
        assert scheme.applicant_type == applicant_type, slug
    # Some schemes name no institution (open to all), and every restriction is written out.
    assert schemes.filter(eligible_affiliations__isnull=True).exists()
    for scheme in schemes.filter(eligible_affiliations__code="ulb").distinct():
        text = f"{scheme.summary_en} {scheme.description_en}".lower()
        assert "the university" in text or "belgian university" in text, scheme.slug


def funding_list(client, query) -> list[str]:
    """The slugs of the schemes the funding list shows for ``query``."""
    response = client.get("/en/funding/", query)
    assert response.status_code == 200
    return re.findall(r'<h2 class="card__title"><a href="/en/funding/([^/]+)/">', response.text)


def test_a_congolese_academic_at_a_partner_university_is_told_what_fits_them(demo, client):
    query = {
        "level": "academic-staff",
        "country": "CD",
        "affiliation": "partner-university",
        "applying_as": "person",
    }
    shown = funding_list(client, query)
    assert "mobility-grants-partner-countries" in shown
    assert "ares-research-for-development-projects" in shown
    # Belgian universities only, and accredited organisations only.
    assert "fnrs-research-stays" not in shown
    assert "dgd-non-governmental-programmes" not in shown
    html = client.get("/en/funding/", query).text
    assert (
        "<strong>Why it fits you:</strong> Open to academic staff. "
        "Open to nationals of Democratic Republic of the Congo. "
        "Open to applicants attached to a partner university in the South. "
        "Individuals may apply.</p>" in html
    )


def test_a_researcher_at_the_university_in_brussels_finds_the_fnrs_stays(demo, client):
    query = {"level": "postdoctoral", "affiliation": "ulb", "applying_as": "person"}
    shown = funding_list(client, query)
    assert "fnrs-research-stays" in shown
    assert "mobility-grants-partner-countries" not in shown


def test_the_travel_grants_are_listed_under_open_and_under_upcoming(demo, client):
    assert "cooperation-travel-grants" in funding_list(client, {"status": "open"})
    assert "cooperation-travel-grants" in funding_list(client, {"status": "upcoming"})


def test_some_calls_are_open_some_upcoming_and_some_closed_on_the_day_of_loading(demo):
    assert Call.objects.open().exists()
    assert Call.objects.upcoming().exists()
    assert Call.objects.closed().exists()

    with_internal_deadline = Call.objects.filter(internal_deadline__isnull=False)
    assert 0 < with_internal_deadline.count() < Call.objects.count() / 2
    for call in with_internal_deadline:
        assert call.opens_at <= call.internal_deadline <= call.deadline
    brussels = timezone.get_default_timezone()
    noon_calls = [
        call for call in Call.objects.all() if call.deadline.astimezone(brussels).hour == 12
    ]
    assert noon_calls, "deadlines are wall-clock times in Brussels"


def test_cooperation_day_has_three_past_editions_and_an_upcoming_one_with_programmes(demo):
    days = Event.objects.published().cooperation_days()

    assert days.past().count() == 3
    assert days.upcoming().count() == 1
    years = sorted(timezone.localtime(day.starts_at).year for day in days)
    assert years == list(range(years[0], years[0] + 4))
    for day in days.annotate(sessions_count=Count("sessions")):
        assert 4 <= day.sessions_count <= 6, day.slug
        for session in day.sessions.all():
            assert day.starts_at <= session.starts_at < session.ends_at <= day.ends_at


def test_other_events_are_past_and_upcoming_online_abroad_and_one_cancelled(demo):
    events = Event.objects.published().exclude(kind=Event.Kind.COOPERATION_DAY)
    now = timezone.now()

    assert events.count() >= 6
    assert events.past().exists() and events.upcoming().exists()
    assert len(set(events.values_list("kind", flat=True))) >= 4
    assert events.filter(is_online=True).exclude(online_url="").exists()
    assert events.filter(is_cancelled=True).count() == 1
    abroad = events.get(country__code="CD")
    assert abroad.time_zone == "Africa/Kinshasa"
    assert abroad.starts_at.astimezone(zoneinfo.ZoneInfo(abroad.time_zone)).hour == 9
    upcoming = events.upcoming().exclude(registration_url="")
    assert upcoming.filter(registration_deadline__gt=now).exists()
    assert upcoming.filter(registration_deadline__lte=now).exists()


def test_ucoopia_was_launched_on_4_may_2026_by_merger_and_joined_by_umons(demo):
    ucoopia = Organisation.objects.published().get(slug="ucoopia")

    assert ucoopia.founded_on == UCOOPIA_LAUNCH
    assert ucoopia.website == "https://ucoopia.org"
    assert "inter-university" in ucoopia.tagline_en
    merged = ucoopia.formed_from.all()
    assert {organisation.slug for organisation in merged} == {"ulb-cooperation", "eclosio"}
    assert all(organisation.merged_on == UCOOPIA_LAUNCH for organisation in merged)
    members = Membership.objects.filter(organisation=ucoopia)
    assert {membership.member.acronym for membership in members} == {"ULB", "ULiège", "UMONS"}
    assert all(membership.joined_on == UCOOPIA_LAUNCH for membership in members)


def test_the_four_cooperation_structures_say_what_they_do_in_both_languages(demo):
    structures = Organisation.objects.published().filter(
        is_own_structure=True, merged_into__isnull=True
    )

    assert set(structures.values_list("slug", flat=True)) == {
        "ucoopia",
        "codepo",
        "codephar",
        "fosfom",
    }
    former = Organisation.objects.get(slug="ulb-cooperation")
    assert former.is_own_structure and former.merged_into.slug == "ucoopia"
    assert not former.contacts.exists()
    assert all(structure.tagline_en and structure.tagline_fr for structure in structures)
    assert structures.get(slug="codepo").parent.name_fr == "École polytechnique de Bruxelles"
    assert structures.get(slug="codephar").parent.name_fr == "Faculté de Pharmacie"
    assert structures.get(slug="fosfom").parent.name_fr == "Faculté de Médecine"


def test_at_least_fifteen_partner_universities_are_in_partner_countries(demo):
    south = set().union(*PARTNER_COUNTRIES.values()) - {"BE"}
    universities = Organisation.objects.published().filter(
        kind=Organisation.Kind.UNIVERSITY, country__code__in=south
    )

    assert universities.count() >= 15
    assert len(set(universities.values_list("country__code", flat=True))) == len(south)
    assert not universities.filter(city="").exists()
    funders = Organisation.objects.filter(kind=Organisation.Kind.PUBLIC_FUNDER)
    assert {"ARES", "VLIR-UOS", "WBI", "DGD", "FNRS"} <= {
        funder.acronym or funder.name for funder in funders
    }


def test_contacts_are_roles_with_reserved_addresses_and_no_invented_names(demo):
    people = Person.objects.all()

    assert people.exists()
    assert not people.exclude(name="").exists()
    assert all(person.role_en and person.role_fr for person in people)
    assert all(person.email.endswith("@example.org") for person in people)
    assert all(person.phone.startswith("+32 2 000 ") for person in people)
    assert all(person.is_example for person in people)
    assert 2 <= people.in_footer().count() <= 3
    assert people.filter(role_fr="Chargée de la coopération").exists()


def test_every_text_is_given_in_english_and_french_and_fits_its_field(demo):
    for model in translator.get_registered_models(abstract=False):
        for field_name in translator.get_options_for_model(model).fields:
            max_length = model._meta.get_field(field_name).max_length
            for row in model._default_manager.values(f"{field_name}_en", f"{field_name}_fr"):
                english, french = row[f"{field_name}_en"] or "", row[f"{field_name}_fr"] or ""
                assert bool(english) == bool(french), f"{model.__name__}.{field_name}: {row}"
                if max_length:
                    assert len(english) <= max_length and len(french) <= max_length


def test_loading_twice_changes_nothing(demo):
    before = snapshot()

    second_run = load_demo()

    assert snapshot() == before
    assert "(0 rows created, 0 updated," in second_run


def test_loading_again_restores_edited_rows_and_participations(demo):
    project = Project.objects.get(slug="maternal-health-kinshasa")
    project.title_fr = "Titre modifié"
    project.save()
    project.participations.filter(role=Participation.Role.CO_LEAD).delete()
    Participation.objects.create(
        project=project,
        organisation=Organisation.objects.get(slug="vlir-uos"),
        role=Participation.Role.FUNDER,
    )
    project.sdgs.clear()

    load_demo()

    project.refresh_from_db()
    assert project.title_fr == "Renforcer les services de santé maternelle à Kinshasa"
    assert project.participations.filter(
        role=Participation.Role.CO_LEAD, organisation__slug="universite-de-kinshasa"
    ).exists()
    assert not project.participations.filter(organisation__slug="vlir-uos").exists()
    assert set(project.sdgs.values_list("number", flat=True)) == {3, 5}


def test_the_demo_starts_the_histories_of_its_own_objects_only_and_once():
    # Content that is not the demo's (an officer's, generated projects) keeps no history
    # the demo would have invented for it.
    someone_elses = ProjectFactory(slug="not-from-the-demo")
    load_demo()
    load_demo()

    demo_project = Project.objects.get(slug="maternal-health-kinshasa")
    [version] = Version.objects.get_for_object(demo_project)
    assert version.revision.comment == "Loaded from the demo data (load_demo)."
    assert not Version.objects.get_for_object(someone_elses).exists()
