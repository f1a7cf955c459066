"""The office's four pages with their first text, in French and English (Markdown), so that
every database has them; and who edits them: cooperation officers view and change them (with
their history), editors read them. Nobody adds or deletes one (pages/admin.py).

The text is the office's from then on: running this again (or `create_office_pages` from a
test) adds a page that is missing and never overwrites one that exists.
"""

from django.db import migrations

from cooperation_portal.roles import EDITORS, OFFICERS, app_permissions, grant, revoke

OFFICER_CODENAMES = ["view_officepage", "change_officepage"]
EDITOR_CODENAMES = ["view_officepage"]

NO_BREAK_SPACE = "\u00a0"


def french(text: str) -> str:
    """French typography: a no-break space before : ; ? ! and inside « »."""
    for mark in (":", ";", "?", "!", "»"):
        text = text.replace(f" {mark}", f"{NO_BREAK_SPACE}{mark}")
    return text.replace("« ", f"«{NO_BREAK_SPACE}")


ABOUT_FR = """\
# Un enseignement et une recherche qui s'enrichissent mutuellement

Pour l'université, la coopération n'est pas une aide à sens unique. Enseignants, chercheurs et \
étudiants d'ici et des universités partenaires apprennent les uns des autres : un projet mené \
ensemble nourrit des cours, des mémoires et des recherches des deux côtés.

# Renforcer les universités partenaires du Sud

Les projets visent à renforcer durablement les universités partenaires d'Afrique, d'Amérique \
latine et d'Asie : leurs ressources humaines (enseignants, chercheurs, techniciens), leurs moyens \
scientifiques (laboratoires, bibliothèques, formation doctorale) et leur gestion \
(administration, finances, conduite de projets).

# Toujours avec des partenaires académiques

L'université travaille avec des universités et des institutions de recherche, et par leur \
intermédiaire. Elle n'entretient aucun contact direct avec les autorités politiques des pays \
concernés : les partenariats se nouent entre institutions et entre universitaires.

# Chaque projet sert au moins un objectif de développement durable

Chaque projet s'inscrit dans au moins un des 17 [objectifs de développement durable](/fr/sdgs/) \
des Nations unies, et sa page dit lesquels.

# « Décolonisons-nous » : vers des relations plus égalitaires

L'université réexamine la manière dont la coopération s'est pratiquée jusqu'ici, dans une \
réflexion appelée « Décolonisons-nous ». Elle tend vers des relations d'égal à égal : des \
projets conçus et conduits ensemble, dont l'institution partenaire partage la direction. Le \
portail le rend visible : chaque projet dit qui le dirige de chaque côté, et le portail compte \
les [projets codirigés par un partenaire du Sud](/fr/projects/?leadership=co-led).

# La Journée de la coopération universitaire

Chaque année, la [Journée de la coopération universitaire](/fr/events/cooperation-day/) réunit \
étudiants, membres du personnel et partenaires. Elle invite à découvrir le monde de la \
coopération et la diversité de celles et ceux qui y agissent, et à s'interroger ensemble sur \
l'image que nous nous en faisons et que nous en donnons.

# Qui fait quoi

Les [structures de coopération de l'université et ses partenaires](/fr/partners/) ont chacun \
leur page, et les [contacts du service de la coopération](/fr/contacts/) sont classés par rôle.
"""

ABOUT_EN = """\
# Teaching and research that enrich each other

For the university, cooperation is not aid that flows one way. Teachers, researchers and \
students here and at partner universities learn from one another: a project carried out \
together feeds courses, theses and research on both sides.

# Stronger partner universities in the South

Projects aim to build lasting strength at partner universities in Africa, Latin America and \
Asia: their people (teachers, researchers, technicians), their scientific means (laboratories, \
libraries, doctoral training) and their management (administration, finance, running \
projects).

# Always with academic partners

The university works with universities and research institutions, and through them. It has no \
direct dealings with the political authorities of the countries concerned: partnerships are \
made between institutions and between academics.

# Every project serves at least one Sustainable Development Goal

Each project is aligned with at least one of the United Nations' 17 \
[Sustainable Development Goals](/en/sdgs/), and its page says which.

# "Décolonisons-nous": towards more equal relations

The university is re-examining how cooperation has been done so far, in a reflection called \
"Décolonisons-nous" ("let us decolonise ourselves"). It works towards relations between \
equals: projects designed and run together, with the partner institution sharing their \
leadership. The portal makes this visible: each project says who leads it on each side, and \
the portal counts the [projects co-led by a partner in the South](/en/projects/?leadership=co-led).

# University Cooperation Day

Every year, [University Cooperation Day](/en/events/cooperation-day/) brings students, staff \
and partners together. It is an invitation to discover the world of cooperation and the many \
people and organisations active in it, and to think together about the picture we have of it \
and the one we give.

# Who does what

The [university's cooperation structures and its partners](/en/partners/) each have a page, and \
the [cooperation office's contacts](/en/contacts/) are listed by role.
"""

