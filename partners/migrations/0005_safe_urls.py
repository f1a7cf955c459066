# Links are refused unless they are http, https or mailto (cooperation_portal/safe_urls.py).

import cooperation_portal.safe_urls
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_publish_permission"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="website",
            field=models.URLField(
                blank=True,
                validators=[cooperation_portal.safe_urls.validate_safe_url],
                verbose_name="website",
            ),
        ),
    ]
