from modeltranslation.translator import TranslationOptions, register

from .models import Event, Session


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "venue")


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "description", "speakers")