GET_INVOLVED_FR = """\
# Étudiantes et étudiants

- **Projets de groupe avec des étudiants** : des étudiants de bachelier ou de master montent un \
projet avec une université partenaire, soutenus par une bourse. Voir les \
[financements de projets de groupe](/fr/funding/?kind=student-group-project).
- **Bourses de voyage** : pour partir sur le terrain le temps d'un mémoire, d'un stage ou d'une \
recherche. Voir les [bourses de voyage](/fr/funding/?kind=travel-grant).
- **Mobilité** : les ressortissants des pays partenaires peuvent venir étudier ou faire de la \
recherche à Bruxelles. Voir les \
[bourses de mobilité individuelle](/fr/funding/?kind=individual-mobility), \
et le formulaire « Suis-je éligible ? » de la [liste des financements](/fr/funding/) pour \
trouver ce qui vous correspond.
- **Bénévolat** : pour vous engager auprès d'une organisation active dans la coopération, \
demandez conseil au [service de la coopération](/fr/contacts/), qui connaît les structures de \
l'université et de ses [partenaires](/fr/partners/).

# Chercheurs, enseignants et membres du personnel

- Lancer un projet de coopération avec une université partenaire, ou rejoindre un projet \
existant : les [projets](/fr/projects/) montrent qui travaille déjà où, et les \
[financements](/fr/funding/) leurs prochaines échéances.
- Les bourses de doctorat et la valorisation des résultats ont leurs propres programmes : voir \
les [bourses de doctorat](/fr/funding/?kind=doctoral-grant) et la \
[valorisation des résultats](/fr/funding/?kind=valorisation).
- Les séances d'information sur les financements sont annoncées parmi les \
[événements](/fr/events/?kind=information-session).

# Pour tout le monde : la Journée de la coopération universitaire

Une fois par an, la [Journée de la coopération universitaire](/fr/events/cooperation-day/) est \
ouverte à toutes et à tous : la façon la plus simple de rencontrer celles et ceux qui font la \
coopération et de voir ce qu'ils font. Les autres [événements à venir](/fr/events/?when=upcoming) \
sont annoncés sur le portail.

# Une question ?

Les [contacts du service de la coopération](/fr/contacts/) vous diront par où commencer.
"""

GET_INVOLVED_EN = """\
# Students

- **Group projects with students**: bachelor's or master's students build a project with a \
partner university, supported by a grant. See the \
[schemes for student group projects](/en/funding/?kind=student-group-project).
- **Travel grants**: to go to the field for a thesis, an internship or research. See the \
[travel grants](/en/funding/?kind=travel-grant).
- **Mobility**: nationals of partner countries can come to study or do research in Brussels. \
See the [individual mobility schemes](/en/funding/?kind=individual-mobility), and the "Am I \
eligible?" form of the [funding list](/en/funding/) to find what fits you.
- **Volunteering**: to volunteer with an organisation active in cooperation, ask the \
[cooperation office](/en/contacts/), which knows the university's structures and its \
[partners](/en/partners/).

# Researchers, teachers and staff

- Start a cooperation project with a partner university, or join one: the \
[projects](/en/projects/) show who already works where, and the [funding schemes](/en/funding/) \
their next deadlines.
- Doctoral grants and the valorisation of results have schemes of their own: see the \
[doctoral grants](/en/funding/?kind=doctoral-grant) and the \
[valorisation schemes](/en/funding/?kind=valorisation).
- Information sessions on funding are announced among the \
[events](/en/events/?kind=information-session).

# Everyone: University Cooperation Day

Once a year, [University Cooperation Day](/en/events/cooperation-day/) is open to all: the \
easiest way to meet the people who do cooperation and see what they do. The other \
[upcoming events](/en/events/?when=upcoming) are on the portal too.

# Questions?

The [cooperation office's contacts](/en/contacts/) will tell you where to begin.
"""

