from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of our emails"), choices=settings.LANGUAGES)
    marketing_email = forms.BooleanField(
        label=_("Send me offers and a reminder when I leave products in my cart"), required=False
    )
