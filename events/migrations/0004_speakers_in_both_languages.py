
from django.db import migrations, models
from django.db.models import F


def speakers_as_english(apps, schema_editor):
    """The speakers written so far become the English text (modeltranslation's default
    language, as its `update_translation_fields` would do); French pages show them marked as
    English until they are translated."""
    Session = apps.get_model("events", "Session")
    Session.objects.exclude(speakers="").update(speakers_en=F("speakers"))


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0003_event_listing_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='session',
            name='speakers_en',
            field=models.CharField(blank=True, help_text='Names and affiliations.', max_length=300, null=True, verbose_name='speakers'),
        ),
        migrations.AddField(
            model_name='session',
            name='speakers_fr',
            field=models.CharField(blank=True, help_text='Names and affiliations.', max_length=300, null=True, verbose_name='speakers'),
        ),
        migrations.RunPython(speakers_as_english, migrations.RunPython.noop),
    ]
