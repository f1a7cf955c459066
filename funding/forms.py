from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import ApplicantLevel, FundingScheme

#: The questions whose options are vocabularies, read from the list's filter form.
VOCABULARIES = ("level", "country", "discipline", "affiliation")

#: The levels as they read after "I am": "I am a master's student".
LEVEL_PHRASES = {
    ApplicantLevel.Code.BACHELOR: _("a bachelor's student"),
    ApplicantLevel.Code.MASTER: _("a master's student"),
    ApplicantLevel.Code.DOCTORAL: _("a doctoral researcher"),
    ApplicantLevel.Code.POSTDOCTORAL: _("a postdoctoral researcher"),
    ApplicantLevel.Code.ACADEMIC_STAFF: _("a member of the academic staff"),
    ApplicantLevel.Code.ADMINISTRATIVE_STAFF: _("a member of the administrative staff"),
}


class EligibilityForm(forms.Form):
    """ "Am I eligible?": one sentence that fills the list's eligibility filters.

    "I am [level] from [nationality] working in [discipline] at [affiliation] applying as
    [a person or an organisation]". Submitted by GET to the list itself, so it works without
    JavaScript and the answer has an address to share. Shown unbound, with the current
    filters as initial values, so that a value the list did not understand is simply not
    selected here. Its options are those of the list's filter form, read once for both.
    """

    level = forms.ChoiceField(label=_("I am"), required=False)
    country = forms.ChoiceField(label=_("from"), required=False)
    discipline = forms.ChoiceField(label=_("working in"), required=False)
    affiliation = forms.ChoiceField(
        label=pgettext_lazy("eligibility form: working at an institution", "at"), required=False
    )
    applying_as = forms.ChoiceField(
        label=_("applying as"),
        required=False,
        choices=[
            ("", _("an individual or an organisation")),
            (FundingScheme.ApplicantType.PERSON, _("an individual")),
            (FundingScheme.ApplicantType.ORGANISATION, _("an organisation")),
        ],
    )
    # Ticked, it sends status=open: the list's own parameter.
    status = forms.BooleanField(
        label=_("only calls open now"),
        required=False,
        widget=forms.CheckboxInput(attrs={"value": "open"}),
    )

    #: Read after the label by assistive technology (includes/form_field.html): what the
    #: sentence's short words mean.
    LABEL_HINTS = {
        "country": _("(my nationality)"),
        "affiliation": _("(where I work or study)"),
    }

    def __init__(self, *args, filter_form, **kwargs):
        kwargs.setdefault("auto_id", "eligibility-%s")
        super().__init__(*args, **kwargs)
        for name, hint in self.LABEL_HINTS.items():
            self.fields[name].label_hint = hint
        options = {name: filter_form.fields[name].options for name in VOCABULARIES}
        self.fields["level"].choices = [("", _("anyone (any level)"))] + [
            (level.code, LEVEL_PHRASES.get(level.code, str(level))) for level in options["level"]
        ]
        self.fields["country"].choices = [("", _("any country"))] + [
            (country.code, country.name) for country in options["country"]
        ]
        self.fields["discipline"].choices = [("", _("any discipline"))] + [
            (discipline.slug, discipline.name) for discipline in options["discipline"]
        ]
        self.fields["affiliation"].choices = [("", _("any institution"))] + [
            (affiliation.code, affiliation.phrase) for affiliation in options["affiliation"]
        ]

    @classmethod
    def from_query(cls, query, filter_form):
        """The form showing the list's current filters; a value not understood shows as empty.

        ``filter_form`` is the list's filter form, whose options it offers.
        """
        form = cls(filter_form=filter_form)
        for name in [*VOCABULARIES, "applying_as"]:
            value = query.get(name, "").strip()
            if name == "country":
                value = value.upper()
            if value in {choice for choice, _label in form.fields[name].choices}:
                form.initial[name] = value
        form.initial["status"] = query.getlist("status") == ["open"]
        return form
