"""The applicant levels and affiliations are a fixed vocabulary (their labels are in the code,
translated): every database gets all of them, so that officers have something to tick on a
portal started without the demo data."""

from django.db import migrations

LEVELS = [
    "bachelor",
    "master",
    "doctoral",
    "postdoctoral",
    "academic-staff",
    "administrative-staff",
]
AFFILIATIONS = ["partner-university", "ulb", "belgian-institution", "ngo"]


def seed(apps, schema_editor):
    for model_name, codes in (("ApplicantLevel", LEVELS), ("Affiliation", AFFILIATIONS)):
        model = apps.get_model("funding", model_name)
        for position, code in enumerate(codes, start=1):
            model.objects.get_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("funding", "0004_collated_ordering")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
