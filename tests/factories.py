"""factory_boy factories for the tests. Translated fields are set in both languages."""

import datetime

import factory
from django.utils import timezone

from events.models import Event, Session
from funding.models import Affiliation, ApplicantLevel, Call, FundingScheme
from news.models import NewsItem
from partners.models import Organisation, Person
from projects.models import Participation, Project
from taxonomy.models import SDG, Country, Discipline

PUBLISHED = Project.PublicationStatus.PUBLISHED
DRAFT = Project.PublicationStatus.DRAFT


def linked(name: str) -> factory.PostGeneration:
    """`Factory(name=[...])`: the many-to-many relation `name` set to those objects."""

    def set_links(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, name).set(extracted)

    return factory.PostGeneration(set_links)


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.Iterator(["CD", "BJ", "SN", "GN", "BF", "RW", "BI", "MA", "BO", "PE", "KH"])
    name_en = factory.LazyAttribute(lambda o: f"Country {o.code}")
    name_fr = factory.LazyAttribute(lambda o: f"Pays {o.code}")
    region = Country.Region.AFRICA


class SDGFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SDG
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n % 17 + 1)
    title_en = factory.LazyAttribute(lambda o: f"Goal {o.number}")
    title_fr = factory.LazyAttribute(lambda o: f"Objectif {o.number}")
    colour = "#4C9F38"
    text_colour = SDG.TextColour.BLACK


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discipline
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"discipline-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    name_fr = factory.LazyAttribute(lambda o: "Discipline " + o.slug)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"University number {n}")
    name_fr = factory.Sequence(lambda n: f"Université numéro {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.UNIVERSITY
    country = factory.SubFactory(CountryFactory)
    publication_status = PUBLISHED


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    role_en = "Cooperation officer"
    role_fr = "Chargée de la coopération"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class FundingSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingScheme

    name_en = factory.Sequence(lambda n: f"Travel grant {n}")
    name_fr = factory.Sequence(lambda n: f"Bourse de voyage {n}")
    slug = factory.Sequence(lambda n: f"scheme-{n}")
    kind = FundingScheme.Kind.TRAVEL_GRANT
    funder = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.PUBLIC_FUNDER)
    summary_en = "A grant for short research stays."
    summary_fr = "Une bourse pour de courts séjours de recherche."
    publication_status = PUBLISHED


class ApplicantLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicantLevel
        django_get_or_create = ("code",)

    code = ApplicantLevel.Code.MASTER


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation
        django_get_or_create = ("code",)

    code = Affiliation.Code.PARTNER_UNIVERSITY


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    scheme = factory.SubFactory(FundingSchemeFactory)
    title_en = factory.Sequence(lambda n: f"Call {n}")
    title_fr = factory.Sequence(lambda n: f"Appel {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Water and health project {n}")
    title_fr = factory.Sequence(lambda n: f"Projet eau et santé {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    summary_en = "Improving access to clean water."
    summary_fr = "Améliorer l'accès à l'eau potable."
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))
    publication_status = PUBLISHED

    countries = linked("countries")
    sdgs = linked("sdgs")
    disciplines = linked("disciplines")

    @factory.post_generation
    def complete(self, create, extracted, **kwargs):
        """`ProjectFactory(complete=True)`: everything its publishing checklist asks for (a
        country, an SDG, a discipline, a contact, a lead and a co-lead partner)."""
        if not (create and extracted):
            return
        self.countries.add(self.countries.first() or CountryFactory())
        self.sdgs.add(self.sdgs.first() or SDGFactory())
        self.disciplines.add(self.disciplines.first() or DisciplineFactory())
        lead = OrganisationFactory()
        self.contact = PersonFactory(organisation=lead)
        self.save(update_fields=["contact"])
        ParticipationFactory(project=self, organisation=lead, role=Participation.Role.LEAD)
        ParticipationFactory(project=self, role=Participation.Role.CO_LEAD)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Participation.Role.LEAD


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title_en = factory.Sequence(lambda n: f"Seminar {n}")
    title_fr = factory.Sequence(lambda n: f"Séminaire {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = Event.Kind.SEMINAR
    summary_en = "A seminar on cooperation."
    summary_fr = "Un séminaire sur la coopération."
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue_en = "Campus du Solbosch"
    venue_fr = "Campus du Solbosch"
    publication_status = PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title_en = factory.Sequence(lambda n: f"Session {n}")
    title_fr = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.event.starts_at + datetime.timedelta(hours=1))


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"News {n}")
    title_fr = factory.Sequence(lambda n: f"Actualité {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    published_on = factory.Sequence(
        lambda n: timezone.localdate() - datetime.timedelta(days=n % 300)
    )
    summary_en = "Something happened."
    summary_fr = "Il s'est passé quelque chose."
    publication_status = PUBLISHED

    countries = linked("countries")
    sdgs = linked("sdgs")
    projects = linked("projects")
    organisations = linked("organisations")
    events = linked("events")
