# Links are refused unless they are http, https or mailto (cooperation_portal/safe_urls.py).

import cooperation_portal.safe_urls
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0006_publish_permission_no_call_note"),
    ]

    operations = [
        migrations.AlterField(
            model_name="call",
            name="url",
            field=models.URLField(
                blank=True,
                validators=[cooperation_portal.safe_urls.validate_safe_url],
                verbose_name="call text (link)",
            ),
        ),
        migrations.AlterField(
            model_name="fundingscheme",
            name="application_url",
            field=models.URLField(
                blank=True,
                validators=[cooperation_portal.safe_urls.validate_safe_url],
                verbose_name="how to apply (link)",
            ),
        ),
    ]