ACCESSIBILITY_FR = """\
# État de conformité

Le portail vise la conformité aux [WCAG 2.1](https://www.w3.org/Translations/WCAG21-fr/) \
(règles pour l'accessibilité des contenus web), niveau AA. Il est **partiellement conforme** : \
il n'a pas encore été audité par un organisme extérieur, et ses limites connues sont décrites \
ci-dessous.

# Un portail pensé pour toutes et tous

- Les pages sont produites par le serveur et fonctionnent sans JavaScript ; les filtres sont de \
simples formulaires.
- Chaque page a un seul titre principal, des repères (en-tête, navigation, contenu, pied de \
page) et un lien pour aller directement au contenu.
- Tout s'atteint et s'utilise au clavier, avec un focus visible.
- Les couleurs respectent les contrastes du niveau AA ; chaque badge d'objectif de \
développement durable a la couleur de texte qui se lit le mieux sur sa couleur.
- Les pages restent légères (moins de 150 Ko au premier chargement) pour les connexions lentes.
- Chaque page existe en français et en anglais ; un texte affiché dans l'autre langue est \
signalé comme tel, aussi aux lecteurs d'écran.

# Comment il est vérifié

- Des tests automatiques avec axe-core (règles WCAG 2.1 A et AA), dans un vrai navigateur, sur \
chaque type de page publique et dans les deux langues, à chaque modification du code.
- Des tests au clavier : le lien d'évitement vient en premier, le focus reste visible et \
arrive dans le contenu.
- Des pages vérifiées sur un écran de 320 pixels de large (sans défilement horizontal) et des \
audits Lighthouse des pages principales.

# Limites connues

- Les tests automatiques ne trouvent qu'une partie des problèmes : le portail n'a pas encore \
été testé par des personnes utilisant un lecteur d'écran ou d'autres aides techniques.
- Les contenus rédigés par le service (descriptions, documents liés comme des PDF) peuvent ne \
pas toujours respecter ces règles.
- L'interface d'administration, réservée au personnel du service, n'est pas couverte par cette \
déclaration.

# Signaler un problème

Si quelque chose sur le portail vous empêche d'accéder à une information, ou s'il vous faut un \
contenu sous une autre forme, écrivez au [service de la coopération](/fr/contacts/) en \
indiquant la page et le problème rencontré : nous vous répondrons et corrigerons ce qui peut \
l'être.
"""

ACCESSIBILITY_EN = """\
# Conformance status

The portal aims to conform to the [WCAG 2.1](https://www.w3.org/TR/WCAG21/) (Web Content \
Accessibility Guidelines) at level AA. It is **partially conformant**: it has not yet been \
audited by an outside body, and its known limits are described below.

# A portal built for everyone

- Pages are made on the server and work without JavaScript; filters are ordinary forms.
- Each page has one main heading, landmarks (header, navigation, main content, footer) and a \
link to skip to the main content.
- Everything can be reached and used with the keyboard, with a visible focus.
- Colours meet the AA contrast ratios; each Sustainable Development Goal badge has the text \
colour that reads best on its colour.
- Pages stay light (under 150 KB on first load) for slow connections.
- Every page exists in French and English; text shown in the other language is marked as \
such, for screen readers too.

# How it is checked

- Automated tests with axe-core (WCAG 2.1 A and AA rules), in a real browser, on every kind of \
public page and in both languages, at every change of the code.
- Keyboard tests: the skip link comes first, focus stays visible and lands in the main content.
- Pages checked on a screen 320 pixels wide (no sideways scrolling), and Lighthouse audits of \
the main pages.

# Known limits

- Automated tests find only part of the problems: the portal has not yet been tested by people \
using a screen reader or other assistive technologies.
- Content written by the office (descriptions, linked documents such as PDFs) may not always \
meet the guidelines.
- The administration, used only by the office's staff, is not covered by this statement.

# Report a problem

If something on the portal keeps you from information, or you need content in another form, \
write to the [cooperation office](/en/contacts/) with the page and the problem you met: we \
will answer and fix what can be fixed.
"""

