"""Add many generated, published projects shaped like the demo data, to measure the portal at
scale (``make bench``): ``manage.py seed_scale --projects 100000 [--seed 1]``.

Runs after ``load_demo``: it draws countries, SDGs, disciplines, funding schemes, contacts and
organisations from the demo's rows, and adds about one organisation per ten projects and one
keyword per twenty. Each project belongs to a theme (health, water, agronomy, education, ...)
whose words, partners, keywords, SDGs and disciplines it uses, so that a search such as "sante"
or "water" finds a realistic share of the projects (a few per cent to about fifteen), not all.

Everything is written with ``bulk_create``, a batch of projects and their links per
transaction; 100,000 projects take a few minutes on PostgreSQL.

The data depend only on ``--seed`` and ``--projects`` (``random.Random(seed)``). Generated rows
carry the seed in their slugs, ``scale-<seed>-<n>`` for projects and ``scale-<seed>-org-<n>`` for
organisations, so demo rows are never touched. Running again skips every slug that exists: with
the same seed and number it adds nothing; with a larger number it adds only the missing
projects (and organisations). Keywords are matched on their name and reused when they exist.
"""

import datetime
import math
import random
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone, translation
from modeltranslation.settings import DEFAULT_LANGUAGE

from cooperation_portal.caching import bump_content_version
from funding.models import FundingScheme
from partners.models import Organisation, Person
from projects.models import (
    Keyword,
    Participation,
    Project,
    ProjectCountry,
    ProjectDiscipline,
    ProjectFunding,
    ProjectSDG,
    TaggedKeyword,
)
from taxonomy.models import SDG, Country, Discipline

PUBLISHED = Project.PublicationStatus.PUBLISHED
BATCH_SIZE = 2000
PROGRESS_EVERY = 10_000

Pair = tuple[str, str]  # (English, French)

# Weights of the demo's partner countries (how often its projects name them); any other country
# in the database weighs 1.
COUNTRY_WEIGHTS = {
    "CD": 10,
    "BJ": 4,
    "BF": 4,
    "SN": 4,
    "PE": 4,
    "BO": 4,
    "KH": 4,
    "VN": 4,
    "GN": 3,
    "MA": 3,
    "RW": 2,
    "BI": 2,
    "BE": 1,
}
ORGANISATION_COUNTRY_WEIGHTS = {**COUNTRY_WEIGHTS, "BE": 25}

CITIES: dict[str, list[Pair]] = {
    "CD": [
        ("Kinshasa", "Kinshasa"),
        ("Lubumbashi", "Lubumbashi"),
        ("Bukavu", "Bukavu"),
        ("Kisangani", "Kisangani"),
        ("Goma", "Goma"),
        ("Mbuji-Mayi", "Mbuji-Mayi"),
        ("Kananga", "Kananga"),
        ("Matadi", "Matadi"),
        ("Kindu", "Kindu"),
        ("Mbandaka", "Mbandaka"),
    ],
    "BJ": [
        ("Cotonou", "Cotonou"),
        ("Abomey-Calavi", "Abomey-Calavi"),
        ("Parakou", "Parakou"),
        ("Porto-Novo", "Porto-Novo"),
        ("Natitingou", "Natitingou"),
        ("Djougou", "Djougou"),
    ],
    "SN": [
        ("Dakar", "Dakar"),
        ("Saint-Louis", "Saint-Louis"),
        ("Thiès", "Thiès"),
        ("Ziguinchor", "Ziguinchor"),
        ("Kaolack", "Kaolack"),
        ("Tambacounda", "Tambacounda"),
    ],
    "GN": [
        ("Conakry", "Conakry"),
        ("Kankan", "Kankan"),
        ("Labé", "Labé"),
        ("Nzérékoré", "Nzérékoré"),
        ("Kindia", "Kindia"),
    ],
    "BF": [
        ("Ouagadougou", "Ouagadougou"),
        ("Bobo-Dioulasso", "Bobo-Dioulasso"),
        ("Koudougou", "Koudougou"),
        ("Ouahigouya", "Ouahigouya"),
        ("Fada N'Gourma", "Fada N'Gourma"),
    ],
    "RW": [("Kigali", "Kigali"), ("Huye", "Huye"), ("Musanze", "Musanze"), ("Rubavu", "Rubavu")],
    "BI": [("Bujumbura", "Bujumbura"), ("Gitega", "Gitega"), ("Ngozi", "Ngozi")],
    "MA": [
        ("Rabat", "Rabat"),
        ("Casablanca", "Casablanca"),
        ("Marrakesh", "Marrakech"),
        ("Fez", "Fès"),
        ("Agadir", "Agadir"),
        ("Oujda", "Oujda"),
    ],
    "BO": [
        ("La Paz", "La Paz"),
        ("Cochabamba", "Cochabamba"),
        ("Santa Cruz", "Santa Cruz"),
        ("Sucre", "Sucre"),
        ("Potosí", "Potosí"),
        ("El Alto", "El Alto"),
    ],
    "PE": [
        ("Lima", "Lima"),
        ("Cusco", "Cusco"),
        ("Arequipa", "Arequipa"),
        ("Iquitos", "Iquitos"),
        ("Trujillo", "Trujillo"),
        ("Puno", "Puno"),
    ],
    "KH": [
        ("Phnom Penh", "Phnom Penh"),
        ("Siem Reap", "Siem Reap"),
        ("Battambang", "Battambang"),
        ("Kampong Cham", "Kampong Cham"),
    ],
    "VN": [
        ("Hanoi", "Hanoï"),
        ("Ho Chi Minh City", "Hô Chi Minh-Ville"),
        ("Hue", "Hué"),
        ("Da Nang", "Đà Nẵng"),
        ("Can Tho", "Cần Thơ"),
    ],
    "BE": [
        ("Brussels", "Bruxelles"),
        ("Liège", "Liège"),
        ("Mons", "Mons"),
        ("Namur", "Namur"),
        ("Charleroi", "Charleroi"),
        ("Gembloux", "Gembloux"),
    ],
}

# People organisations are named after.
NAMESAKES = [
    "Patrice Lumumba",
    "Thomas Sankara",
    "Amílcar Cabral",
    "Wangari Maathai",
    "Mariama Bâ",
    "Aline Sitoé Diatta",
    "Kimpa Vita",
    "Cheikh Hamidou Kane",
    "Simón Bolívar",
    "José María Arguedas",
    "Juana Azurduy",
    "Fatima al-Fihri",
    "Ibn Khaldoun",
    "Alexandre Yersin",
    "Paul Otlet",
    "Marie Curie",
    "Joseph Ki-Zerbo",
    "Ahmadou Kourouma",
]


@dataclass(frozen=True)
class Theme:
    """What a project is about: its words in both languages, and the vocabulary it uses."""

    key: str
    weight: int
    sdgs: list[int]  # the goals it serves first
    other_sdgs: list[int]
    disciplines: list[str]
    actors: list[Pair]
    topics: list[Pair]  # noun phrases; French with its article
    contexts: list[Pair]  # sentences with {place} (English) or {place}/{de_place} (French)
    activities: list[Pair]
    keywords: list[str]
    # (kind, English name, French name) of organisations working on the theme.
    organisations: list[tuple[str, str, str]]
    # Words that mark an existing organisation as working on this theme (unaccented, lower case).
    markers: list[str] = field(default_factory=list)


