from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from shop.checkout import payments


class GuestForm(forms.Form):
    """The checkout's first step for a shopper who is not signed in: the email address the
    confirmation goes to. Customers sign in through the shop's one sign-in (with its rate limits)
    instead of a password field here, and any address may check out as a guest, so this step
    never tells whether an address has an account."""

    username = forms.EmailField(label=_("Your email address"), max_length=254)

    def is_guest_checkout(self):
        return True

    def is_new_account_checkout(self):
        return False


class PayForm(forms.Form):
    """The card, and what the shopper saw when they pressed Pay (the cart's version and the
    total), so that a cart or total that changed meanwhile is refused before anything is charged.

    In production Stripe.js Elements fills ``payment_method`` with the PaymentMethod of the card
    the shopper typed; in test mode (STRIPE_TEST_MODE, where Stripe.js is localstripe's stand-in)
    the shopper picks one of Stripe's test cards."""

    payment_method = forms.CharField(max_length=255, widget=forms.HiddenInput)
    cart_version = forms.IntegerField(min_value=0, max_value=2**31, widget=forms.HiddenInput)
    total = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.STRIPE_TEST_MODE:
            self.fields["payment_method"] = forms.ChoiceField(
                label=_("Card"),
                choices=payments.TEST_CARDS,
                widget=forms.RadioSelect,
                initial=payments.TEST_CARDS[0][0],
            )