PRIVACY_FR = """\
# Responsable

Le portail est publié par le service de la coopération au développement de l'université, \
responsable des données personnelles décrites ici. Pour toute question à leur sujet, écrivez au \
[service de la coopération](/fr/contacts/).

# Ce qui est recueilli lors d'une visite

- **Aucun pistage** : ni mesure d'audience, ni publicité, ni bouton de réseau social, ni \
contenu chargé depuis un autre site (polices, scripts et images viennent du portail lui-même).
- **Aucun cookie pour les visiteurs** : la langue choisie fait partie de l'adresse (/fr/, \
/en/) ; elle n'est pas enregistrée dans un cookie.
- **Journaux du serveur** : pour faire fonctionner le service et le protéger, les serveurs \
notent chaque requête (page demandée, heure, réponse, durée) ; le serveur web placé devant le \
portail note aussi l'adresse IP d'où elle vient. Ces journaux sont conservés 30 jours au plus, \
puis effacés ; ils ne servent à suivre personne.

# Comptes du personnel

Les chargés de coopération et les rédacteurs qui se connectent à l'administration ont un \
compte (nom d'utilisateur, adresse électronique, mot de passe conservé uniquement sous forme \
d'empreinte (hachage), et la clé secrète de leur application d'authentification). La connexion \
dépose un cookie de session, qui prend fin après une heure d'inactivité et douze heures après \
la connexion, et un cookie qui protège les formulaires contre la falsification de requêtes : \
ce sont les seuls cookies du portail. Les événements de sécurité (connexions du personnel, \
échecs de connexion, blocages de compte) sont journalisés avec l'adresse d'où ils viennent, \
pour protéger les comptes ; les échecs de connexion sont aussi gardés dans la base de données \
(nom d'utilisateur, adresse, navigateur) pour bloquer un compte après plusieurs échecs. Chaque \
modification du contenu est gardée dans son historique, avec son auteur et sa date.

# Contacts publiés sur le portail

Les contacts affichés (rôle et, le cas échéant, nom, adresse électronique et téléphone) sont \
publiés à titre professionnel, pour que le public puisse joindre le service et ses partenaires.

# Vos droits

Le règlement général sur la protection des données (RGPD) vous permet de demander l'accès aux \
données qui vous concernent, leur rectification ou leur effacement, la limitation de leur \
traitement ou de vous y opposer, et de les recevoir dans un format portable. Écrivez au \
[service de la coopération](/fr/contacts/) ; vous pouvez aussi introduire une plainte auprès de \
l'[Autorité de protection des données](https://www.autoriteprotectiondonnees.be/).

# Mentions légales

Éditeur : le service de la coopération au développement de l'université. Les contenus sont \
rédigés par le service et ses partenaires ; les contenus de démonstration sont signalés comme \
des exemples. Les liens vers d'autres sites sont donnés à titre d'information ; le service \
n'est pas responsable de leur contenu.
"""

PRIVACY_EN = """\
# Controller

The portal is published by the university's development-cooperation office, the controller of \
the personal data described here. For any question about it, write to the \
[cooperation office](/en/contacts/).

# What is collected when you visit

- **No tracking**: no audience measurement, no advertising, no social-network buttons, no \
content loaded from another site (fonts, scripts and images come from the portal itself).
- **No cookie for visitors**: the language you choose is part of the address (/fr/, /en/); it is \
not stored in a cookie.
- **Server logs**: to run the service and protect it, the servers note each request (page \
asked for, time, answer, duration); the web server in front of the portal also notes the IP \
address it came from. These logs are kept 30 days at most, then deleted; they are not used to \
follow anyone.

# Staff accounts

Cooperation officers and editors who sign in to the administration have an account (user \
name, e-mail address, password kept only as a hash, and the secret key of their authenticator \
app). Signing in sets a session cookie, which ends after an hour without activity and twelve \
hours after signing in, and a cookie that protects forms against request forgery: these are \
the portal's only cookies. Security events (staff sign-ins, failed logins, locked accounts) \
are logged with the address they came from, to protect the accounts; failed logins are also \
kept in the database (user name, address, browser) to lock an account after repeated \
failures. Every change to the \
content is kept in its history, with who made it and when.

# Contacts published on the portal

The contacts shown (role and, where given, name, e-mail address and telephone) are published \
in their professional capacity, so that the public can reach the office and its partners.

# Your rights

The General Data Protection Regulation (GDPR) lets you ask for access to the data about you, \
for its correction or erasure, to restrict its processing or object to it, and to receive it \
in a portable format. Write to the [cooperation office](/en/contacts/); you may also lodge a \
complaint with the Belgian [Data Protection Authority](https://www.dataprotectionauthority.be/).

# Legal notice

Publisher: the university's development-cooperation office. Content is written by the office \
and its partners; demonstration content is marked as examples. Links to other sites are given \
for information; the office is not responsible for their content.
"""