THEMES = [
    Theme(
        key="health",
        weight=13,
        sdgs=[3],
        other_sdgs=[5, 10, 6, 17],
        disciplines=["health", "medicine", "pharmacy"],
        actors=[
            (
                "Doctors, nurses and health managers",
                "Médecins, infirmiers et gestionnaires de santé",
            ),
            (
                "Midwives and public-health researchers",
                "Sages-femmes et chercheurs en santé publique",
            ),
            ("Pharmacists and laboratory technicians", "Pharmaciens et techniciens de laboratoire"),
        ],
        topics=[
            ("maternal health services", "les services de santé maternelle"),
            ("the quality of essential medicines", "la qualité des médicaments essentiels"),
            ("malaria prevention", "la prévention du paludisme"),
            ("tuberculosis diagnosis", "le diagnostic de la tuberculose"),
            ("community mental health", "la santé mentale communautaire"),
            ("hospital hygiene", "l'hygiène hospitalière"),
            ("child nutrition", "la nutrition des enfants"),
            ("primary health care", "les soins de santé primaires"),
            ("epidemic preparedness", "la préparation aux épidémies"),
            ("antibiotic resistance", "la résistance aux antibiotiques"),
            ("emergency obstetric care", "les soins obstétricaux d'urgence"),
            ("telemedicine for rural health posts", "la télémédecine pour les postes de santé"),
        ],
        contexts=[
            (
                "Maternal mortality in {place} remains high, and many deaths are linked to "
                "delays in reaching quality care.",
                "La mortalité maternelle reste élevée à {place}, et beaucoup de décès sont liés "
                "à des retards dans l'accès à des soins de qualité.",
            ),
            (
                "Health centres around {place} lack trained staff, reliable supplies and the "
                "data to plan their work.",
                "Les centres de santé autour {de_place} manquent de personnel formé, "
                "d'approvisionnements fiables et de données pour planifier leur travail.",
            ),
            (
                "Substandard and falsified medicines circulate widely in the markets of {place}.",
                "Des médicaments de qualité inférieure et falsifiés circulent largement sur les "
                "marchés {de_place}.",
            ),
            (
                "Infectious diseases still account for most hospital admissions in {place}.",
                "Les maladies infectieuses représentent encore la plupart des hospitalisations "
                "à {place}.",
            ),
        ],
        activities=[
            (
                "audits of maternal deaths with the teams concerned",
                "des audits des décès maternels avec les équipes concernées",
            ),
            (
                "refresher training for nurses and midwives",
                "des formations continues pour infirmiers et sages-femmes",
            ),
            (
                "a quality-control laboratory for medicines",
                "un laboratoire de contrôle de qualité des médicaments",
            ),
            (
                "a cohort study of patients followed for two years",
                "une étude de cohorte de patients suivis pendant deux ans",
            ),
            ("a master's course in public health", "un master en santé publique"),
            (
                "mobile clinics for remote villages",
                "des cliniques mobiles pour les villages isolés",
            ),
            (
                "surveillance of resistant infections in three hospitals",
                "la surveillance des infections résistantes dans trois hôpitaux",
            ),
            (
                "health-promotion campaigns with community workers",
                "des campagnes de promotion de la santé avec des relais communautaires",
            ),
        ],
        keywords=[
            "maternal health",
            "midwifery",
            "quality of care",
            "malaria",
            "tuberculosis",
            "mental health",
            "hospital hygiene",
            "essential medicines",
            "pharmacovigilance",
            "public health",
            "epidemiology",
            "primary health care",
            "antimicrobial resistance",
            "child nutrition",
            "telemedicine",
            "health systems",
        ],
        organisations=[
            (
                "research-centre",
                "Public Health Research Centre of {city}",
                "Centre de recherche en santé publique {de_city}",
            ),
            (
                "research-centre",
                "Institute of Tropical Medicine of {city}",
                "Institut de médecine tropicale {de_city}",
            ),
            ("ngo", "Health for All {city}", "Santé pour tous {city}"),
            (
                "ngo",
                "Community Health Workers of {city}",
                "Association des relais communautaires de santé {de_city}",
            ),
            (
                "hospital",
                "General Reference Hospital of {city}",
                "Hôpital général de référence {de_city}",
            ),
            (
                "hospital",
                "{city} University Hospital",
                "Centre hospitalier universitaire {de_city}",
            ),
            ("faculty", "Faculty of Medicine of {city}", "Faculté de médecine {de_city}"),
            (
                "faculty",
                "Higher Institute of Medical Techniques of {city}",
                "Institut supérieur des techniques médicales {de_city}",
            ),
        ],
        markers=["sante", "health", "medec", "medic", "pharma", "hopital", "hospital", "clinique"],
    ),
    Theme(
        key="water",
        weight=11,
        sdgs=[6],
        other_sdgs=[3, 11, 13, 14],
        disciplines=["engineering", "environment", "sciences"],
        actors=[
            (
                "Engineers, hydrologists and water utilities",
                "Ingénieurs, hydrologues et régies des eaux",
            ),
            ("Water committees and researchers", "Comités de l'eau et chercheurs"),
        ],
        topics=[
            ("access to drinking water", "l'accès à l'eau potable"),
            ("sanitation in informal settlements", "l'assainissement dans les quartiers informels"),
            ("groundwater management", "la gestion des eaux souterraines"),
            ("water quality monitoring", "le suivi de la qualité de l'eau"),
            ("wastewater treatment", "le traitement des eaux usées"),
            ("rainwater harvesting", "la récupération des eaux de pluie"),
            ("the governance of water services", "la gouvernance des services d'eau"),
            ("flood and drought risks", "les risques d'inondation et de sécheresse"),
        ],
        contexts=[
            (
                "Half of the households of {place} have no reliable access to safe drinking water.",
                "La moitié des ménages {de_place} n'ont pas d'accès fiable à une eau potable sûre.",
            ),
            (
                "Rivers and lagoons around {place} receive the untreated wastewater of a "
                "fast-growing city.",
                "Les rivières et lagunes autour {de_place} reçoivent les eaux usées non traitées "
                "d'une ville en pleine croissance.",
            ),
            (
                "Wells around {place} are drying up as groundwater is pumped faster than it is "
                "recharged.",
                "Les puits autour {de_place} s'assèchent : la nappe est pompée plus vite qu'elle "
                "ne se recharge.",
            ),
        ],
        activities=[
            (
                "a network of low-cost sensors for water quality",
                "un réseau de capteurs bon marché pour la qualité de l'eau",
            ),
            (
                "training for the technicians of the water utility",
                "des formations pour les techniciens de la régie des eaux",
            ),
            (
                "pilot latrines and small treatment plants",
                "des latrines pilotes et de petites stations d'épuration",
            ),
            ("a hydrological model of the basin", "un modèle hydrologique du bassin"),
            (
                "water committees in twelve neighbourhoods",
                "des comités de l'eau dans douze quartiers",
            ),
            (
                "mapping of wells and springs with the communities",
                "la cartographie des puits et des sources avec les communautés",
            ),
        ],
        keywords=[
            "drinking water",
            "sanitation",
            "groundwater",
            "water quality",
            "wastewater",
            "hydrology",
            "water governance",
            "irrigation",
            "desalination",
            "rainwater harvesting",
            "river basins",
        ],
        organisations=[
            (
                "research-centre",
                "Water Resources Research Centre of {city}",
                "Centre de recherche sur les ressources en eau {de_city}",
            ),
            ("ngo", "Water and Sanitation for {city}", "Eau et assainissement pour {city}"),
            ("other", "{city} Water Utility", "Régie des eaux {de_city}"),
            (
                "faculty",
                "School of Hydraulic Engineering of {city}",
                "École d'ingénierie hydraulique {de_city}",
            ),
        ],
        markers=["water", "hydraul", "hydrolog"],
    ),
    Theme(
        key="agronomy",
        weight=14,
        sdgs=[2],
        other_sdgs=[1, 12, 13, 15],
        disciplines=["agronomy", "ecology", "social-sciences"],
        actors=[
            ("Farmers' organisations and agronomists", "Organisations paysannes et agronomes"),
            ("Bioengineers and smallholder farmers", "Bioingénieurs et petits producteurs"),
        ],
        topics=[
            ("agroecology", "l'agroécologie"),
            ("soil fertility", "la fertilité des sols"),
            (
                "smallholder food security",
                "la sécurité alimentaire des petits producteurs",
            ),
            ("cassava and maize value chains", "les filières du manioc et du maïs"),
            ("Andean grains", "les céréales andines"),
            ("agroforestry", "l'agroforesterie"),
            ("rice farming under salinity", "la riziculture face à la salinité"),
            ("coffee cooperatives", "les coopératives de café"),
            ("small-scale livestock farming", "le petit élevage"),
            ("post-harvest losses", "les pertes après récolte"),
        ],
        contexts=[
            (
                "Yields around {place} have stagnated while the soils lose their fertility.",
                "Autour {de_place}, les rendements stagnent tandis que les sols perdent leur "
                "fertilité.",
            ),
            (
                "Smallholders near {place} sell their harvest at low prices for lack of storage "
                "and processing.",
                "Près {de_place}, les petits producteurs vendent leur récolte à bas prix faute de "
                "stockage et de transformation.",
            ),
            (
                "Irregular rains make farming around {place} more and more uncertain.",
                "Des pluies irrégulières rendent l'agriculture autour {de_place} de plus en plus "
                "incertaine.",
            ),
        ],
        activities=[
            (
                "field trials run with farmers' groups",
                "des essais au champ menés avec des groupements paysans",
            ),
            ("seed banks of local varieties", "des banques de semences de variétés locales"),
            (
                "training in composting and crop rotation",
                "des formations au compostage et à la rotation des cultures",
            ),
            (
                "a study of prices along the value chain",
                "une étude des prix le long de la filière",
            ),
            (
                "small processing units run by cooperatives",
                "de petites unités de transformation gérées par des coopératives",
            ),
            (
                "drip irrigation tested on pilot plots",
                "l'irrigation au goutte-à-goutte testée sur des parcelles pilotes",
            ),
        ],
        keywords=[
            "agroecology",
            "soil fertility",
            "food security",
            "value chains",
            "agroforestry",
            "seed systems",
            "smallholder farming",
            "cassava",
            "quinoa",
            "rice",
            "coffee",
            "livestock",
            "post-harvest",
        ],
        organisations=[
            (
                "research-centre",
                "Agricultural Research Institute of {city}",
                "Institut de recherche agronomique {de_city}",
            ),
            ("ngo", "Farmers' Federation of {city}", "Fédération paysanne {de_city}"),
            ("faculty", "Faculty of Agronomy of {city}", "Faculté d'agronomie {de_city}"),
        ],
        markers=["agricult", "agronom", "bioingenieur", "paysan", "farmer"],
    ),
    Theme(
        key="education",
        weight=11,
        sdgs=[4],
        other_sdgs=[5, 10, 8],
        disciplines=["education", "social-sciences", "sciences"],
        actors=[
            (
                "Teachers, teacher trainers and education researchers",
                "Enseignants, formateurs et chercheurs en éducation",
            ),
            ("Lecturers and school heads", "Enseignants du supérieur et directeurs d'école"),
        ],
        topics=[
            ("science teacher training", "la formation des enseignants de sciences"),
            (
                "reading in the first years of school",
                "la lecture dans les premières années d'école",
            ),
            ("open digital courses", "les cours numériques ouverts"),
            ("inclusive schooling", "la scolarisation inclusive"),
            ("technical and vocational training", "la formation technique et professionnelle"),
            ("girls' access to secondary school", "l'accès des filles à l'école secondaire"),
            ("doctoral training", "la formation doctorale"),
            ("university libraries", "les bibliothèques universitaires"),
        ],
        contexts=[
            (
                "Classes of more than sixty pupils are common in the schools of {place}.",
                "Les classes de plus de soixante élèves sont courantes dans les écoles {de_place}.",
            ),
            (
                "Few teachers around {place} have been trained to teach sciences through "
                "experiments.",
                "Peu d'enseignants autour {de_place} ont été formés à enseigner les sciences par "
                "l'expérience.",
            ),
            (
                "The universities of {place} must train more graduates with few lecturers.",
                "Les universités {de_place} doivent former plus de diplômés avec peu "
                "d'enseignants.",
            ),
        ],
        activities=[
            (
                "teaching kits built with local materials",
                "des kits pédagogiques fabriqués avec des matériaux locaux",
            ),
            (
                "a blended-learning platform for lecturers",
                "une plateforme d'enseignement hybride pour les enseignants",
            ),
            (
                "classroom observation and coaching",
                "l'observation de classes et l'accompagnement des enseignants",
            ),
            ("scholarships for doctoral students", "des bourses pour doctorants"),
            ("a network of pilot schools", "un réseau d'écoles pilotes"),
        ],
        keywords=[
            "teacher training",
            "literacy",
            "e-learning",
            "inclusive education",
            "vocational training",
            "girls' education",
            "doctoral training",
            "pedagogy",
            "STEM education",
            "higher education",
        ],
        organisations=[
            (
                "research-centre",
                "Education Research Centre of {city}",
                "Centre de recherche en éducation {de_city}",
            ),
            ("ngo", "Schools for {city}", "Écoles pour {city}"),
            (
                "faculty",
                "Higher Teacher Training School of {city}",
                "École normale supérieure {de_city}",
            ),
        ],
        markers=["education", "pedagog", "psycholog"],
    ),
    Theme(
        key="urban",
        weight=9,
        sdgs=[11],
        other_sdgs=[9, 13, 6],
        disciplines=["urban-planning", "architecture", "engineering"],
        actors=[
            (
                "Urban planners, architects and municipal staff",
                "Urbanistes, architectes et agents municipaux",
            ),
            ("Neighbourhood associations and engineers", "Associations de quartier et ingénieurs"),
        ],
        topics=[
            ("urban mobility", "la mobilité urbaine"),
            ("earth architecture", "l'architecture en terre"),
            ("the regeneration of old neighbourhoods", "la régénération des quartiers anciens"),
            ("flood resilience", "la résilience aux inondations"),
            ("waste collection and recycling", "la collecte et le recyclage des déchets"),
            ("earthquake-resistant housing", "le logement parasismique"),
            ("heritage conservation", "la conservation du patrimoine"),
            ("public spaces", "les espaces publics"),
        ],
        contexts=[
            (
                "{place} grows by tens of thousands of inhabitants each year, mostly in "
                "unplanned districts.",
                "{place} gagne des dizaines de milliers d'habitants chaque année, surtout dans "
                "des quartiers non planifiés.",
            ),
            (
                "Most journeys in {place} are made on foot or by minibus, in long traffic jams.",
                "La plupart des déplacements à {place} se font à pied ou en minibus, dans de "
                "longs embouteillages.",
            ),
            (
                "Old buildings of {place} are being lost for lack of maintenance and skilled "
                "builders.",
                "Les bâtiments anciens {de_place} disparaissent faute d'entretien et d'artisans "
                "qualifiés.",
            ),
        ],
        activities=[
            (
                "participatory mapping of neighbourhoods",
                "une cartographie participative des quartiers",
            ),
            (
                "prototype buildings in compressed earth",
                "des bâtiments prototypes en terre comprimée",
            ),
            (
                "a traffic survey and a mobility plan",
                "une enquête de trafic et un plan de mobilité",
            ),
            ("workshops with the municipality", "des ateliers avec la commune"),
            ("training for local builders", "des formations pour les artisans du bâtiment"),
        ],
        keywords=[
            "urban planning",
            "mobility",
            "earth architecture",
            "housing",
            "heritage",
            "waste management",
            "informal settlements",
            "flood risk",
            "public space",
            "urban regeneration",
        ],
        organisations=[
            (
                "research-centre",
                "Urban Studies Centre of {city}",
                "Centre d'études urbaines {de_city}",
            ),
            ("ngo", "Habitat and Cities {city}", "Habitat et villes {city}"),
            ("faculty", "School of Architecture of {city}", "École d'architecture {de_city}"),
            ("other", "Municipality of {city}", "Commune {de_city}"),
        ],
        markers=["architect", "urban", "urbain", "amenagement"],
    ),
    Theme(
        key="energy",
        weight=8,
        sdgs=[7],
        other_sdgs=[13, 9, 3],
        disciplines=["engineering", "sciences", "environment"],
        actors=[
            ("Engineers and electricity cooperatives", "Ingénieurs et coopératives d'électricité"),
            ("Physicists and local entrepreneurs", "Physiciens et entrepreneurs locaux"),
        ],
        topics=[
            ("solar microgrids", "les micro-réseaux solaires"),
            ("clean cooking", "la cuisson propre"),
            ("rural electrification", "l'électrification rurale"),
            (
                "energy efficiency in public buildings",
                "l'efficacité énergétique des bâtiments publics",
            ),
            ("biogas from farm residues", "le biogaz issu des résidus agricoles"),
            ("solar desalination", "le dessalement solaire"),
        ],
        contexts=[
            (
                "Fewer than one household in five around {place} is connected to the grid.",
                "Moins d'un ménage sur cinq autour {de_place} est raccordé au réseau électrique.",
            ),
            (
                "Charcoal for cooking drives deforestation around {place}.",
                "Le charbon de bois utilisé pour cuisiner accélère la déforestation autour "
                "{de_place}.",
            ),
        ],
        activities=[
            (
                "solar installations sized with their users",
                "des installations solaires dimensionnées avec leurs usagers",
            ),
            (
                "improved stoves tested in households",
                "des foyers améliorés testés dans les ménages",
            ),
            (
                "a repair and maintenance training",
                "une formation à la réparation et à la maintenance",
            ),
            (
                "measurements of consumption over a year",
                "des mesures de consommation sur une année",
            ),
        ],
        keywords=[
            "solar energy",
            "microgrids",
            "clean cooking",
            "rural electrification",
            "energy efficiency",
            "biogas",
            "renewable energy",
            "off-grid",
        ],
        organisations=[
            (
                "research-centre",
                "Renewable Energy Institute of {city}",
                "Institut des énergies renouvelables {de_city}",
            ),
            ("ngo", "Energy for {city}", "Énergie pour {city}"),
            ("other", "{city} Electricity Cooperative", "Coopérative d'électricité {de_city}"),
        ],
        markers=["energ", "electri", "solar", "solaire"],
    ),
    Theme(
        key="environment",
        weight=12,
        sdgs=[15, 13, 14],
        other_sdgs=[12, 6, 1],
        disciplines=["biodiversity", "ecology", "environment"],
        actors=[
            (
                "Ecologists, park rangers and local communities",
                "Écologues, gardes forestiers et communautés locales",
            ),
            ("Biologists and fishing communities", "Biologistes et communautés de pêcheurs"),
        ],
        topics=[
            ("forest biodiversity", "la biodiversité forestière"),
            ("mangrove restoration", "la restauration des mangroves"),
            ("peatland carbon", "le carbone des tourbières"),
            ("artisanal fisheries", "la pêche artisanale"),
            ("air quality", "la qualité de l'air"),
            ("marine protected areas", "les aires marines protégées"),
            ("climate adaptation", "l'adaptation au changement climatique"),
            ("wildlife monitoring", "le suivi de la faune"),
        ],
        contexts=[
            (
                "Forests around {place} are shrinking under pressure from logging and farming.",
                "Les forêts autour {de_place} reculent sous la pression de l'exploitation et de "
                "l'agriculture.",
            ),
            (
                "Fish catches landed near {place} have halved in twenty years.",
                "Les captures débarquées près {de_place} ont diminué de moitié en vingt ans.",
            ),
            (
                "Air pollution in {place} regularly exceeds the recommended limits.",
                "La pollution de l'air à {place} dépasse régulièrement les seuils recommandés.",
            ),
        ],
        activities=[
            (
                "biodiversity inventories with local guides",
                "des inventaires de biodiversité avec des guides locaux",
            ),
            (
                "plots for measuring carbon stocks",
                "des parcelles de mesure des stocks de carbone",
            ),
            ("a co-management plan with fishers", "un plan de cogestion avec les pêcheurs"),
            (
                "low-cost air sensors in schools",
                "des capteurs d'air bon marché dans les écoles",
            ),
            ("nurseries of native species", "des pépinières d'espèces locales"),
        ],
        keywords=[
            "biodiversity",
            "forests",
            "mangroves",
            "peatlands",
            "fisheries",
            "air quality",
            "climate change",
            "conservation",
            "carbon",
            "ecotourism",
            "protected areas",
        ],
        organisations=[
            (
                "research-centre",
                "Centre for Biodiversity Research of {city}",
                "Centre de recherche sur la biodiversité {de_city}",
            ),
            ("ngo", "Friends of the Forests of {city}", "Les amis des forêts {de_city}"),
        ],
        markers=["environ", "biodivers", "ecolog", "forest", "foret"],
    ),
    Theme(
        key="society",
        weight=8,
        sdgs=[16, 5, 10],
        other_sdgs=[8, 1, 17],
        disciplines=["social-sciences"],
        actors=[
            (
                "Sociologists, lawyers and civil-society groups",
                "Sociologues, juristes et associations de la société civile",
            ),
            ("Researchers and women's associations", "Chercheurs et associations de femmes"),
        ],
        topics=[
            ("land rights in mining areas", "les droits fonciers dans les zones minières"),
            (
                "support for survivors of sexual violence",
                "l'accompagnement des survivantes de violences sexuelles",
            ),
            ("local governance", "la gouvernance locale"),
            ("gender equality at university", "l'égalité de genre à l'université"),
            ("access to justice", "l'accès à la justice"),
            ("migration and mobility", "les migrations et la mobilité"),
            ("global citizenship", "la citoyenneté mondiale"),
        ],
        contexts=[
            (
                "Conflicts over land and resources weigh on daily life around {place}.",
                "Les conflits autour de la terre et des ressources pèsent sur la vie "
                "quotidienne autour {de_place}.",
            ),
            (
                "Women remain under-represented in the institutions of {place}.",
                "Les femmes restent sous-représentées dans les institutions {de_place}.",
            ),
        ],
        activities=[
            (
                "interviews and focus groups in six communities",
                "des entretiens et des groupes de discussion dans six communautés",
            ),
            ("legal clinics run by students", "des cliniques juridiques animées par des étudiants"),
            ("a policy brief for the authorities", "une note politique pour les autorités"),
            (
                "a survey of two thousand households",
                "une enquête auprès de deux mille ménages",
            ),
        ],
        keywords=[
            "gender",
            "governance",
            "human rights",
            "land rights",
            "justice",
            "migration",
            "citizenship",
            "civil society",
            "mining",
        ],
        organisations=[
            (
                "research-centre",
                "Centre for Social Research of {city}",
                "Centre de recherches sociales {de_city}",
            ),
            (
                "ngo",
                "Women's Rights Network of {city}",
                "Réseau pour les droits des femmes {de_city}",
            ),
        ],
        markers=["social", "sociales", "philosoph", "droit", "law"],
    ),
    Theme(
        key="economy",
        weight=7,
        sdgs=[8],
        other_sdgs=[1, 5, 9, 12],
        disciplines=["social-sciences", "agronomy", "engineering"],
        actors=[
            ("Economists and small entrepreneurs", "Économistes et petits entrepreneurs"),
            (
                "Women's cooperatives and business schools",
                "Coopératives de femmes et écoles de commerce",
            ),
        ],
        topics=[
            ("women's rural enterprises", "les entreprises rurales de femmes"),
            ("microfinance", "la microfinance"),
            ("the social economy", "l'économie sociale"),
            ("youth employment", "l'emploi des jeunes"),
            ("fair trade", "le commerce équitable"),
            (
                "digital services for small businesses",
                "les services numériques pour les petites entreprises",
            ),
        ],
        contexts=[
            (
                "Most workers in {place} earn their living in the informal economy.",
                "La plupart des travailleurs {de_place} gagnent leur vie dans l'économie "
                "informelle.",
            ),
            (
                "Young graduates in {place} struggle to find a first job.",
                "Les jeunes diplômés {de_place} peinent à trouver un premier emploi.",
            ),
        ],
        activities=[
            (
                "business coaching for cooperatives",
                "un accompagnement des coopératives en gestion",
            ),
            ("a study of local credit practices", "une étude des pratiques locales de crédit"),
            ("an incubator for young entrepreneurs", "un incubateur pour jeunes entrepreneurs"),
            ("market surveys with producers", "des études de marché avec les producteurs"),
        ],
        keywords=[
            "social economy",
            "microfinance",
            "entrepreneurship",
            "employment",
            "fair trade",
            "cooperatives",
            "informal economy",
            "women's empowerment",
        ],
        organisations=[
            (
                "ngo",
                "Cooperative Support Network of {city}",
                "Réseau d'appui aux coopératives {de_city}",
            ),
            (
                "research-centre",
                "Centre for Development Economics of {city}",
                "Centre d'économie du développement {de_city}",
            ),
        ],
        markers=["econom", "commerce", "business"],
    ),
]
THEMES_BY_KEY = {theme.key: theme for theme in THEMES}

