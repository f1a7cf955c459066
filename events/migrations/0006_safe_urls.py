# Links are refused unless they are http, https or mailto (cooperation_portal/safe_urls.py).

import cooperation_portal.safe_urls
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_publish_permission"),
    ]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="online_url",
            field=models.URLField(
                blank=True,
                validators=[cooperation_portal.safe_urls.validate_safe_url],
                verbose_name="online link",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="registration_url",
            field=models.URLField(
                blank=True,
                validators=[cooperation_portal.safe_urls.validate_safe_url],
                verbose_name="registration link",
            ),
        ),
    ]