PAGES = [
    {
        "key": "about",
        "title_fr": "À propos de la coopération",
        "title_en": "About cooperation",
        "summary_fr": (
            "Ce que la coopération au développement veut dire à l'université, et les principes "
            "que suit chacun de ses projets."
        ),
        "summary_en": (
            "What development cooperation means at the university, and the principles each of "
            "its projects follows."
        ),
        "body_fr": ABOUT_FR,
        "body_en": ABOUT_EN,
    },
    {
        "key": "get-involved",
        "title_fr": "S'engager",
        "title_en": "Get involved",
        "summary_fr": (
            "Étudiants, chercheurs et membres du personnel peuvent prendre part à la coopération "
            "de bien des façons : voici par où commencer."
        ),
        "summary_en": (
            "Students, researchers and staff can take part in cooperation in many ways: here is "
            "where to start."
        ),
        "body_fr": GET_INVOLVED_FR,
        "body_en": GET_INVOLVED_EN,
    },
    {
        "key": "accessibility",
        "title_fr": "Déclaration d'accessibilité",
        "title_en": "Accessibility statement",
        "summary_fr": (
            "Où en est le portail au regard des WCAG 2.1 niveau AA, comment il est vérifié, et "
            "qui prévenir si quelque chose vous gêne."
        ),
        "summary_en": (
            "Where the portal stands against WCAG 2.1 level AA, how it is checked, and whom to "
            "tell if something is in your way."
        ),
        "body_fr": ACCESSIBILITY_FR,
        "body_en": ACCESSIBILITY_EN,
    },
    {
        "key": "privacy",
        "title_fr": "Vie privée et mentions légales",
        "title_en": "Privacy and legal notice",
        "summary_fr": (
            "Ce que le portail recueille sur ses visiteurs (très peu), pourquoi, pour combien de "
            "temps, et vos droits."
        ),
        "summary_en": (
            "What the portal collects about its visitors (very little), why, for how long, and "
            "your rights."
        ),
        "body_fr": PRIVACY_FR,
        "body_en": PRIVACY_EN,
    },
]


def create_office_pages(apps, schema_editor):
    OfficePage = apps.get_model("pages", "OfficePage")
    for page in PAGES:
        values = {
            name: french(value) if name.endswith("_fr") else value
            for name, value in page.items()
            if name != "key"
        }
        if OfficePage.__module__ == "__fake__":
            # A migration's model knows nothing of modeltranslation: fill the untranslated
            # columns with the default language (French), as modeltranslation keeps them.
            values.update(
                title=values["title_fr"], summary=values["summary_fr"], body=values["body_fr"]
            )
        OfficePage.objects.get_or_create(key=page["key"], defaults=values)


def remove_office_pages(apps, schema_editor):
    apps.get_model("pages", "OfficePage").objects.filter(
        key__in=[page["key"] for page in PAGES]
    ).delete()


def let_officers_edit(apps, schema_editor):
    grant(apps, OFFICERS, app_permissions(apps, "pages", OFFICER_CODENAMES))
    grant(apps, EDITORS, app_permissions(apps, "pages", EDITOR_CODENAMES))


def take_it_back(apps, schema_editor):
    revoke(apps, "pages", OFFICER_CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_office_pages"),
    ]

    operations = [
        migrations.RunPython(create_office_pages, remove_office_pages),
        migrations.RunPython(let_officers_edit, take_it_back),
    ]
