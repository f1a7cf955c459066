"""The demo's news, loaded by `manage.py load_demo` after the rest of the demo content.

The first item is real: the launch of Ucoopia on 4 May 2026 (fixtures/README.md lists the
source), told in the portal's own words. The others are examples, marked as such, dated a few
weeks before the day of loading so that they stay the latest news whenever the demo is loaded.
Each item is matched on its slug and saved only when a value differs, and its links are set
whole: loading twice changes nothing.
"""

import datetime

from events.models import Event
from partners.models import Organisation
from projects.models import Project
from taxonomy.models import SDG, Country

from .models import NewsItem

PUBLISHED = NewsItem.PublicationStatus.PUBLISHED

UCOOPIA_LAUNCH = {
    "slug": "ucoopia-launched",
    "published_on": datetime.date(2026, 5, 4),
    "is_example": False,
    "title_en": "Ucoopia is launched, the first inter-university NGO in Belgium",
    "title_fr": "Lancement d'Ucoopia, première ONG interuniversitaire de Belgique",
    "summary_en": (
        "On 4 May 2026, the NGOs of two universities, ULB-Coopération (Université libre de "
        "Bruxelles) and Eclosio (University of Liège), became one: Ucoopia, which the "
        "University of Mons (UMONS) has joined too."
    ),
    "summary_fr": (
        "Le 4 mai 2026, les ONG de deux universités, ULB-Coopération (Université libre de "
        "Bruxelles) et Eclosio (Université de Liège), n'en font plus qu'une : Ucoopia, que "
        "l'Université de Mons (UMONS) a également rejointe."
    ),
    "body_en": (
        "ULB-Coopération and Eclosio have merged. Their joint organisation, **Ucoopia**, was "
        "launched on 4 May 2026, and UMONS has joined the two founding universities. No NGO "
        "in Belgium had brought several universities together before: Ucoopia is the first "
        "inter-university one.\n\n"
        "## Where it works\n\n"
        "Ucoopia works with partners in Benin, Senegal, Guinea, Burkina Faso, the Democratic "
        "Republic of the Congo, Bolivia, Peru and Cambodia, and in Belgium.\n\n"
        "## Find out more\n\n"
        "Ucoopia's own website: [ucoopia.org](https://ucoopia.org)."
    ),
    "body_fr": (
        "ULB-Coopération et Eclosio ont fusionné. L'organisation qu'elles forment ensemble, "
        "**Ucoopia**, a été lancée le 4 mai 2026, et l'UMONS a rejoint les deux universités "
        "fondatrices. Aucune ONG belge ne réunissait jusqu'ici plusieurs universités : Ucoopia "
        "est la première ONG interuniversitaire du pays.\n\n"
        "## Où elle travaille\n\n"
        "Ucoopia travaille avec des partenaires au Bénin, au Sénégal, en Guinée, au Burkina "
        "Faso, en République démocratique du Congo, en Bolivie, au Pérou et au Cambodge, ainsi "
        "qu'en Belgique.\n\n"
        "## En savoir plus\n\n"
        "Le site d'Ucoopia : [ucoopia.org](https://ucoopia.org)."
    ),
    "organisations": ["ucoopia", "ulb-cooperation", "eclosio", "ulb", "uliege", "umons"],
    "countries": ["BJ", "SN", "GN", "BF", "CD", "BO", "PE", "KH", "BE"],
    "sdgs": [],
    "projects": [],
    "events": [],
}

EXAMPLES = [
    {
        "slug": "example-maternal-health-kinshasa-midwives",
        "days_ago": 12,
        "is_example": True,
        "title_en": "Example: a new group of midwives trained in Kinshasa",
        "title_fr": "Exemple : une nouvelle promotion de sages-femmes formées à Kinshasa",
        "summary_en": (
            "An example of news about a project: the maternal health project in Kinshasa "
            "reports on the training of a new group of midwives."
        ),
        "summary_fr": (
            "Un exemple d'actualité d'un projet : le projet de santé maternelle à Kinshasa "
            "rend compte de la formation d'une nouvelle promotion de sages-femmes."
        ),
        "body_en": (
            "This item is part of the demonstration content: it shows how the office tells "
            "the news of a project, with links to the project, its country and its goals."
        ),
        "body_fr": (
            "Cette actualité fait partie du contenu de démonstration : elle montre comment "
            "le bureau relate l'actualité d'un projet, avec des liens vers le projet, son pays "
            "et ses objectifs."
        ),
        "organisations": [],
        "countries": ["CD"],
        "sdgs": [3, 5],
        "projects": ["maternal-health-kinshasa"],
        "events": [],
    },
    {
        "slug": "example-nokoue-lagoon-first-results",
        "days_ago": 40,
        "is_example": True,
        "title_en": "Example: first results on the water of the Nokoué lagoon",
        "title_fr": "Exemple : premiers résultats sur l'eau de la lagune de Nokoué",
        "summary_en": (
            "An example of news about a project: the teams studying the Nokoué lagoon in "
            "Benin share their first measurements with the communities."
        ),
        "summary_fr": (
            "Un exemple d'actualité d'un projet : les équipes qui étudient la lagune de "
            "Nokoué, au Bénin, partagent leurs premières mesures avec les communautés."
        ),
        "body_en": (
            "This item is part of the demonstration content: it shows a news item linked to a "
            "project in Benin and to the goals it serves."
        ),
        "body_fr": (
            "Cette actualité fait partie du contenu de démonstration : elle montre une "
            "actualité liée à un projet au Bénin et aux objectifs qu'il sert."
        ),
        "organisations": [],
        "countries": ["BJ"],
        "sdgs": [6, 14],
        "projects": ["water-quality-nokoue-lagoon"],
        "events": [],
    },
]

FIELDS = ("title_en", "title_fr", "summary_en", "summary_fr", "body_en", "body_fr")


def load_demo_news(upsert, today: datetime.date) -> None:
    """Create or bring up to date the demo's news with load_demo's `upsert(model, lookup,
    values)` (validated, saved only on change, counted), then set their links whole."""
    for record in [UCOOPIA_LAUNCH, *EXAMPLES]:
        published_on = record.get("published_on") or today - datetime.timedelta(
            days=record["days_ago"]
        )
        values = {
            **{name: record[name] for name in FIELDS},
            "published_on": published_on,
            "is_example": record["is_example"],
            "publication_status": PUBLISHED,
        }
        item = upsert(NewsItem, {"slug": record["slug"]}, values)
        # Links to what exists in the demo (a project or an organisation it no longer has is
        # left out rather than failing the whole load).
        item.organisations.set(Organisation.objects.filter(slug__in=record["organisations"]))
        item.countries.set(Country.objects.filter(code__in=record["countries"]))
        item.sdgs.set(SDG.objects.filter(number__in=record["sdgs"]))
        item.projects.set(Project.objects.filter(slug__in=record["projects"]))
        item.events.set(Event.objects.filter(slug__in=record["events"]))
