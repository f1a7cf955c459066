from django import forms
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country, Discipline

from .models import ApplicantLevel

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
    """ "Am I eligible?": one sentence that fills the list's level, country and discipline.

    Submitted by GET to the list itself, so it works without JavaScript and the answer has an
    address to share. Shown unbound, with the current filters as initial values, so that a
    value the list did not understand is simply not selected here.
    """

    level = forms.ChoiceField(label=_("I am"), required=False)
    country = forms.ChoiceField(label=_("from"), required=False)
    discipline = forms.ChoiceField(label=_("working in"), required=False)
    # Ticked, it sends status=open: the list's own parameter.
    status = forms.BooleanField(
        label=_("only calls open now"),
        required=False,
        widget=forms.CheckboxInput(attrs={"value": "open"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "eligibility-%s")
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", _("anyone (any level)"))] + [
            (level.code, LEVEL_PHRASES.get(level.code, str(level)))
            for level in ApplicantLevel.objects.all()
        ]
        self.fields["country"].choices = [("", _("any country"))] + [
            (country.code, country.name) for country in Country.objects.all()
        ]
        self.fields["discipline"].choices = [("", _("any discipline"))] + [
            (discipline.slug, discipline.name) for discipline in Discipline.objects.all()
        ]

    @classmethod
    def from_query(cls, query):
        """The form showing the list's current filters; a value not understood shows as empty."""
        form = cls()
        for name, value in [
            ("level", query.get("level", "")),
            ("country", query.get("country", "").strip().upper()),
            ("discipline", query.get("discipline", "")),
        ]:
            if value in {choice for choice, _label in form.fields[name].choices}:
                form.initial[name] = value
        form.initial["status"] = query.getlist("status") == ["open"]
        return form
