# The office's own pages (pages.models.OfficePage); their text comes with the next migration.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("pages", "0002_officers_unlock_logins"),
        ("partners", "0005_safe_urls"),
    ]

    operations = [
        migrations.CreateModel(
            name="OfficePage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last modified")),
                (
                    "key",
                    models.CharField(
                        choices=[
                            ("about", "About cooperation"),
                            ("get-involved", "Get involved"),
                            ("accessibility", "Accessibility statement"),
                            ("privacy", "Privacy and legal notice"),
                        ],
                        max_length=20,
                        unique=True,
                        verbose_name="page",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("title_fr", models.CharField(max_length=200, null=True, verbose_name="title")),
                ("title_en", models.CharField(max_length=200, null=True, verbose_name="title")),
                (
                    "summary",
                    models.CharField(
                        blank=True,
                        help_text="One or two sentences, shown under the title and by search engines.",
                        max_length=300,
                        verbose_name="summary",
                    ),
                ),
                (
                    "summary_fr",
                    models.CharField(
                        blank=True,
                        help_text="One or two sentences, shown under the title and by search engines.",
                        max_length=300,
                        null=True,
                        verbose_name="summary",
                    ),
                ),
                (
                    "summary_en",
                    models.CharField(
                        blank=True,
                        help_text="One or two sentences, shown under the title and by search engines.",
                        max_length=300,
                        null=True,
                        verbose_name="summary",
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        help_text="Markdown: a line starting with # is a heading (under the page's title), one starting with - a list item; [words](address) is a link.",
                        verbose_name="text",
                    ),
                ),
                (
                    "body_fr",
                    models.TextField(
                        help_text="Markdown: a line starting with # is a heading (under the page's title), one starting with - a list item; [words](address) is a link.",
                        null=True,
                        verbose_name="text",
                    ),
                ),
                (
                    "body_en",
                    models.TextField(
                        help_text="Markdown: a line starting with # is a heading (under the page's title), one starting with - a list item; [words](address) is a link.",
                        null=True,
                        verbose_name="text",
                    ),
                ),
                (
                    "contact",
                    models.ForeignKey(
                        blank=True,
                        help_text="Without one, the page points to the office's contacts page.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="partners.person",
                        verbose_name="responsible contact",
                    ),
                ),
            ],
            options={
                "verbose_name": "office page",
                "verbose_name_plural": "office pages",
                "ordering": ["key"],
            },
        ),
    ]
