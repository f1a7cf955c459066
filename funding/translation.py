from modeltranslation.translator import TranslationOptions, register

from .models import Call, FundingScheme


@register(FundingScheme)
class FundingSchemeTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description", "duration", "no_call_note")


@register(Call)
class CallTranslationOptions(TranslationOptions):
    fields = ("title",)
