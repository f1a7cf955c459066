"""The history of an object as an officer reads it: for each version (django-reversion), who
saved it, when, why, and every field that changed — before and after, each language on its own
line, the links its history follows (partners, countries, SDGs...) as lists.

Foundation layer: imports no app of ours; it reads the models through their metadata.
"""

from dataclasses import dataclass, field

import reversion
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Version

#: Versions shown on a history page, newest first.
VERSIONS_SHOWN = 50

#: Kept by the system, not written by anyone: never listed as a change.
UNLISTED = {"updated_at", "created_at"}

EMPTY = "—"


def register(model, follow=(), **options) -> None:
    """Keep `model`'s history (django-reversion), with the rows of its `follow` relations.

    Called from the apps' `ready()`, once modeltranslation has added the fields of each
    language: a version holds `title_fr` and `title_en`, never the untranslated `title`
    (a mirror of one language, which on a restore would overwrite the page language's
    field). Registering again replaces what the admin registered by itself."""
    try:
        untranslated = list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        untranslated = []
    # Derived columns (search documents) are rebuilt on save, never restored.
    derived = [
        f.name for f in model._meta.local_fields if not f.editable and (f.null or f.has_default())
    ]
    if reversion.is_registered(model):
        reversion.unregister(model)
    reversion.register(model, follow=tuple(follow), exclude=[*untranslated, *derived], **options)


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class VersionChanges:
    version: Version
    changes: list[Change] = field(default_factory=list)

    @property
    def revision(self):
        return self.version.revision


def versions_with_changes(obj) -> list[VersionChanges]:
    """The object's latest versions, newest first, each with what it changed from the one
    before it (the first version: every value it was created with)."""
    versions = list(
        Version.objects.get_for_object(obj)
        .select_related("revision", "revision__user")
        .prefetch_related("revision__version_set")[: VERSIONS_SHOWN + 1]
    )
    names = Names()
    names.read([other for version in versions for other in version.revision.version_set.all()])
    described = [describe(version, names) for version in versions]
    shown = []
    for index, version in enumerate(versions[:VERSIONS_SHOWN]):
        after = described[index]
        before = described[index + 1] if index + 1 < len(described) else {}
        changes = [
            Change(label, before.get(label, EMPTY), value)
            for label, value in after.items()
            if before.get(label, EMPTY) != value
        ]
        changes += [
            Change(label, value, EMPTY)
            for label, value in before.items()
            if label not in after and value != EMPTY
        ]
        shown.append(VersionChanges(version, changes))
    return shown


def describe(version: Version, names: "Names") -> dict[str, str]:
    """{field label: value as text} for a version: its own fields, then one entry per kind
    of link saved with it (the rows of the same revision that point to it)."""
    model = version._model
    data = version.field_dict
    values = {}
    for model_field in model._meta.concrete_fields + model._meta.many_to_many:
        # reversion keys a version's values by column (`contact_id`), m2m by name.
        if not shown(model_field) or model_field.attname not in data:
            continue
        values[label_of(model_field)] = names.text(model_field, data[model_field.attname])
    links: dict[str, list[str]] = {}
    for other in version.revision.version_set.all():
        if other.pk == version.pk:
            continue
        label, text = link_of(other, model, version.object_id, names)
        if label:
            links.setdefault(label, []).append(text)
    for label, texts in links.items():
        values[label] = "; ".join(sorted(texts))
    return values


def shown(model_field) -> bool:
    return (
        model_field.editable
        and not model_field.auto_created
        and model_field.name not in UNLISTED
        # A many-to-many of another kind (django-taggit's keywords) is shown by its link rows.
        and (not model_field.many_to_many or isinstance(model_field, models.ManyToManyField))
    )


def label_of(model_field) -> str:
    return capfirst(str(model_field.verbose_name))


def link_of(other: Version, model, object_id: str, names: "Names") -> tuple[str, str]:
    """A row saved with the object that points to it (a participation, a country link...):
    its kind's plural name and what it says besides that pointer ("Ucoopia · Co-lead")."""
    link_model = other._model
    data = other.field_dict
    pointer = next(
        (
            f
            for f in link_model._meta.concrete_fields
            if f.is_relation
            and f.related_model is model
            and str(data.get(f.attname)) == str(object_id)
        ),
        None,
    )
    if pointer is None:
        return "", ""
    parts = [
        names.text(f, data[f.attname])
        for f in link_model._meta.concrete_fields
        if f is not pointer and shown(f) and data.get(f.attname) not in (None, "")
    ]
    return capfirst(str(link_model._meta.verbose_name_plural)), " · ".join(parts)


class Names:
    """Values as text, the related rows named being read together beforehand (`read`): a
    history page names the same countries and organisations in many versions."""

    def __init__(self):
        self.rows: dict[tuple[type, object], str] = {}

    def read(self, versions) -> None:
        """Read, one query per kind, every row the fields of `versions` point to."""
        wanted: dict[type, set] = {}
        for version in versions:
            data = version.field_dict
            for f in version._model._meta.concrete_fields + version._model._meta.many_to_many:
                value = data.get(f.attname)
                if not (f.is_relation and shown(f) and value):
                    continue
                wanted.setdefault(f.related_model, set()).update(
                    value if f.many_to_many else [value]
                )
        for model, pks in wanted.items():
            found = model._default_manager.in_bulk(pks)
            for pk in pks:
                row = found.get(pk)
                self.rows[(model, pk)] = str(row) if row is not None else gettext("(deleted)")

    def text(self, model_field, value) -> str:
        if value is None or value == "" or value == []:
            return EMPTY
        if model_field.many_to_many:
            return "; ".join(sorted(self.name(model_field.related_model, pk) for pk in value))
        if model_field.is_relation:
            return self.name(model_field.related_model, value)
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.BooleanField):
            return gettext("yes") if value else gettext("no")
        if isinstance(model_field, models.DateTimeField):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(model_field, models.DateField):
            return formats.date_format(value, "DATE_FORMAT")
        return str(value)

    def name(self, model, pk) -> str:
        key = (model, pk)
        if key not in self.rows:
            row = model._default_manager.filter(pk=pk).first()
            self.rows[key] = str(row) if row is not None else gettext("(deleted)")
        return self.rows[key]
