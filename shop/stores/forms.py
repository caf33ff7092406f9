from django import forms
from django.utils.translation import gettext_lazy as _

STANDING_DURATIONS = [(30, _("30 days")), (90, _("3 months")), (365, _("1 year"))]


class StandingConsentForm(forms.Form):
    """Opting in to the standing in-store consent."""

    phone = forms.CharField(label=_("Phone number staff may find you by (optional)"), required=False, max_length=32)
    days = forms.TypedChoiceField(label=_("For how long"), choices=STANDING_DURATIONS, coerce=int, initial=365)
    agree = forms.BooleanField(
        label=_("Store staff may find me by my email address or this phone number and open my cart without a code.")
    )


class ConsentCodeForm(forms.Form):
    code = forms.CharField(label=_("Code the customer shows"), max_length=16)


class CodeForm(forms.Form):
    """A code an associate types: a customer's pickup code, or a return's code."""

    code = forms.CharField(label=_("Code"), max_length=16)


class FindCustomerForm(forms.Form):
    email_or_phone = forms.CharField(label=_("Customer's email or phone number"), max_length=254)


class RevokeForm(forms.Form):
    consent = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TabletAddForm(forms.Form):
    product = forms.IntegerField(min_value=1)
    quantity = forms.IntegerField(min_value=1, max_value=99, initial=1)


class TabletQuantityForm(forms.Form):
    quantity = forms.IntegerField(min_value=0, max_value=99)


class AisleSendForm(forms.Form):
    email = forms.EmailField(label=_("Customer's email address"))
