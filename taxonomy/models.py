"""The shared vocabularies: countries, Sustainable Development Goals and disciplines.

This app imports no other app of ours. Where a term's page is (`get_absolute_url`) is told by
the top layer, which serves those pages (`pages.addresses`).
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation_portal.collation import Collated
from cooperation_portal.publication import ExampleContent


class Country(ExampleContent):
    class Region(models.TextChoices):
        AFRICA = "africa", _("Africa")
        LATIN_AMERICA = "latin-america", _("Latin America")
        ASIA = "asia", _("Asia")
        EUROPE = "europe", _("Europe")

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters (ISO 3166-1 alpha-2)."))],
        help_text=_("ISO 3166-1 alpha-2, e.g. CD for DR Congo."),
    )
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, db_index=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = [Collated("name")]

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        """The code as used in URLs: lower case, unique like the code."""
        return self.code.lower()


class SDG(models.Model):
    """One of the 17 United Nations Sustainable Development Goals."""

    class TextColour(models.TextChoices):
        BLACK = "#000000", _("Black")
        WHITE = "#FFFFFF", _("White")

    number = models.PositiveSmallIntegerField(
        _("number"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(17)],
    )
    title = models.CharField(_("title"), max_length=100)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("A colour such as #4C9F38."))],
        help_text=_("The goal's official colour."),
    )
    text_colour = models.CharField(
        _("text colour"),
        max_length=7,
        choices=TextColour.choices,
        default=TextColour.BLACK,
        help_text=_("The text colour with the better contrast on the goal's colour (WCAG AA)."),
    )

    class Meta:
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17),
                name="taxonomy_sdg_number_1_to_17",
            ),
        ]

    def __str__(self) -> str:
        return _("SDG %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    @property
    def slug(self) -> str:
        return str(self.number)


class Discipline(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = [Collated("name")]

    def __str__(self) -> str:
        return self.name
