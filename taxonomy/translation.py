from modeltranslation.translator import TranslationOptions, register

from .models import SDG, Country, Discipline


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(SDG)
class SDGTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Discipline)
class DisciplineTranslationOptions(TranslationOptions):
    fields = ("name",)
