from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from loyalty import queries

# Stripe's test payment methods, offered by the join form in test mode (STRIPE_TEST_MODE) where
# Stripe.js cannot run (no internet, localstripe). In production Stripe.js Elements fills
# payment_method with the id of the card the customer entered.
TEST_PAYMENT_METHODS = [
    ("pm_card_visa", _("Test card: Visa, payment succeeds")),
    ("pm_card_chargeCustomerFail", _("Test card: payment is declined")),
]


class JoinForm(forms.Form):
    plan = forms.ModelChoiceField(
        queryset=queries.plans_on_offer(), to_field_name="code", label=_("Plan"), empty_label=None
    )
    payment_method = forms.CharField(
        label=_("Card"),
        max_length=255,
        validators=[RegexValidator(r"^pm_[A-Za-z0-9_]+$", _("Choose a card to pay with."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.STRIPE_TEST_MODE:
            self.fields["payment_method"] = forms.ChoiceField(
                label=_("Card"), choices=TEST_PAYMENT_METHODS, widget=forms.RadioSelect, initial="pm_card_visa"
            )
        else:
            self.fields["payment_method"].widget = forms.HiddenInput()


class ConvertPointsForm(forms.Form):
    points = forms.IntegerField(
        label=_("Points to convert"),
        min_value=settings.LOYALTY_MIN_CONVERSION_POINTS,
        step_size=settings.LOYALTY_POINTS_PER_VOUCHER_EURO,
        max_value=10_000_000,
    )
