from modeltranslation.translator import TranslationOptions, register

from .models import Keyword, Project


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Keyword)
class KeywordTranslationOptions(TranslationOptions):
    fields = ("name",)
