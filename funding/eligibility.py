"""Who asked: the answers a visitor gave to the eligibility questions, and why a scheme fits them.

The list's filters (``FundingSchemeFilter``) and the "Am I eligible?" form ask the same
questions: level, nationality, discipline, where one works or studies (affiliation), and whether
one applies as a person or for an organisation. Each result card then says, in words, why the
scheme fits what was asked, one sentence per question answered.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Affiliation, ApplicantLevel, FundingScheme

#: The list's parameters that are eligibility questions.
QUESTIONS = ("level", "country", "discipline", "affiliation", "applying_as")


def human_list(items, conjunction: str = "and") -> str:
    """["a", "b", "c"] as "a, b and c" (or "a, b or c")."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    joined = ", ".join(items[:-1])
    if conjunction == "or":
        return _("%(items)s or %(last)s") % {"items": joined, "last": items[-1]}
    return _("%(items)s and %(last)s") % {"items": joined, "last": items[-1]}


@dataclass(frozen=True)
class Applicant:
    """The eligibility questions a visitor answered (with values the filters understood)."""

    levels: tuple[ApplicantLevel, ...] = ()
    country: object = None  # taxonomy.Country
    disciplines: tuple = ()  # taxonomy.Discipline
    affiliations: tuple[Affiliation, ...] = ()
    applying_as: str = ""

    @classmethod
    def from_filters(cls, cleaned_data: dict) -> "Applicant | None":
        """The applicant described by the list's valid filter values; None if no eligibility
        question was answered."""
        applicant = cls(
            levels=tuple(cleaned_data.get("level") or ()),
            country=cleaned_data.get("country") or None,
            disciplines=tuple(cleaned_data.get("discipline") or ()),
            affiliations=tuple(cleaned_data.get("affiliation") or ()),
            applying_as=cleaned_data.get("applying_as") or "",
        )
        return applicant if applicant.asked_anything else None

    @property
    def asked_anything(self) -> bool:
        return bool(
            self.levels or self.country or self.disciplines or self.affiliations or self.applying_as
        )

    def lookups_for_reasons(self) -> list[str]:
        """What ``reasons`` reads from each scheme, to prefetch for a whole page at once
        (the levels are always prefetched for the cards)."""
        lookups = []
        if self.country:
            lookups.append("eligible_nationalities")
        if self.disciplines:
            lookups.append("disciplines")
        if self.affiliations:
            lookups.append("eligible_affiliations")
        return lookups

    def reasons(self, scheme: FundingScheme) -> list[str]:
        """Why ``scheme`` fits this applicant: one sentence per question answered.

        Reads the scheme's prefetched relations (``lookups_for_reasons``); a condition the
        scheme does not meet gives no sentence rather than a wrong one.
        """
        sentences = [
            self._level_reason(scheme),
            self._nationality_reason(scheme),
            self._discipline_reason(scheme),
            self._affiliation_reason(scheme),
            self._applicant_type_reason(scheme),
        ]
        return [sentence for sentence in sentences if sentence]

    def _level_reason(self, scheme) -> str:
        if not self.levels:
            return ""
        listed = list(scheme.applicant_levels.all())
        if not listed:
            return _("Open to applicants at every level.")
        asked = {level.code for level in self.levels}
        matching = [level.plural_label for level in listed if level.code in asked]
        if not matching:
            return ""
        return _("Open to %(levels)s.") % {"levels": human_list(matching)}

    def _nationality_reason(self, scheme) -> str:
        if not self.country:
            return ""
        if scheme.open_to_all_nationalities:
            return _("Any nationality.")
        if self.country.pk not in {country.pk for country in scheme.eligible_nationalities.all()}:
            return ""
        return _("Open to nationals of %(country)s.") % {"country": self.country.name}

    def _discipline_reason(self, scheme) -> str:
        if not self.disciplines:
            return ""
        listed = list(scheme.disciplines.all())
        if not listed:
            return _("Every discipline.")
        asked = {discipline.pk for discipline in self.disciplines}
        matching = [discipline.name.lower() for discipline in listed if discipline.pk in asked]
        if not matching:
            return ""
        return _("Open to work in %(disciplines)s.") % {"disciplines": human_list(matching, "or")}

    def _affiliation_reason(self, scheme) -> str:
        if not self.affiliations:
            return ""
        listed = list(scheme.eligible_affiliations.all())
        if not listed:
            return _("Open to applicants from any institution.")
        asked = {affiliation.code for affiliation in self.affiliations}
        matching = [affiliation.phrase for affiliation in listed if affiliation.code in asked]
        if not matching:
            return ""
        return _("Open to applicants attached to %(affiliations)s.") % {
            "affiliations": human_list(matching, "or")
        }

    def _applicant_type_reason(self, scheme) -> str:
        if not self.applying_as:
            return ""
        if scheme.applicant_type not in (self.applying_as, FundingScheme.ApplicantType.EITHER):
            return ""
        if self.applying_as == FundingScheme.ApplicantType.ORGANISATION:
            return _("Organisations may apply.")
        return _("Individuals may apply.")
