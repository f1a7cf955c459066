"""Projects already published when the alerts arrive are not new: each is noted as seen now, so
that the first run of send_alerts announces only projects published after it."""

from django.db import migrations
from django.utils import timezone


def note_published_projects(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    ProjectSighting = apps.get_model("alerts", "ProjectSighting")
    now = timezone.now()
    published = Project.objects.filter(publication_status="published").values_list("pk", flat=True)
    ProjectSighting.objects.bulk_create(
        [ProjectSighting(project_id=pk, seen_at=now) for pk in published.iterator()],
        batch_size=1000,
        ignore_conflicts=True,
    )


def forget(apps, schema_editor):
    apps.get_model("alerts", "ProjectSighting").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
    ]

    operations = [migrations.RunPython(note_published_projects, forget)]
