from modeltranslation.translator import TranslationOptions, register

from .models import OfficePage


@register(OfficePage)
class OfficePageTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
