from django import forms
from django.utils.translation import gettext_lazy as _


class TrackOrderForm(forms.Form):
    number = forms.CharField(label=_("Order number"), max_length=128)
    email = forms.EmailField(label=_("Email address used for the order"), max_length=254)