# Organisations that work on no theme in particular; (kind, English name, French name).
GENERIC_ORGANISATIONS = [
    ("university", "University of {city}", "Université {de_city}"),
    ("university", "Polytechnic University of {city}", "Université polytechnique {de_city}"),
    ("university", "Catholic University of {city}", "Université catholique {de_city}"),
    ("university", "Protestant University of {city}", "Université protestante {de_city}"),
    ("university", "{namesake} University", "Université {namesake}"),
    (
        "university",
        "Higher Institute of Technology of {city}",
        "Institut supérieur de technologie {de_city}",
    ),
    ("faculty", "Faculty of Sciences of {city}", "Faculté des sciences {de_city}"),
    (
        "faculty",
        "Faculty of Engineering of {city}",
        "Faculté des sciences de l'ingénieur {de_city}",
    ),
    (
        "research-centre",
        "Centre for Development Studies of {city}",
        "Centre d'études du développement {de_city}",
    ),
    ("ngo", "{namesake} Association", "Association {namesake}"),
    ("ngo", "Solidarity {city}", "Solidarité {city}"),
    (
        "cooperation-unit",
        "International Relations Office of {city}",
        "Bureau des relations internationales {de_city}",
    ),
    ("cooperation-unit", "Cooperation Unit of {city}", "Cellule de coopération {de_city}"),
    (
        "public-funder",
        "{city} Regional Development Fund",
        "Fonds régional de développement {de_city}",
    ),
    (
        "public-funder",
        "{city} City Cooperation Service",
        "Service de coopération de la ville {de_city}",
    ),
    ("fund", "{namesake} Foundation", "Fondation {namesake}"),
    ("fund", "Cooperation Fund {city}", "Fonds pour la coopération {city}"),
    ("other", "Network of Universities of {city}", "Réseau des universités {de_city}"),
    ("other", "{city} Chamber of Commerce", "Chambre de commerce {de_city}"),
    ("other", "Academy of Sciences of {city}", "Académie des sciences {de_city}"),
]
ORGANISATION_KIND_WEIGHTS = {
    "university": 28,
    "faculty": 10,
    "research-centre": 16,
    "ngo": 16,
    "hospital": 6,
    "cooperation-unit": 3,
    "public-funder": 4,
    "fund": 4,
    "other": 13,
}
FUNDER_KINDS = {Organisation.Kind.PUBLIC_FUNDER, Organisation.Kind.FUND}

