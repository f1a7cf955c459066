from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LISTS_WITH_DEADLINES, Subscription


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a link to this address: nothing is sent before you confirm."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, list_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        if list_name not in LISTS_WITH_DEADLINES:
            # Projects have no deadlines to be reminded of.
            self.fields["frequency"].choices = [
                choice
                for choice in Subscription.Frequency.choices
                if choice[0] != Subscription.Frequency.DEADLINES
            ]


class ManageForm(forms.Form):
    """One change to the subscriptions of an address: a frequency, a deletion, or all gone."""

    action = forms.ChoiceField(
        choices=[("frequency", "frequency"), ("delete", "delete"), ("delete_all", "delete all")]
    )
    subscription = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    frequency = forms.ChoiceField(choices=Subscription.Frequency.choices, required=False)

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action in ("frequency", "delete") and not data.get("subscription"):
            raise forms.ValidationError(_("Choose an alert."))
        if action == "frequency" and not data.get("frequency"):
            raise forms.ValidationError(_("Choose how often."))
        return data
