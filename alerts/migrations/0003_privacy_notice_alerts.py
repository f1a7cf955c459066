"""The privacy notice gets a section on the e-mail alerts (what is kept, the confirmation within
seven days, the links to manage and unsubscribe, no address in logs or exports, no tracking),
before its "Your rights" section, or at its end where an officer has rewritten that part. Taking
it back removes the section as written here; a section an officer has changed stays."""

from django.db import migrations

NO_BREAK_SPACE = "\u00a0"

SECTIONS = {
    "en": (
        "# Your rights",
        """\
# E-mail alerts

Anyone may ask for e-mail alerts about a selection of funding calls, events or projects.

- **What is kept**: the e-mail address, the language of the messages, the list and its \
filters, how often to write, and dates (when the alert was asked for, confirmed and last \
sent), with a record of the deadline reminders sent. Nothing else: no name, no tracking pixel, \
no record of whether a message was opened or a link followed.
- **Confirmation first**: until the owner of the address confirms with the link of the one \
confirmation message, nothing else is sent; an alert not confirmed within 7 days is deleted.
- **You stay in control**: every message has a link to manage or delete your alerts, and a \
link to unsubscribe in one click; deleting an alert deletes its address.
- **No flooding**: so that no one can use the form to fill a third party's mailbox, one \
address receives at most 5 messages a day from the form, and the forms sent from one IP \
address are counted for an hour, in memory only.
- **Discretion**: addresses never appear in the servers' logs, nor in the portal's exports and \
open data, and are given to no one. They serve only to send the alerts asked for.
""",
    ),
    "fr": (
        "# Vos droits",
        """\
# Alertes par courriel

Chacun peut demander des alertes par courriel sur une sélection d'appels de financement, \
d'événements ou de projets.

- **Ce qui est conservé** : l'adresse électronique, la langue des messages, la liste et ses \
filtres, la fréquence choisie et des dates (demande, confirmation, dernier envoi), avec la \
trace des rappels d'échéance envoyés. Rien d'autre : ni nom, ni pixel espion, ni trace de \
l'ouverture d'un message ou d'un clic sur un lien.
- **D'abord une confirmation** : tant que le titulaire de l'adresse n'a pas confirmé par le \
lien de l'unique message de confirmation, rien d'autre n'est envoyé ; une alerte non confirmée \
dans les 7 jours est supprimée.
- **Vous gardez la main** : chaque message contient un lien pour gérer ou supprimer vos \
alertes, et un lien de désabonnement en un clic ; supprimer une alerte efface son adresse.
- **Pas d'envois en masse** : pour que personne ne puisse se servir du formulaire pour remplir \
la boîte d'un tiers, une même adresse reçoit au plus 5 messages par jour depuis le formulaire, \
et les formulaires envoyés depuis une même adresse IP sont comptés pendant une heure, en \
mémoire seulement.
- **Discrétion** : les adresses n'apparaissent jamais dans les journaux des serveurs, ni dans \
les exports et les données ouvertes du portail, et ne sont communiquées à personne. Elles ne \
servent qu'à envoyer les alertes demandées.
""",
    ),
}


def french(text: str) -> str:
    """French typography: a no-break space before : ; ? ! (as pages/migrations/0004)."""
    for mark in (":", ";", "?", "!"):
        text = text.replace(f" {mark}", f"{NO_BREAK_SPACE}{mark}")
    return text


def section(language: str) -> str:
    text = SECTIONS[language][1]
    return french(text) if language == "fr" else text


def fields_of(language: str) -> list[str]:
    # French is the site's first language: modeltranslation keeps it in `body` too.
    return [f"body_{language}", *(["body"] if language == "fr" else [])]


def add_section(apps, schema_editor):
    page = apps.get_model("pages", "OfficePage").objects.filter(key="privacy").first()
    if page is None:
        return
    changed = []
    for language, (before, _text) in SECTIONS.items():
        added = section(language)
        for field in fields_of(language):
            text = getattr(page, field) or ""
            if not text or added.strip() in text:
                continue
            if f"\n{before}\n" in text:
                text = text.replace(f"\n{before}\n", f"\n{added}\n{before}\n", 1)
            else:
                text = text.rstrip("\n") + "\n\n" + added
            setattr(page, field, text)
            changed.append(field)
    if changed:
        page.save(update_fields=changed)


def remove_section(apps, schema_editor):
    page = apps.get_model("pages", "OfficePage").objects.filter(key="privacy").first()
    if page is None:
        return
    changed = []
    for language in SECTIONS:
        added = section(language)
        for field in fields_of(language):
            text = getattr(page, field) or ""
            if added in text:
                text = text.replace(f"{added}\n", "", 1) if f"{added}\n" in text else text.replace(added, "", 1)
                setattr(page, field, text.rstrip("\n") + "\n")
                changed.append(field)
    if changed:
        page.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0002_projects_already_published"),
        ("pages", "0006_search_extensions"),
    ]

    operations = [migrations.RunPython(add_section, remove_section)]