TITLE_PATTERNS: list[Pair] = [
    ("{action} {topic} in {place}", "{action} {topic} à {place}"),
    (
        "{action} {topic} with the communities of {place}",
        "{action} {topic} avec les communautés {de_place}",
    ),
    ("{Topic} and {topic2} around {place}", "{Topic} et {topic2} autour {de_place}"),
    ("{Topic} in {place}: research and training", "{Topic} à {place} : recherche et formation"),
]
ACTIONS: list[Pair] = [
    ("Strengthening", "Renforcer"),
    ("Improving", "Améliorer"),
    ("Rethinking", "Repenser"),
    ("Supporting", "Soutenir"),
    ("Measuring", "Mesurer"),
    ("Understanding", "Comprendre"),
    ("Scaling up", "Étendre"),
    ("Co-designing", "Concevoir ensemble"),
]
SUMMARY_PATTERNS: list[Pair] = [
    (
        "{actors} of {place} and Brussels work together on {topic}: {first} and {second}.",
        "{actors} {de_place} et de Bruxelles travaillent ensemble sur {topic} : {first} et "
        "{second}.",
    ),
    (
        "{Topic} in {place}: {first}, {second} and a research agenda shared by the partners.",
        "{Topic} à {place} : {first}, {second} et un programme de recherche partagé par les "
        "partenaires.",
    ),
]
GENERIC_ACTIVITIES: list[Pair] = [
    ("a master's course co-taught in {place}", "un master coenseigné à {place}"),
    (
        "doctoral theses shared between {place} and Brussels",
        "des thèses de doctorat en cotutelle entre {place} et Bruxelles",
    ),
    ("an open-access publication of the data", "la publication des données en accès ouvert"),
    ("summer schools for young researchers", "des écoles d'été pour jeunes chercheurs"),
    (
        "exchange visits for technicians and lecturers",
        "des séjours d'échange pour techniciens et enseignants",
    ),
    (
        "a final conference with the local authorities",
        "une conférence finale avec les autorités locales",
    ),
    (
        "small equipment for the partner laboratories",
        "du petit équipement pour les laboratoires partenaires",
    ),
]
PARTNERSHIP_SENTENCES: list[Pair] = [
    (
        "{partner} co-leads the project and sets its research questions with the people concerned.",
        "{partner} codirige le projet et en fixe les questions de recherche avec les personnes "
        "concernées.",
    ),
    (
        "Teams in {place} and Brussels share the coordination, the budget and the authorship of "
        "publications.",
        "Les équipes {de_place} et de Bruxelles partagent la coordination, le budget et la "
        "signature des publications.",
    ),
    (
        "Students of both universities take part in the field work.",
        "Des étudiants des deux universités participent au travail de terrain.",
    ),
    (
        "The project builds on ten years of collaboration between {partner} and the university.",
        "Le projet s'appuie sur dix ans de collaboration entre {partner} et l'université.",
    ),
]
DURATIONS_IN_MONTHS = [12, 24, 24, 36, 36, 36, 48, 48, 48, 60, 60, 72]
YEARS_SPANNED = 25
YEARS_AHEAD = 2  # the latest projects start up to two years from now (planned)


