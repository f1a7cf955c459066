"""Keywords in both languages: the projects' keywords move from django-taggit's shared `Tag`
to `projects.Keyword`, which has `name_fr` and `name_en`. The existing keywords were written in
English: they become the English names; the French ones are for the officers (and the demo
data) to give, and French pages show the English name, marked `lang="en"`, until then."""

import django.db.models.deletion
import taggit.managers
from django.db import migrations, models


def copy_taggit_keywords(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    Keyword = apps.get_model("projects", "Keyword")
    TaggedKeyword = apps.get_model("projects", "TaggedKeyword")
    project_type = ContentType.objects.filter(app_label="projects", model="project").first()
    if project_type is None:
        return
    links = TaggedItem.objects.filter(content_type=project_type)
    keywords = {}
    for tag_id, name, slug in links.values_list("tag_id", "tag__name", "tag__slug").distinct():
        keywords[tag_id] = Keyword.objects.create(name=name, name_en=name, slug=slug)
    TaggedKeyword.objects.bulk_create(
        [
            TaggedKeyword(content_object_id=project_id, tag=keywords[tag_id])
            for project_id, tag_id in links.values_list("object_id", "tag_id").distinct()
        ],
        batch_size=5000,
    )
    # The old links go: taggit's tags stay for whatever else may use them.
    links.delete()


def copy_keywords_back(apps, schema_editor):
    """Back to taggit's tags, with the English names (the French ones have nowhere to go)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Tag = apps.get_model("taggit", "Tag")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    TaggedKeyword = apps.get_model("projects", "TaggedKeyword")
    project_type, _created = ContentType.objects.get_or_create(
        app_label="projects", model="project"
    )
    tags = {}
    for link in TaggedKeyword.objects.select_related("tag"):
        keyword = link.tag
        if keyword.pk not in tags:
            tags[keyword.pk], _created = Tag.objects.get_or_create(
                slug=keyword.slug, defaults={"name": keyword.name_en or keyword.name}
            )
        TaggedItem.objects.get_or_create(
            content_type=project_type, object_id=link.content_object_id, tag=tags[keyword.pk]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_published_dates_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Keyword",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                (
                    "name_fr",
                    models.CharField(max_length=100, null=True, unique=True, verbose_name="name"),
                ),
                (
                    "name_en",
                    models.CharField(max_length=100, null=True, unique=True, verbose_name="name"),
                ),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True, max_length=100, unique=True, verbose_name="slug"
                    ),
                ),
            ],
            options={
                "verbose_name": "keyword",
                "verbose_name_plural": "keywords",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="TaggedKeyword",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="keyword_links",
                        to="projects.project",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="project_links",
                        to="projects.keyword",
                    ),
                ),
            ],
            options={
                "verbose_name": "project keyword",
                "verbose_name_plural": "project keywords",
            },
        ),
        migrations.AlterField(
            model_name="project",
            name="keywords",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="projects.TaggedKeyword",
                to="projects.Keyword",
                verbose_name="keywords",
            ),
        ),
        migrations.AddIndex(
            model_name="taggedkeyword",
            index=models.Index(
                fields=["tag", "content_object"], name="projects_keyword_projects_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="taggedkeyword",
            constraint=models.UniqueConstraint(
                fields=("content_object", "tag"), name="projects_keyword_once_per_project"
            ),
        ),
        migrations.RunPython(copy_taggit_keywords, copy_keywords_back),
    ]
