"""The privacy notice's first text said that security events are logged, but not that the log
of requests names the member of staff who made each one (cooperation_portal.operations).
This adds it to the privacy page where its sentence is still the first text's; a page an
officer has rewritten is left as it is."""

from django.db import migrations

AMENDMENTS = {
    "en": (
        "Security events (staff sign-ins,",
        "The log of requests names the member of staff who made each one, and security events "
        "(staff sign-ins,",
    ),
    "fr": (
        "Les événements de sécurité (connexions du personnel,",
        "Le journal des requêtes nomme le membre du personnel qui a fait chacune d'elles, et "
        "les événements de sécurité (connexions du personnel,",
    ),
}


def amend(apps, schema_editor, *, backwards=False):
    page = apps.get_model("pages", "OfficePage").objects.filter(key="privacy").first()
    if page is None:
        return
    changed = []
    for language, (first, amended) in AMENDMENTS.items():
        old, new = (amended, first) if backwards else (first, amended)
        for field in (f"body_{language}", *(["body"] if language == "fr" else [])):
            text = getattr(page, field)
            if old in text and new not in text:
                setattr(page, field, text.replace(old, new, 1))
                changed.append(field)
    if changed:
        page.save(update_fields=changed)


def take_back(apps, schema_editor):
    amend(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_office_pages_text"),
    ]

    operations = [migrations.RunPython(amend, take_back)]