def unaccented(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def de(place: str) -> str:
    """French "de Kinshasa", "d'Abomey-Calavi"."""
    return f"d'{place}" if unaccented(place[:1]) in "aeiouy" else f"de {place}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month ``months`` later; used on first days of months only."""
    month_index = day.year * 12 + day.month - 1 + months
    return day.replace(year=month_index // 12, month=month_index % 12 + 1)


def acronym_of(name: str) -> str:
    """The initials of a French name: Institut supérieur de technologie de Kindu -> ISTK."""
    small_words = {"de", "des", "du", "la", "le", "les", "et", "pour", "d", "l", "en", "aux", "sur"}
    words = name.replace("'", " ").replace("-", " ").split()
    return "".join(word[0] for word in words if word.lower() not in small_words).upper()[:12]


@dataclass
class Vocabulary:
    """What the generated rows point to, read from the database once."""

    countries: list[Country]
    country_weights: list[float]
    organisation_country_weights: list[float]
    sdg_ids: dict[int, int]
    discipline_ids: dict[str, int]
    scheme_funders: list[tuple[int, int]]  # (scheme id, funder organisation id)
    contact_ids: list[int]


@dataclass
class OrganisationPlan:
    slug: str
    kind: str
    theme: str | None
    name_en: str
    name_fr: str
    acronym: str
    country_id: int | None
    country_code: str | None
    city: str


@dataclass
class Partner:
    """An organisation projects may take part with: generated, or from the demo."""

    pk: int
    kind: str
    theme: str | None
    country_code: str | None
    name_en: str
    name_fr: str
    is_demo: bool


@dataclass
class ProjectPlan:
    project: Project
    country_ids: list[int]
    sdg_ids: list[int]
    discipline_ids: list[int]
    scheme_ids: list[int]
    participations: list[tuple[int, str]]
    tag_ids: list[int]


@dataclass
class Tally:
    projects: int = 0
    skipped: int = 0
    organisations: int = 0
    organisations_skipped: int = 0
    keywords: int = 0
    keywords_reused: int = 0
    links: int = 0


class PartnerPools:
    """Organisations by the role they can take in a project of a theme: leads from Belgium,
    co-leads from the project's countries, other partners, funders. An organisation with a
    theme only works on projects of that theme, so partner names stay on topic."""

    def __init__(self, partners: list[Partner]) -> None:
        self.leads: dict[str | None, list[Partner]] = defaultdict(list)
        self.demo_leads: dict[str | None, list[Partner]] = defaultdict(list)
        self.by_country: dict[tuple[str | None, str | None], list[Partner]] = defaultdict(list)
        self.others: dict[str | None, list[Partner]] = defaultdict(list)
        self.funders: list[Partner] = []
        self.everyone = partners
        for partner in partners:
            if partner.kind in FUNDER_KINDS:
                self.funders.append(partner)
                continue
            themes = [partner.theme] if partner.theme else [None, *THEMES_BY_KEY]
            for theme in themes:
                self.others[theme].append(partner)
                if partner.country_code == "BE":
                    (self.demo_leads if partner.is_demo else self.leads)[theme].append(partner)
                else:
                    self.by_country[(partner.country_code, theme)].append(partner)

    def lead(self, rng: random.Random, theme: str) -> Partner:
        # Most projects are led by one of the university's own faculties and structures.
        if self.demo_leads[theme] and (rng.random() < 0.6 or not self.leads[theme]):
            return rng.choice(self.demo_leads[theme])
        return rng.choice(self.leads[theme] or self.others[theme] or self.everyone)

    def co_lead(self, rng: random.Random, theme: str, country_codes: list[str]) -> Partner:
        for code in country_codes:
            if self.by_country[(code, theme)]:
                return rng.choice(self.by_country[(code, theme)])
        return self.partner(rng, theme)

    def partner(self, rng: random.Random, theme: str) -> Partner:
        return rng.choice(self.others[theme] or self.everyone)

    def funder(self, rng: random.Random) -> Partner | None:
        return rng.choice(self.funders) if self.funders else None


class ScaleSeeder:
    """Plans every row from the seed, then writes those whose slugs do not exist yet."""

    def __init__(
        self, seed: int, count: int, today: datetime.date, write: Callable[[str], None]
    ) -> None:
        self.seed = seed
        self.prefix = f"scale-{seed}-"
        self.count = count
        self.today = today
        self.write = write
        self.tally = Tally()
        self.vocabulary = self.read_vocabulary()
        self.all_keyword_ids: list[int] = []

    # -- What the demo provides ---------------------------------------------------------------

    @staticmethod
    def read_vocabulary() -> Vocabulary:
        countries = list(Country.objects.order_by("code"))
        sdg_ids = dict(SDG.objects.values_list("number", "pk"))
        discipline_ids = dict(Discipline.objects.values_list("slug", "pk"))
        if not countries or len(sdg_ids) < 17 or not discipline_ids:
            raise CommandError(
                "The vocabularies are missing (countries, the 17 SDGs, disciplines): "
                "run `manage.py load_demo` first."
            )
        return Vocabulary(
            countries=countries,
            country_weights=[COUNTRY_WEIGHTS.get(c.code, 1) for c in countries],
            organisation_country_weights=[
                ORGANISATION_COUNTRY_WEIGHTS.get(c.code, 1) for c in countries
            ],
            sdg_ids=sdg_ids,
            discipline_ids=discipline_ids,
            scheme_funders=list(
                FundingScheme.objects.published().order_by("pk").values_list("pk", "funder_id")
            ),
            contact_ids=list(Person.objects.order_by("pk").values_list("pk", flat=True)),
        )

    # -- Organisations ------------------------------------------------------------------------

    def plan_organisations(self) -> list[OrganisationPlan]:
        rng = random.Random(f"{self.seed}:organisations")
        kinds = list(ORGANISATION_KIND_WEIGHTS)
        kind_weights = list(ORGANISATION_KIND_WEIGHTS.values())
        names: set[str] = set()
        plans = []
        for number in range(1, max(self.count // 10, 1) + 1):
            kind = rng.choices(kinds, kind_weights)[0]
            thematic = [
                (theme, entry)
                for theme in THEMES
                for entry in theme.organisations
                if entry[0] == kind
            ]
            generic = [entry for entry in GENERIC_ORGANISATIONS if entry[0] == kind]
            if thematic and (not generic or rng.random() < 0.6):
                theme, (_kind, name_en, name_fr) = rng.choices(
                    thematic, [theme.weight for theme, _entry in thematic]
                )[0]
                theme_key = theme.key
            else:
                _kind, name_en, name_fr = rng.choice(generic)
                theme_key = None
            country = rng.choices(
                self.vocabulary.countries, self.vocabulary.organisation_country_weights
            )[0]
            cities = CITIES.get(country.code)
            city = rng.choice(cities) if cities else (country.name_en, country.name_fr)
            values = {
                "city": city[0],
                "namesake": rng.choice(NAMESAKES),
            }
            english = name_en.format(**values)
            french = name_fr.format(city=city[1], de_city=de(city[1]), namesake=values["namesake"])
            if english in names:  # the same pattern in the same city: number it
                suffix = 2
                while f"{english} {suffix}" in names:
                    suffix += 1
                english, french = f"{english} {suffix}", f"{french} {suffix}"
            names.add(english)
            plans.append(
                OrganisationPlan(
                    slug=f"{self.prefix}org-{number}",
                    kind=kind,
                    theme=theme_key,
                    name_en=english,
                    name_fr=french,
                    acronym=acronym_of(french) if rng.random() < 0.5 else "",
                    country_id=country.pk,
                    country_code=country.code,
                    # Some organisations give no city.
                    city=city[1] if cities and rng.random() < 0.8 else "",
                )
            )
        return plans

    def create_organisations(self, plans: list[OrganisationPlan]) -> dict[str, int]:
        """The generated organisations' ids by slug, creating those that are missing."""
        existing = dict(
            Organisation.objects.filter(slug__startswith=self.prefix).values_list("slug", "pk")
        )
        missing = [plan for plan in plans if plan.slug not in existing]
        created = Organisation.objects.bulk_create(
            [
                Organisation(
                    slug=plan.slug,
                    kind=plan.kind,
                    name_en=plan.name_en,
                    name_fr=plan.name_fr,
                    acronym=plan.acronym,
                    country_id=plan.country_id,
                    city=plan.city,
                    publication_status=PUBLISHED,
                )
                for plan in missing
            ],
            batch_size=BATCH_SIZE,
        )
        self.tally.organisations = len(created)
        self.tally.organisations_skipped = len(plans) - len(missing)
        if any(organisation.pk is None for organisation in created):
            return dict(
                Organisation.objects.filter(slug__startswith=self.prefix).values_list("slug", "pk")
            )
        return {**existing, **{organisation.slug: organisation.pk for organisation in created}}

    def partners(self, plans: list[OrganisationPlan], ids: dict[str, int]) -> list[Partner]:
        generated = [
            Partner(
                pk=ids[plan.slug],
                kind=plan.kind,
                theme=plan.theme,
                country_code=plan.country_code,
                name_en=plan.name_en,
                name_fr=plan.name_fr,
                is_demo=False,
            )
            for plan in plans
        ]
        demo = [
            Partner(
                pk=row["pk"],
                kind=row["kind"],
                theme=theme_of(f"{row['name_en']} {row['name_fr']}"),
                country_code=row["country__code"],
                name_en=row["name_en"] or row["name_fr"],
                name_fr=row["name_fr"] or row["name_en"],
                is_demo=True,
            )
            for row in Organisation.objects.published()
            .exclude(slug__startswith="scale-")
            .filter(merged_into__isnull=True)
            .order_by("pk")
            .values("pk", "kind", "name_en", "name_fr", "country__code")
        ]
        return generated + demo

    # -- Keywords -----------------------------------------------------------------------------

    def create_keywords(self) -> tuple[dict[str, list[int]], dict[tuple[str, str], list[int]]]:
        """About one keyword per twenty projects: each theme's terms, then terms with a place
        ("malaria in Goma"). Returns the tag ids by theme, and by theme and city."""
        rng = random.Random(f"{self.seed}:keywords")
        # Each theme's terms in turn, so that a few keywords already serve every theme.
        shuffled = [rng.sample(theme.keywords, len(theme.keywords)) for theme in THEMES]
        terms = [
            (theme.key, theme_terms[index], None)
            for index in range(max(len(t) for t in shuffled))
            for theme, theme_terms in zip(THEMES, shuffled, strict=True)
            if index < len(theme_terms)
        ]
        cities = sorted({city[0] for code in CITIES for city in CITIES[code]})
        placed = [
            (theme.key, f"{term} in {city}", city)
            for theme in THEMES
            for term in theme.keywords
            for city in cities
        ]
        rng.shuffle(placed)
        wanted = (terms + placed)[: max(self.count // 20, 10)]
        names = [name for _theme, name, _city in wanted]
        # Generated keywords are named in English only: French pages show them marked as such.
        ids = dict(Keyword.objects.filter(name_en__in=names).values_list("name_en", "pk"))
        self.tally.keywords_reused = len(ids)
        missing = [name for name in names if name not in ids]
        if missing:
            taken = set(
                Keyword.objects.filter(
                    slug__in=[Keyword().slugify(name) for name in missing]
                ).values_list("slug", flat=True)
            )
            tags = []
            for name in missing:
                slug, number = Keyword().slugify(name), 1
                while slug in taken:
                    slug, number = Keyword().slugify(name, number), number + 1
                taken.add(slug)
                tags.append(Keyword(name=name, name_en=name, slug=slug))
            Keyword.objects.bulk_create(tags, batch_size=BATCH_SIZE)
            ids.update(Keyword.objects.filter(name_en__in=missing).values_list("name_en", "pk"))
            self.tally.keywords = len(missing)
        by_theme: dict[str, list[int]] = defaultdict(list)
        by_place: dict[tuple[str, str], list[int]] = defaultdict(list)
        for theme, name, city in wanted:
            if city:
                by_place[(theme, city)].append(ids[name])
            else:
                by_theme[theme].append(ids[name])
        self.all_keyword_ids = sorted(ids.values())
        return by_theme, by_place

    # -- Projects -----------------------------------------------------------------------------

    def run(self) -> Tally:
        organisation_plans = self.plan_organisations()
        with transaction.atomic():
            organisation_ids = self.create_organisations(organisation_plans)
            self.keywords_by_theme, self.keywords_by_place = self.create_keywords()
        self.pools = PartnerPools(self.partners(organisation_plans, organisation_ids))
        existing = set(
            Project.objects.filter(slug__startswith=self.prefix).values_list("slug", flat=True)
        )
        rng = random.Random(f"{self.seed}:projects")
        batch: list[ProjectPlan] = []
        reported = 0
        for number in range(1, self.count + 1):
            # Planned even when it exists, so that the next ones are the same as on a first run.
            plan = self.plan_project(rng, number)
            if plan.project.slug in existing:
                self.tally.skipped += 1
                continue
            batch.append(plan)
            if len(batch) == BATCH_SIZE:
                self.save(batch)
                batch = []
            if self.tally.projects - reported >= PROGRESS_EVERY:
                reported = self.tally.projects
                self.write(f"  {reported:,} projects…")
        if batch:
            self.save(batch)
        return self.tally

    def plan_project(self, rng: random.Random, number: int) -> ProjectPlan:
        vocabulary = self.vocabulary
        theme = rng.choices(THEMES, [theme.weight for theme in THEMES])[0]
        countries = self.sample_weighted(
            rng, vocabulary.countries, vocabulary.country_weights, rng.choice([1, 1, 1, 2, 2, 3])
        )
        # Named after its first partner country (Belgium last).
        countries.sort(key=lambda country: country.code == "BE")
        place = self.place(rng, countries[0])

        # Partners: a lead (mostly in Belgium), a co-lead in the project's countries, partners,
        # and a funder, all different.
        chosen: dict[int, str] = {}
        lead = self.pools.lead(rng, theme.key)
        chosen[lead.pk] = Participation.Role.LEAD
        size = rng.choice([2, 3, 3, 4, 4, 5])
        co_lead = self.pools.co_lead(rng, theme.key, [c.code for c in countries])
        if rng.random() < 0.9 and co_lead.pk not in chosen:
            chosen[co_lead.pk] = Participation.Role.CO_LEAD
        schemes = []
        if vocabulary.scheme_funders:
            schemes = rng.sample(
                vocabulary.scheme_funders,
                min(rng.choice([0, 0, 0, 0, 1, 1, 1, 1, 2, 2]), len(vocabulary.scheme_funders)),
            )
        if size >= 3 and rng.random() < 0.85:
            funder_id = schemes[0][1] if schemes else None
            if funder_id is None:
                funder = self.pools.funder(rng)
                funder_id = funder.pk if funder else None
            if funder_id is not None and funder_id not in chosen:
                chosen[funder_id] = Participation.Role.FUNDER
        for _attempt in range(8):
            if len(chosen) >= size:
                break
            partner = self.pools.partner(rng, theme.key)
            if partner.pk not in chosen:
                chosen[partner.pk] = Participation.Role.PARTNER
        partner_names = (co_lead.name_en, co_lead.name_fr)

        sdgs = [rng.choice(theme.sdgs)]
        for _extra in range(rng.choice([0, 1, 1, 2])):
            goal = rng.choice(theme.other_sdgs if rng.random() < 0.8 else range(1, 18))
            if goal not in sdgs:
                sdgs.append(goal)
        disciplines = [slug for slug in theme.disciplines if slug in vocabulary.discipline_ids]
        disciplines = rng.sample(disciplines, min(rng.choice([1, 1, 2]), len(disciplines))) or [
            rng.choice(sorted(vocabulary.discipline_ids))
        ]

        start = self.today.replace(day=1)
        start = add_months(
            start, rng.randint(-12 * (YEARS_SPANNED - YEARS_AHEAD), 12 * YEARS_AHEAD)
        )
        end = None
        if rng.random() < 0.95:
            end = add_months(start, rng.choice(DURATIONS_IN_MONTHS)) - datetime.timedelta(days=1)
        budget = None
        if rng.random() < 0.9:
            budget = Decimal(
                round(math.exp(rng.uniform(math.log(20_000), math.log(2_500_000))), -3)
            )

        texts = self.texts(rng, theme, place, partner_names)
        project = Project(
            slug=f"{self.prefix}{number}",
            publication_status=PUBLISHED,
            is_example=True,
            start_date=start,
            end_date=end,
            budget=budget,
            contact_id=(
                rng.choice(vocabulary.contact_ids)
                if vocabulary.contact_ids and rng.random() < 0.25
                else None
            ),
            **texts,
        )
        return ProjectPlan(
            project=project,
            country_ids=[country.pk for country in countries],
            sdg_ids=[vocabulary.sdg_ids[goal] for goal in sdgs],
            discipline_ids=[vocabulary.discipline_ids[slug] for slug in disciplines],
            scheme_ids=[scheme_id for scheme_id, _funder in schemes],
            participations=list(chosen.items()),
            tag_ids=self.pick_keywords(rng, theme.key, place[0]),
        )

    @staticmethod
    def sample_weighted(rng: random.Random, population: list, weights: list, count: int) -> list:
        """``count`` different items (fewer if the population is smaller), by weight."""
        chosen: list = []
        count = min(count, len(population))
        while len(chosen) < count:
            item = rng.choices(population, weights)[0]
            if item not in chosen:
                chosen.append(item)
        return chosen

    @staticmethod
    def place(rng: random.Random, country: Country) -> Pair:
        # Brussels is where the university is: projects are about somewhere else.
        cities = [city for city in CITIES.get(country.code, []) if city[0] != "Brussels"]
        if cities:
            return rng.choice(cities)
        return (country.name_en or country.name, country.name_fr or country.name)

    def texts(self, rng: random.Random, theme: Theme, place: Pair, partner: Pair) -> dict[str, str]:
        topic, topic2 = rng.sample(theme.topics, 2)
        action = rng.choice(ACTIONS)
        title = rng.choice(TITLE_PATTERNS)
        summary = rng.choice(SUMMARY_PATTERNS)
        actors = rng.choice(theme.actors)
        context = rng.choice(theme.contexts)
        first, second = rng.sample(theme.activities, 2)
        generic = rng.choice(GENERIC_ACTIVITIES)
        partnership = rng.choice(PARTNERSHIP_SENTENCES)
        texts = {}
        for index, language in enumerate(("en", "fr")):
            values = {
                "place": place[index],
                "de_place": de(place[index]),
                "action": action[index],
                "topic": topic[index],
                "Topic": capitalised(topic[index]),
                "topic2": topic2[index],
                "actors": actors[index],
                "first": first[index],
                "second": second[index],
                "partner": partner[index],
            }
            headings, semicolon = (
                (("Context", "What the project does", "Partnership"), ";")
                if language == "en"
                else (("Contexte", "Ce que fait le projet", "Partenariat"), " ;")
            )
            texts[f"title_{language}"] = title[index].format(**values)
            texts[f"summary_{language}"] = summary[index].format(**values)
            texts[f"description_{language}"] = (
                f"## {headings[0]}\n\n{context[index].format(**values)}\n\n"
                f"## {headings[1]}\n\n"
                f"- {first[index]}{semicolon}\n- {second[index]}{semicolon}\n"
                f"- {generic[index].format(**values)}.\n\n"
                f"## {headings[2]}\n\n{partnership[index].format(**values)}"
            )
        return texts

    def pick_keywords(self, rng: random.Random, theme: str, city: str) -> list[int]:
        count = rng.randint(2, 5)
        chosen: list[int] = []
        local = self.keywords_by_place.get((theme, city), [])
        if local and rng.random() < 0.7:
            chosen.append(rng.choice(local))
        pool = self.keywords_by_theme.get(theme, [])
        for _attempt in range(count * 3):
            if len(chosen) >= count:
                break
            # Off-theme keywords only when the theme has too few (a small --projects).
            keyword = rng.choice(pool if len(pool) >= count else self.all_keyword_ids)
            if keyword not in chosen:
                chosen.append(keyword)
        return chosen

    # -- Writing ------------------------------------------------------------------------------

    def save(self, batch: list[ProjectPlan]) -> None:
        """A batch of projects and all their links, in one transaction."""
        with transaction.atomic():
            projects = Project.objects.bulk_create([plan.project for plan in batch])
            if any(project.pk is None for project in projects):  # databases without RETURNING
                ids = dict(
                    Project.objects.filter(slug__in=[p.slug for p in projects]).values_list(
                        "slug", "pk"
                    )
                )
                for project in projects:
                    project.pk = ids[project.slug]
            links = [
                (ProjectCountry, "country_id", "country_ids"),
                (ProjectSDG, "sdg_id", "sdg_ids"),
                (ProjectDiscipline, "discipline_id", "discipline_ids"),
                (ProjectFunding, "scheme_id", "scheme_ids"),
            ]
            for model, column, attribute in links:
                rows = [
                    model(project_id=plan.project.pk, **{column: value})
                    for plan in batch
                    for value in getattr(plan, attribute)
                ]
                model.objects.bulk_create(rows, batch_size=5000)
                self.tally.links += len(rows)
            participations = [
                Participation(project_id=plan.project.pk, organisation_id=organisation, role=role)
                for plan in batch
                for organisation, role in plan.participations
            ]
            Participation.objects.bulk_create(participations, batch_size=5000)
            tagged = [
                TaggedKeyword(content_object_id=plan.project.pk, tag_id=tag)
                for plan in batch
                for tag in plan.tag_ids
            ]
            TaggedKeyword.objects.bulk_create(tagged, batch_size=5000)
            self.tally.links += len(participations) + len(tagged)
            # The stored search documents of the new projects, in a few set-based queries.
            Project.objects.filter(pk__in=[p.pk for p in projects]).refresh_search()
        self.tally.projects += len(batch)


def theme_of(name: str) -> str | None:
    """The theme an existing organisation's name points to ("École de santé publique":
    health), or None."""
    words = unaccented(name)
    for theme in THEMES:
        if any(marker in words for marker in theme.markers):
            return theme.key
    return None


class Command(BaseCommand):
    help = (
        "Add N generated, published projects shaped like the demo data (with about N/10 "
        "organisations and N/20 keywords), to measure the portal at scale. Run load_demo first. "
        "Slugs start with scale-<seed>-; those that exist are skipped, so running twice with "
        "the same seed adds nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--projects", type=int, required=True, help="How many projects.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the generator (default: 1)."
        )

    def handle(self, *args: Any, projects: int, seed: int, **options: Any) -> None:
        if projects < 0:
            raise CommandError("--projects must be 0 or more.")
        if seed < 0:
            raise CommandError("--seed must be 0 or more.")
        started = time.monotonic()
        # The untranslated columns mirror the default language, as in load_demo.
        with translation.override(DEFAULT_LANGUAGE):
            seeder = ScaleSeeder(seed, projects, timezone.localdate(), self.stdout.write)
            tally = seeder.run()
        # bulk_create sends no signal: cached pages are dropped here, once.
        bump_content_version()
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner takes 100,000 new rows for a handful (searches
            # then ran into the statement timeout); and the visibility map that autovacuum
            # would build in production, without which no index-only scan is used (the facet
            # counts' selection took 19 ms instead of 1.4 at 10,000 projects). VACUUM cannot
            # run inside a transaction (a test's): ANALYZE alone there.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Seeded {tally.projects:,} projects ({tally.skipped:,} already there), "
            f"{tally.organisations:,} organisations ({tally.organisations_skipped:,} already "
            f"there), {tally.keywords:,} new keywords ({tally.keywords_reused:,} reused) and "
            f"{tally.links:,} links in {elapsed:.1f} s. Published projects: "
            f"{Project.objects.published().count():,}."
        )
