"""The database refuses impossible data, and deleting what projects use is refused."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from funding.models import Call
from partners.models import Organisation
from projects.models import Project
from taxonomy.models import SDG
from tests.factories import (
    CallFactory,
    CountryFactory,
    DisciplineFactory,
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    SDGFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_a_project_cannot_end_before_it_starts():
    project = ProjectFactory()
    project.end_date = project.start_date - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_a_project_may_have_no_end_date_yet():
    project = ProjectFactory(end_date=None)
    assert Project.objects.filter(pk=project.pk, end_date__isnull=True).exists()


@pytest.mark.parametrize("number", [0, 18, 99])
def test_an_sdg_number_outside_1_to_17_is_refused(number):
    with pytest.raises(IntegrityError), transaction.atomic():
        SDG.objects.create(number=number, title_en="Goal", colour="#000000")


def test_a_call_deadline_cannot_come_before_its_opening():
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        CallFactory(opens_at=now, deadline=now - datetime.timedelta(minutes=1))


def test_an_internal_deadline_cannot_fall_after_the_funders_deadline():
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        CallFactory(
            opens_at=now,
            deadline=now + datetime.timedelta(days=10),
            internal_deadline=now + datetime.timedelta(days=11),
        )
    assert not Call.objects.exists()


def test_an_event_cannot_end_before_it_starts():
    event = EventFactory()
    event.ends_at = event.starts_at - datetime.timedelta(hours=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_a_session_cannot_end_before_it_starts():
    session = SessionFactory()
    session.ends_at = session.starts_at - datetime.timedelta(minutes=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()


def test_a_scheme_minimum_amount_cannot_exceed_its_maximum():
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingSchemeFactory(amount_min=5000, amount_max=1000)


def test_an_organisation_cannot_be_merged_into_itself():
    organisation = OrganisationFactory()
    organisation.merged_into = organisation
    with pytest.raises(IntegrityError), transaction.atomic():
        organisation.save()


def test_a_merge_date_needs_a_successor():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(merged_on=datetime.date(2026, 1, 1))


def test_slugs_are_unique():
    ProjectFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(slug="same")


def test_deleting_an_organisation_that_takes_part_in_a_project_is_refused():
    participation = ParticipationFactory()
    with pytest.raises(ProtectedError):
        participation.organisation.delete()
    assert Project.objects.filter(pk=participation.project.pk).exists()


def test_deleting_a_funder_of_a_scheme_is_refused():
    scheme = FundingSchemeFactory()
    with pytest.raises(ProtectedError):
        scheme.funder.delete()
    assert Organisation.objects.filter(pk=scheme.funder.pk).exists()


def test_deleting_a_scheme_that_funds_a_project_is_refused():
    scheme = FundingSchemeFactory()
    project = ProjectFactory()
    project.funding_schemes.add(scheme)
    with pytest.raises(ProtectedError):
        scheme.delete()
    assert project.funding_schemes.get() == scheme


@pytest.mark.parametrize(
    ("factory", "relation"),
    [(CountryFactory, "countries"), (SDGFactory, "sdgs"), (DisciplineFactory, "disciplines")],
)
def test_deleting_a_vocabulary_term_used_by_a_project_is_refused(factory, relation):
    term = factory()
    project = ProjectFactory(**{relation: [term]})
    with pytest.raises(ProtectedError):
        term.delete()
    assert list(getattr(project, relation).all()) == [term]


def test_deleting_a_project_removes_its_participations_but_not_the_organisations():
    participation = ParticipationFactory()
    organisation = participation.organisation
    participation.project.delete()
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_co_leadership_counts_only_partner_institutions_outside_europe():
    from projects.models import Participation
    from tests.factories import CountryFactory as Countries

    belgium = Countries(code="BE", region="europe")
    congo = Countries(code="CD")
    co_led_by_kinshasa = ProjectFactory()
    ParticipationFactory(
        project=co_led_by_kinshasa,
        organisation=OrganisationFactory(country=congo),
        role=Participation.Role.CO_LEAD,
    )
    co_led_in_brussels = ProjectFactory()
    ParticipationFactory(
        project=co_led_in_brussels,
        organisation=OrganisationFactory(country=belgium),
        role=Participation.Role.CO_LEAD,
    )
    partner_only = ProjectFactory()
    ParticipationFactory(
        project=partner_only,
        organisation=OrganisationFactory(country=congo),
        role=Participation.Role.PARTNER,
    )
    assert list(Project.objects.co_led_by_partner()) == [co_led_by_kinshasa]
