"""The shared vocabularies as spreadsheets' cells name them: countries by ISO code (`CD; BJ`),
Sustainable Development Goals by number (`3; 5`), disciplines by slug or name. Every app's
resource (cooperation_portal.spreadsheets) reads its columns of them with these widgets, so
that a cell means the same, and an unknown one is said the same, in every file.
"""

import re

from django.utils.translation import gettext

from cooperation_portal.spreadsheets import ReferenceListWidget, ReferenceWidget, SlugOrNameWidget

from .models import SDG, Country, Discipline


class CountryKeys:
    """A country by its ISO code (`CD`, `cd`)."""

    def keys_of(self, country):
        return [country.code]

    def key_of(self, country):
        return country.code

    def unknown(self, key):
        return gettext("no country with code `%(code)s`") % {"code": key}


class CountryWidget(CountryKeys, ReferenceWidget):
    """One country (`CD`), or none for a blank cell."""

    def __init__(self, model=Country, queryset=None):
        super().__init__(model, queryset)


class CountriesWidget(CountryKeys, ReferenceListWidget):
    """Countries (`CD; BJ`)."""

    def __init__(self, model=Country, queryset=None):
        super().__init__(model, queryset)


class SDGsWidget(ReferenceListWidget):
    """Goals by number: `3; 5`, also `3.0` (a number cell), `SDG 3` or `ODD 3`."""

    def __init__(self, model=SDG, queryset=None):
        super().__init__(model, queryset)

    def keys_of(self, sdg):
        return [str(sdg.number)]

    def key_of(self, sdg):
        return str(sdg.number)

    def find(self, key):
        number = re.sub(r"^(sdg|odd)\s*", "", key.strip(), flags=re.IGNORECASE)
        number = number[:-2] if number.endswith(".0") else number
        return super().find(number) if number else super().find(key)

    def render(self, value, obj=None, **kwargs):
        numbers = sorted(sdg.number for sdg in self.items(value))
        return "; ".join(str(number) for number in numbers)

    def unknown(self, key):
        return gettext("no Sustainable Development Goal number `%(number)s` (1 to 17)") % {
            "number": key
        }


class DisciplinesWidget(SlugOrNameWidget):
    """Disciplines by slug or name in either language (`public-health; Agronomie`)."""

    def __init__(self, model=Discipline, queryset=None):
        super().__init__(model, queryset)

    def unknown(self, key):
        return gettext("no discipline with slug or name `%(key)s`") % {"key": key}
