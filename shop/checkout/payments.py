"""Every call the checkout makes to Stripe (PaymentIntents), through the project's one client.

A PaymentIntent is created by the server for the exact total; ``capture_method`` is "manual" for
click-and-collect (the card is only authorised; the store captures at the handover) and
"automatic" otherwise. Calls that move money carry an idempotency key derived from the payment,
so that a retried request is the same request to Stripe. The project also never makes such a
call twice on purpose: the checkout's row is locked around them and their outcome is recorded.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from shop.stripe_client import APIConnectionError, CardError, StripeError, cents, client, euros  # noqa: F401


@dataclass(frozen=True)
class Intent:
    """What the checkout needs to know of a PaymentIntent, read from the API or from a verified
    webhook's payload alike."""

    id: str
    status: str
    amount: object  # Decimal, in the currency's units
    currency: str
    client_secret: str = ""
    error: str = ""  # Stripe's message of the last failure (English), for the records
    error_code: str = ""  # its code ("card_declined", "payment_intent_authentication_failure", ...)

    @classmethod
    def from_stripe(cls, intent):
        intent = intent.to_dict()
        error = intent.get("last_payment_error") or {}
        error = error if isinstance(error, dict) else {}
        return cls(
            id=intent["id"],
            status=intent["status"],
            amount=euros(intent["amount"]),
            currency=intent["currency"].upper(),
            client_secret=intent.get("client_secret") or "",
            error=error.get("message") or "",
            error_code=error.get("decline_code") or error.get("code") or "",
        )

    @property
    def is_authorised(self):
        return self.status in ("succeeded", "requires_capture")


def create(amount, currency, capture_method, checkout_id, idempotency_key):
    intent = client().v1.payment_intents.create(
        params={
            "amount": cents(amount),
            "currency": currency.lower(),
            "payment_method_types": ["card"],
            "capture_method": capture_method,
            "metadata": {"checkout": str(checkout_id), "shop": settings.OSCAR_SHOP_NAME},
        },
        options={"idempotency_key": idempotency_key},
    )
    return Intent.from_stripe(intent)


def retrieve(intent_id):
    return Intent.from_stripe(client().v1.payment_intents.retrieve(intent_id))


def confirm(intent_id, payment_method, idempotency_key):
    """Confirm with the card's PaymentMethod. Answers the intent (``requires_action`` when the
    bank asks for 3-D Secure); a declined card raises CardError."""
    stripe_client = client()
    # Stripe's confirm takes the payment method itself; localstripe only takes it by an update
    # first. Both accept update-then-confirm, so the project does that everywhere.
    stripe_client.v1.payment_intents.update(intent_id, params={"payment_method": payment_method})
    intent = stripe_client.v1.payment_intents.confirm(intent_id, options={"idempotency_key": idempotency_key})
    return Intent.from_stripe(intent)


def cancel(intent_id, idempotency_key):
    """Release an uncaptured payment (nothing is charged)."""
    return Intent.from_stripe(
        client().v1.payment_intents.cancel(intent_id, options={"idempotency_key": idempotency_key})
    )


def capture(intent_id, amount, idempotency_key):
    """Take an authorised payment (click-and-collect, at the handover)."""
    intent = client().v1.payment_intents.capture(
        intent_id, params={"amount_to_capture": cents(amount)}, options={"idempotency_key": idempotency_key}
    )
    return Intent.from_stripe(intent)


def refund(intent_id, amount, idempotency_key):
    """Give back ``amount`` of a captured payment; answers the refund's id. A refund already made
    under this key (recorded in its metadata) is answered instead of a second one: the key alone
    protects only the same request within Stripe's retention of keys."""
    stripe_client = client()
    made = stripe_client.v1.refunds.list(params={"payment_intent": intent_id, "limit": 100})
    for existing in made.data:
        if (existing.to_dict().get("metadata") or {}).get("key") == idempotency_key:
            return existing.id
    created = stripe_client.v1.refunds.create(
        params={"payment_intent": intent_id, "amount": cents(amount), "metadata": {"key": idempotency_key}},
        options={"idempotency_key": idempotency_key},
    )
    return created.id


# Stripe's test cards, offered by the payment page in test mode (STRIPE_TEST_MODE) instead of
# Stripe.js Elements. localstripe knows the 3-D Secure card only by its number, so in test mode
# the server makes its PaymentMethod from Stripe's documented test number.
THREE_D_SECURE_TEST_CARD = "pm_card_authenticationRequired"  # Stripe's own name for the card
TEST_CARDS = [
    ("pm_card_visa", _("Visa ending 4242: the payment goes through")),
    ("pm_card_chargeCustomerFail", _("Visa ending 0341: the card is declined")),
    (THREE_D_SECURE_TEST_CARD, _("Visa ending 3155: the bank asks for 3-D Secure")),
]


def test_payment_method(choice):
    """The PaymentMethod id of a test card chosen on the payment page."""
    if choice != THREE_D_SECURE_TEST_CARD:
        return choice
    card = {"number": "4000002500003155", "exp_month": 12, "exp_year": 2034, "cvc": "123"}
    return client().v1.payment_methods.create(params={"type": "card", "card": card}).id
