from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, Person


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "tagline", "description")


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("role",)
