"""The one checkout service: the only way an order is placed. The web checkout (shop.checkout.views),
the API (shop.checkout.api), Stripe's webhooks (shop.checkout.webhooks) and the Celery tasks all
call these functions, in this order for a shopper:

1. ``checkout_of(basket)``: the cart's checkout (created on first use); ``set_email`` for a guest.
2. ``choose_delivery``: home delivery in a slot, click-and-collect at a store that has every line,
   or a pickup point; refused with the reason when the choice cannot serve the cart.
3. ``set_address``: the delivery address, or who collects (name, phone).
4. ``start_payment``: checks the cart is what the shopper saw, reserves the stock at the chosen
   location (and the slot's place) until ``SHOP_RESERVATION_MINUTES`` from now, freezes the cart
   and creates a Stripe PaymentIntent for the exact total ("manual" capture for click-and-collect).
5. ``confirm_payment``: confirms the PaymentIntent with the card; a declined card opens the cart
   again; 3-D Secure answers the client secret for the browser's or app's Stripe.js.
6. ``place_order``: when the payment is authorised (from the browser, the app or a webhook),
   allocates the stock under row locks and writes the order with
   Oscar's OrderCreator. It is idempotent: the same checkout never makes two orders, and a
   payment that cannot become an order (the cart changed, the stock or slot went meanwhile) is
   given back by a task, with the reason recorded and the customer told.

Locks are always taken in the same order, so that concurrent checkouts never deadlock: the
checkout row, the cart row, the stock records by id, the delivery slot.
"""

import datetime
import logging
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from oscar.core.loading import get_class, get_model
from phonenumber_field.formfields import PhoneNumberField

from shop.basket import services as cart
from shop.basket.models import Basket
from shop.checkout import delivery, payments, stock
from shop.checkout.models import HOLD_GRACE, Checkout, Method, Payment
from shop.outbox.services import enqueue
from shop.shipping import queries as shipping_queries
from shop.shipping import schedule
from shop.shipping.models import DeliverySlot, PickupPoint

OrderCreator = get_class("order.utils", "OrderCreator")
OrderCreationError = get_class("order.exceptions", "UnableToPlaceOrder")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
SourceType = get_model("payment", "SourceType")
Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")
Status = Checkout.Status
logger = logging.getLogger(__name__)
ID = re.compile(r"[0-9]{1,11}")  # ASCII digits only: str.isdigit() also takes "²"
# A PaymentMethod id (Stripe.js makes pm_..., older integrations card_...).
PAYMENT_METHOD = re.compile(r"(?:pm|card)_[A-Za-z0-9_]{1,250}")


# --- Refusals -------------------------------------------------------------------------------------


class CheckoutError(Exception):
    """A step the checkout refuses, with a message for the shopper; ``code`` and ``status`` tell
    an API client what kind of refusal it is; ``fields`` has the message of each bad field."""

    status = 400
    code = "invalid"

    def __init__(self, message, fields=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotReady(CheckoutError):
    code = "incomplete"


class NotAllowed(CheckoutError):
    status = 403
    code = "not_allowed"


class AlreadyPlaced(CheckoutError):
    """The checkout has made its order (a second click, a retried request): ``order`` is it."""

    status = 409
    code = "already_placed"

    def __init__(self, order):
        super().__init__(_("This order has been placed already."))
        self.order = order


class CartChanged(CheckoutError):
    status = 409
    code = "cart_changed"


class SoldOut(CheckoutError):
    status = 409
    code = "sold_out"

    def __init__(self, shortages, place=None, field=None):
        message = sold_out_message(shortages, place)
        super().__init__(message, {field: [message]} if field else None)
        self.shortages = shortages


class SlotFull(CheckoutError):
    status = 409
    code = "slot_full"


class PaymentFailed(CheckoutError):
    """The card was declined or its authentication failed: nothing was charged."""

    status = 402
    code = "payment_failed"


class PaymentUnavailable(CheckoutError):
    """Stripe did not answer or refused the request."""

    status = 503
    code = "payment_unavailable"


class PaymentRefused(CheckoutError):
    """The payment went through but could not become an order; it is given back."""

    status = 409
    code = "payment_refunded"


def shortage_text(shortage):
    return _("%(product)s (%(available)s of %(wanted)s in stock)") % {
        "product": shortage.title,
        "available": shortage.available,
        "wanted": shortage.wanted,
    }


def sold_out_message(shortages, place=None):
    items = "; ".join(shortage_text(s) for s in shortages)
    if place is not None:
        return _("%(place)s does not have everything in stock: %(items)s.") % {"place": place, "items": items}
    return ngettext(
        "Sorry, this is no longer in stock for the delivery you chose: %(items)s.",
        "Sorry, these are no longer in stock for the delivery you chose: %(items)s.",
        len(shortages),
    ) % {"items": items}


# --- Reading and finding -------------------------------------------------------------------------


def checkout_of(basket):
    """The cart's checkout, created on first use (for the cart's owner, with the owner's email).
    The cart must have lines."""
    if basket.id is None or basket.is_empty:
        raise NotReady(_("Your cart is empty."))
    owner = basket.owner
    checkout, _created = Checkout.objects.get_or_create(
        basket_id=basket.id, defaults={"user": owner, "email": getattr(owner, "email", "") or ""}
    )
    return checkout


def _locked(checkout):
    """The checkout's row, locked for this transaction, with what it chose."""
    return (
        Checkout.objects.select_for_update(of=("self",))
        .select_related("slot", "store", "pickup_point")
        .get(pk=checkout.pk)
    )


def _locked_basket(checkout, request=None):
    """The checkout's cart, locked and priced for its owner, its lines read once."""
    basket = (
        Basket.objects.select_for_update(of=("self",))
        .select_related("owner")
        .prefetch_related("vouchers")
        .get(pk=checkout.basket_id)
    )
    cart.price_for_owner(basket, request)
    return basket


@dataclass
class Quote:
    """What the order would be: the option and its charge, the total, and when it arrives."""

    method: object  # the Oscar shipping method, with its rules
    shipping: object  # its Price
    charge: delivery.Charge  # the same, with the regular charge and why it is free
    total: object  # Price of goods and delivery
    location: int | None  # the stock location's partner id (None: the online warehouse)
    # Named as on the order, so that pages and emails show a quote and an order alike.
    delivery_slot: DeliverySlot | None = None
    collection_store: object = None  # stores.Store
    pickup_point: PickupPoint | None = None
    delivery_date: datetime.date | None = None
    ready_at: datetime.datetime | None = None
    member_saving: Decimal = Decimal("0.00")  # what membership saves on this order


def member_saving(basket, method=None):
    """What the customer's membership saves on the cart: member prices, and the delivery charge
    when the member rule made it free."""
    saving = Decimal("0.00")
    for line in basket.all_lines():
        price = line.purchase_info.price
        if getattr(price, "member_applied", False):
            saving += price.member_saving * line.quantity
    if method is not None and getattr(method, "for_members", False):
        saving += method.discount(basket)
    return saving


def quote(checkout, basket, now=None):
    """The order the checkout would place now, for a cart priced for its owner."""
    if not checkout.method:
        raise NotReady(_("Choose how you want your order delivered."))
    now = now or timezone.now()
    method = delivery.shipping_method(basket, checkout.method)
    shipping = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, shipping)
    found = Quote(
        method=method,
        shipping=shipping,
        charge=delivery.charge_of(method, basket),
        total=total,
        location=None,
        member_saving=member_saving(basket, method),
    )
    if checkout.method == Method.HOME:
        found.delivery_slot = checkout.slot
        found.delivery_date = checkout.slot.date
    elif checkout.method == Method.COLLECT:
        found.collection_store = checkout.store
        found.location = checkout.store.partner_id
        found.ready_at = schedule.ready_at(checkout.store, now)
    else:
        found.pickup_point = checkout.pickup_point
        found.delivery_date = schedule.pickup_point_date(now)
    return found


# --- Choosing -----------------------------------------------------------------------------------


def _editable(checkout):
    """Lock the checkout for a change of its choices; a payment in progress is cancelled first
    (the shopper went back to change something)."""
    locked = _locked(checkout)
    if locked.order_id:
        raise CartChanged(_("This order has been placed already."))
    if locked.status == Status.PAYING:
        _abandon(locked, reason=gettext_lazy("The shopper changed the checkout."))
    return locked


def set_email(checkout, email):
    """A guest's email address, where the confirmation goes; a customer's is their account's."""
    field = forms.EmailField()
    try:
        email = field.clean(email)
    except ValidationError as error:
        raise CheckoutError(error.messages[0], {"email": error.messages}) from None
    with transaction.atomic():
        locked = _editable(checkout)
        if locked.user_id:
            message = _("Your order confirmation goes to your account's email address.")
            raise NotAllowed(message, {"email": [message]})
        locked.email = email
        locked.save(update_fields=["email", "updated"])
    checkout.email = email
    return locked


def choose_delivery(checkout, method, slot=None, store=None, pickup_point=None, now=None, request=None):
    """Choose how the order is delivered: ``method`` with its slot, store or pickup point (ids or
    objects). Refused (CheckoutError with the field) when the choice does not exist or cannot
    serve the cart now."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _editable(checkout)
        basket = _locked_basket(locked, request)
        lines = basket.all_lines()
        fields = {"slot": None, "store": None, "pickup_point": None}
        if method == Method.HOME:
            fields["slot"] = _bookable_slot(locked, slot, now)
            _require_stock(lines, delivery.location_strategy(basket), checkout=locked)
        elif method == Method.COLLECT:
            stores = {s.pk: s for s in shipping_queries.collection_stores()}
            chosen = stores.get(_pk(store))
            if chosen is None or schedule.ready_at(chosen, now) is None:
                raise CheckoutError(_("Orders cannot be collected from that store."), {"store": [_("Not a choice.")]})
            _require_stock(lines, delivery.location_strategy(basket, chosen.partner_id), chosen.name, "store", locked)
            fields["store"] = chosen
        elif method == Method.PICKUP_POINT:
            fields["pickup_point"] = _instance(
                PickupPoint, pickup_point, "pickup_point", PickupPoint.objects.filter(is_active=True)
            )
            _require_stock(lines, delivery.location_strategy(basket), checkout=locked)
        else:
            raise CheckoutError(_("Choose a delivery option."), {"method": [_("Not a choice.")]})
        locked.method = method
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=["method", "slot", "store", "pickup_point", "updated"])
    return locked


def _pk(value):
    """An object's id, or a posted id (None when it is not a number)."""
    pk = getattr(value, "pk", value)
    if isinstance(pk, int):
        return pk
    return int(pk) if isinstance(pk, str) and ID.fullmatch(pk) else None


def _instance(model, value, field, queryset):
    pk = _pk(value)
    found = queryset.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise CheckoutError(_("Choose one of the options offered."), {field: [_("Not one of the options offered.")]})
    return found


def _bookable_slot(checkout, slot, now):
    chosen = _instance(DeliverySlot, slot, "slot", DeliverySlot.objects.all())
    _require_bookable(chosen, now, checkout)
    return chosen


def _require_bookable(slot, now, checkout):
    """Refuse a slot that starts too soon, that staff closed, or that is full (other checkouts
    paying for it count; ``checkout``'s own hold does not)."""
    if not schedule.is_bookable(slot, now):
        message = (
            _("That delivery slot has been closed. Please choose another.")
            if slot.capacity == 0
            else _("That delivery slot can no longer be booked. Please choose another.")
        )
        raise CheckoutError(message, {"slot": [message]})
    if delivery.slot_choices([slot], now, checkout)[0].is_full:
        message = _("That delivery slot has just filled up. Please choose another.")
        raise SlotFull(message, {"slot": [message]})


def _require_stock(lines, strategy, place=None, field=None, checkout=None):
    shortages = delivery.shortages_at(lines, strategy, delivery.reserved_by_others(lines, checkout))
    if shortages:
        raise SoldOut(shortages, place, field)


class ContactForm(forms.Form):
    """Who collects the order (click-and-collect, pickup point): the store or the locker tells
    them by text message when it is ready."""

    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=255)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=255)
    phone_number = PhoneNumberField(label=gettext_lazy("Mobile phone"), region="FI")


def address_form(checkout, data=None, initial=None):
    """The form of the address step: the delivery address for home delivery (Oscar's), else who
    collects the order."""
    if checkout.method == Method.HOME:
        form_class = get_class("checkout.forms", "ShippingAddressForm")
        return form_class(data=data, initial=initial)
    return ContactForm(data=data, initial=initial)


def set_address(checkout, data):
    """Store the address step's answers for the chosen delivery option; invalid data raises
    CheckoutError with each field's messages and stores nothing."""
    with transaction.atomic():
        locked = _editable(checkout)
        if not locked.method:
            raise NotReady(_("Choose how you want your order delivered first."))
        form = address_form(locked, data=data)
        if not form.is_valid():
            raise _address_refusal(form, {name: list(messages) for name, messages in form.errors.items()})
        problems = _address_limits(locked, form, data)
        if problems:
            raise _address_refusal(form, problems)
        address = {}
        for name, value in form.cleaned_data.items():
            if name == "country":
                address[name] = value.iso_3166_1_a2
            elif value not in (None, ""):
                address[name] = str(value)
        if locked.method == Method.HOME and "country" not in address:
            address["country"] = form.instance.country.iso_3166_1_a2  # the one shipping country
        locked.address = address
        locked.save(update_fields=["address", "updated"])
    return locked


NOTES_MAX_LENGTH = 500


def _address_limits(checkout, form, data):
    """What the address form lets through but the shop cannot take: a country it does not deliver
    to (Oscar's form drops the field when there is one shipping country, and with it what was
    sent), and instructions longer than a driver reads."""
    problems = {}
    sent = str(data.get("country") or "").strip().upper()
    countries = Country.objects.filter(is_shipping_country=True)
    if checkout.method == Method.HOME and sent and not countries.filter(iso_3166_1_a2=sent).exists():
        names = ", ".join(country.printable_name for country in countries)
        problems["country"] = [_("We deliver to these countries only: %(names)s.") % {"names": names}]
    if len(form.cleaned_data.get("notes") or "") > NOTES_MAX_LENGTH:
        problems["notes"] = [_("Keep the instructions to %(count)s characters.") % {"count": NOTES_MAX_LENGTH}]
    return problems


def _address_refusal(form, fields):
    """The refusal of the address step, naming the fields as the form labels them."""
    labels = [str(form.fields[name].label) for name in fields if name in form.fields and form.fields[name].label]
    if labels:
        message = _("Check these: %(fields)s.") % {"fields": ", ".join(labels)}
    else:
        message = next(iter(fields.values()))[0]
    return CheckoutError(message, fields)


# What the address step must have given, by delivery option (Oscar's required address fields for
# home delivery; who collects, and their phone for the store's or the locker's text, otherwise).
REQUIRED_ADDRESS = {
    Method.HOME: ("first_name", "last_name", "line1", "line4", "postcode", "country"),
    Method.COLLECT: ("first_name", "last_name", "phone_number"),
    Method.PICKUP_POINT: ("first_name", "last_name", "phone_number"),
}


def missing_steps(checkout):
    """The steps still to do before paying, by name: email, delivery, address."""
    missing = []
    if not checkout.email:
        missing.append("email")
    if not checkout.method:
        missing.append("delivery")
    if not all(checkout.address.get(name) for name in REQUIRED_ADDRESS.get(checkout.method, ("line1",))):
        missing.append("address")
    return missing


def _require_ready(checkout, basket):
    if basket.is_empty:
        raise NotReady(_("Your cart is empty."))
    missing = missing_steps(checkout)
    if missing:
        messages = {
            "email": _("Give an email address for the confirmation."),
            "delivery": _("Choose how you want your order delivered."),
            "address": _("Give the delivery address.")
            if checkout.method == Method.HOME
            else _("Tell us who collects the order."),
        }
        raise NotReady(messages[missing[0]], {step: [messages[step]] for step in missing})


# --- Paying ---------------------------------------------------------------------------------------


def _locked_slot(slot):
    """Lock the slot's row (its capacity and bookings as they are now)."""
    return DeliverySlot.objects.select_for_update().get(pk=slot.pk)


def _hold_slot(checkout, slot, now):
    """Check, under the slot's lock, that a place is left for this checkout (its own hold aside)."""
    _require_bookable(_locked_slot(slot), now, checkout)


def _require_still_offered(checkout, quoted, now):
    """The delivery chosen earlier may have been withdrawn since: refused with the field to
    choose again."""
    if quoted.delivery_slot is not None:
        _require_bookable(quoted.delivery_slot, now, checkout)
    elif quoted.collection_store is not None:
        store = quoted.collection_store
        if not (store.is_active and store.is_pickup_point) or quoted.ready_at is None:
            message = _("%(store)s no longer takes click-and-collect orders. Please choose again.") % {
                "store": store.name
            }
            raise CheckoutError(message, {"store": [message]})
    elif quoted.pickup_point is not None and not quoted.pickup_point.is_active:
        message = _("That pickup point is no longer in use. Please choose another.")
        raise CheckoutError(message, {"pickup_point": [message]})


def _live_payment(checkout, now):
    """The payment under way for the locked ``checkout`` (paying, its hold not run out), or None;
    AlreadyPlaced when the checkout made its order."""
    if checkout.order_id:
        raise AlreadyPlaced(checkout.order)
    current = checkout.payment
    if checkout.status == Status.PAYING and current is not None and checkout.reserved_until > now:
        return current
    return None


def start_payment(checkout, expected_version=None, expected_total=None, channel="web", now=None, request=None):
    """Begin paying for the cart as it is: make the PaymentIntent for the exact total, hold the
    stock and the slot, and freeze the cart. ``expected_version`` and ``expected_total`` are what
    the shopper saw; a difference is refused (CartChanged) before anything is held or charged.

    All of it happens under the checkout's lock, Stripe's call included (it holds only this
    checkout and this cart, never the stock), so a second click waits for the first and is
    answered its payment: a second payment is never started while one is under way. The stock
    records and the slot are locked last and briefly; when they no longer have what the cart
    needs, the new PaymentIntent is let go (cancelled by a task: nothing was confirmed, nothing
    charged) and SoldOut or SlotFull says why. Returns the Payment."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(checkout)
        live = _live_payment(locked, now)
        if live is not None:
            return live
        if locked.status == Status.PAYING:  # its hold ran out: that payment is let go first
            _abandon(locked, reason=gettext_lazy("The payment was started again."))
    with transaction.atomic():
        locked = _locked(checkout)
        live = _live_payment(locked, now)  # started by a request that came in between
        if live is not None:
            return live
        basket = _locked_basket(locked, request)
        _require_ready(locked, basket)
        if expected_version is not None and expected_version != basket.version:
            message = _("Your cart has changed since you saw the total. Please check it and pay again.")
            raise CartChanged(message, {"cart_version": [message]})
        quoted = quote(locked, basket, now)
        if expected_total is not None and expected_total != quoted.total.incl_tax:
            message = _("The total has changed. Please check it and pay again.")
            raise CartChanged(message, {"total": [message]})
        strategy = delivery.location_strategy(basket, quoted.location)
        # Refused at once, without Stripe, when the choice is no longer offered (staff closed the
        # slot, the pickup point or the store's click-and-collect) or the stock is plainly gone.
        _require_still_offered(locked, quoted, now)
        _require_stock(basket.all_lines(), strategy, checkout=locked)
        capture = "manual" if locked.method == Method.COLLECT else "automatic"
        try:
            # A key of its own per request: a PaymentIntent whose answer was lost is never confirmed
            # and costs nothing, while a key reused with other amounts would be refused for a day.
            intent = payments.create(
                quoted.total.incl_tax,
                quoted.total.currency,
                capture,
                locked.pk,
                idempotency_key=f"checkout-{locked.pk}-{uuid.uuid4().hex}",
            )
        except payments.StripeError as error:
            logger.warning("Stripe did not create the payment of checkout %s: %s", locked.pk, error)
            raise PaymentUnavailable(
                _("The payment service did not answer, so nothing was charged. Please try again.")
            ) from None
        payment = Payment.objects.create(
            checkout=locked,
            intent_id=intent.id,
            client_secret=intent.client_secret,
            amount=quoted.total.incl_tax,
            currency=quoted.total.currency,
            capture_method=capture,
            status=intent.status,
            basket_version=basket.version + 1,  # the version the cart has once frozen, below
        )
        until = now + datetime.timedelta(minutes=settings.SHOP_RESERVATION_MINUTES)
        units, _unstocked = stock.wanted_at(basket.all_lines(), strategy)
        refusal = None
        try:
            with transaction.atomic():  # a refusal holds nothing
                stock.reserve(locked, units, until + HOLD_GRACE)
                if quoted.delivery_slot is not None:
                    _hold_slot(locked, quoted.delivery_slot, now)
        except stock.OutOfStock as error:
            refusal = SoldOut(error.shortages)
        except CheckoutError as error:  # the slot, under its lock
            refusal = error
        if refusal is not None:
            _settle(payment, Payment.Outcome.RELEASED, refusal.message)
        else:
            cart.freeze(basket)
            locked.status, locked.reserved_until = Status.PAYING, until
            locked.channel, locked.language = channel, translation.get_language() or settings.LANGUAGE_CODE
            locked.save(update_fields=["status", "reserved_until", "channel", "language", "updated"])
    if refusal is not None:
        raise refusal
    return payment


@dataclass
class Outcome:
    """Where a payment stands for the shopper: placed (``order``), or waiting for the bank's
    authentication in the browser or app (``client_secret`` for Stripe.js)."""

    order: object = None
    client_secret: str = ""
    payment: Payment | None = None

    @property
    def needs_action(self):
        return self.order is None


def confirm_payment(checkout, payment_method, request=None):
    """Pay the started payment with the card's PaymentMethod (``pm_...`` from Stripe.js, or a
    Stripe test payment method in test mode). The checkout stays locked while Stripe answers,
    so a double click waits and then finds the outcome of the first. Returns an Outcome; raises
    PaymentFailed (declined: the cart is open again), PaymentUnavailable, or PaymentRefused."""
    if not isinstance(payment_method, str) or not PAYMENT_METHOD.fullmatch(payment_method):
        raise CheckoutError(_("Choose a card to pay with."), {"payment_method": [_("Not a payment method.")]})
    failure = None
    with transaction.atomic():
        locked = _locked(checkout)
        if locked.order_id:
            return Outcome(order=locked.order)
        payment = locked.payment
        if locked.status != Status.PAYING or payment is None or payment.outcome:
            raise NotReady(_("The payment has not started or has ended. Please pay again."))
        intent = None
        if payment.status in ("unknown", "requires_action", "requires_capture", "succeeded", "processing"):
            # Confirmed already, or its answer was lost: never confirm twice; ask Stripe first.
            intent = _retrieve(payment)
            if intent.status == "requires_confirmation" or (
                intent.status == "requires_payment_method" and not intent.error_code
            ):
                intent = None  # the card never reached the bank: it may be confirmed now
        if intent is None:
            intent, failure = _confirm(locked, payment, payment_method)
    if failure is not None:
        raise failure
    return _after_confirmation(locked, payment, intent, request)


def _confirm(checkout, payment, payment_method):
    """Confirm ``payment`` with the card, once: its attempt is counted (and keyed) whatever Stripe
    answers. Returns (intent, failure)."""
    payment.confirmations += 1
    try:
        if settings.STRIPE_TEST_MODE:  # Stripe's test cards, on the web and in the API alike
            payment_method = payments.test_payment_method(payment_method)
        intent = payments.confirm(
            payment.intent_id, payment_method, idempotency_key=f"{payment.intent_id}-confirm-{payment.confirmations}"
        )
    except payments.CardError as error:
        payment.status, payment.last_error = "requires_payment_method", str(error)[:255]
        payment.save(update_fields=["status", "last_error", "confirmations", "updated"])
        _abandon(checkout, reason=payment.last_error)
        return None, PaymentFailed(decline_message(getattr(error, "decline_code", "") or getattr(error, "code", "")))
    except payments.APIConnectionError:
        payment.status = "unknown"
        payment.save(update_fields=["status", "confirmations", "updated"])
        message = _(
            "The payment service did not answer, so we do not know yet whether your card was charged. "
            "Check the payment: you will not be charged twice."
        )
        return None, PaymentUnavailable(message)
    except payments.StripeError:
        payment.save(update_fields=["confirmations", "updated"])
        return None, PaymentUnavailable(_("The payment service refused the request. Nothing was charged."))
    payment.status, payment.last_error = intent.status, intent.error
    payment.save(update_fields=["status", "last_error", "confirmations", "updated"])
    return intent, None


def _retrieve(payment):
    try:
        intent = payments.retrieve(payment.intent_id)
    except payments.StripeError:
        raise PaymentUnavailable(
            _("The payment service did not answer. Please try again in a moment: you will not be charged twice.")
        ) from None
    payment.status, payment.last_error = intent.status, intent.error
    payment.save(update_fields=["status", "last_error", "updated"])
    return intent


def _after_confirmation(checkout, payment, intent, request=None):
    if intent.is_authorised:
        return Outcome(order=place_order(checkout, intent, request=request), payment=payment)
    if intent.status == "requires_action":
        return Outcome(client_secret=payment.client_secret, payment=payment)
    if intent.status == "requires_confirmation":
        raise NotReady(_("The payment is waiting for your card. Please pay again."))
    if intent.status == "processing":
        raise NotReady(_("Your bank is still processing the payment. Check it again in a moment."))
    message = decline_message(intent.error_code)
    with transaction.atomic():
        locked = _locked(checkout)
        if locked.status == Status.PAYING and locked.payment == payment:
            _abandon(locked, reason=message)
    raise PaymentFailed(message)


def place_order_for(checkout, intent_id, request=None):
    """Place the order paid by the PaymentIntent an app confirmed itself (Stripe's SDK): Stripe is
    asked how it stands. While it is not authorised this refuses (PaymentFailed) and changes
    nothing, so an early call does no harm."""
    try:
        intent = payments.retrieve(intent_id)
    except payments.StripeError:
        raise PaymentUnavailable(
            _("The payment service did not answer. Please try again in a moment: you will not be charged twice.")
        ) from None
    return place_order(checkout, intent, request=request)


def complete_payment(checkout, request=None):
    """After the bank's authentication (3-D Secure) in the browser or app: ask Stripe how the
    payment stands and place the order, or open the cart again if it failed."""
    with transaction.atomic():
        locked = _locked(checkout)
        if locked.order_id:
            return Outcome(order=locked.order)
        payment = locked.payment
        if payment is None:
            raise NotReady(_("There is no payment to complete."))
    intent = _retrieve(payment)
    return _after_confirmation(locked, payment, intent, request)


# What the shopper reads for Stripe's failure codes (Stripe's own messages are English only).
DECLINES = {
    "insufficient_funds": gettext_lazy("Your card has insufficient funds."),
    "expired_card": gettext_lazy("Your card has expired."),
    "incorrect_cvc": gettext_lazy("The card's security code is not right."),
    "incorrect_number": gettext_lazy("The card number is not right."),
    "processing_error": gettext_lazy("The card could not be processed. Please try again."),
    "payment_intent_authentication_failure": gettext_lazy("Your bank did not confirm the payment."),
}


def decline_message(code):
    """The shopper's message for a refused card, whatever Stripe's code, in their language."""
    reason = DECLINES.get(code, gettext_lazy("Your card was declined."))
    return _("%(reason)s Nothing was charged. You can pay with another card.") % {"reason": reason}


def cancel_payment(checkout, reason=None):
    """The shopper stops paying (to change the cart or the delivery): the stock and the slot are
    let go, the cart opens again and the PaymentIntent is cancelled by a task."""
    with transaction.atomic():
        locked = _locked(checkout)
        if locked.status == Status.PAYING:
            _abandon(locked, reason=reason or gettext_lazy("The shopper cancelled the payment."))
    return locked


def _end_paying(checkout):
    """Inside a transaction holding the checkout's lock: the cart opens again, the stock and the
    slot are let go."""
    cart.thaw(checkout.basket_id)
    stock.release(checkout)
    checkout.status, checkout.reserved_until = Status.OPEN, None
    checkout.save(update_fields=["status", "reserved_until", "updated"])


def _abandon(checkout, reason):
    """End the paying state and let the payment go: a task cancels its PaymentIntent, or refunds
    it if it went through after all. A payment let go never becomes an order."""
    _end_paying(checkout)
    payment = checkout.payment
    if payment is not None and not payment.outcome:
        _settle(payment, Payment.Outcome.RELEASED, reason)


def _settle(payment, outcome, reason):
    """Record what becomes of a payment and why (in the language the customer shopped in: the
    customer's email tells it), and have a task carry it out at Stripe (an outbox row in the
    caller's transaction; the task records what Stripe did)."""
    from shop.checkout.tasks import settle_payment

    with translation.override(payment.checkout.language):
        payment.outcome, payment.outcome_reason = outcome, str(reason)[:255]
    payment.save(update_fields=["outcome", "outcome_reason", "updated"])
    enqueue(settle_payment, payment.pk)


# --- Placing the order ----------------------------------------------------------------------------


def place_order(checkout, intent, request=None, now=None):
    """Place the order paid by ``intent`` (a payments.Intent, from the API or a verified webhook).

    Idempotent: a checkout that has its order answers it. The order is placed when the payment
    belongs to this checkout, is authorised, is for the cart as it is now and for its total, and
    the stock (and the slot) can be allocated; otherwise the payment is given back by a task, the
    reason recorded on it, and PaymentRefused raised."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(checkout)
        payment = locked.payments.filter(intent_id=intent.id).first()
        if payment is None:
            raise CheckoutError(
                _("That payment does not belong to this checkout."), {"payment_intent": [_("Unknown.")]}
            )
        if not intent.is_authorised:
            raise PaymentFailed(_("The payment has not been authorised."))
        if locked.order_id and payment.outcome == Payment.Outcome.ORDER:
            return locked.order
        payment.status = intent.status  # saved with what becomes of the payment
        basket = _locked_basket(locked, request)
        # The reason is kept in the language the customer shopped in: their email tells it.
        with translation.override(locked.language):
            refusal = _refusal(locked, basket, payment, intent, now)
            if refusal is None:
                try:
                    return _place(locked, basket, payment, now, request)
                except CheckoutError as error:
                    refusal = error.message
            _refuse(locked, payment, refusal)
    raise PaymentRefused(
        _("We could not place your order: %(reason)s Your payment will be given back in full.") % {"reason": refusal}
    )


def _refusal(checkout, basket, payment, intent, now):
    """Why an authorised payment cannot make the order before anything is allocated, or None."""
    late = _("The payment was completed after its reservation had ended (%(reason)s).")
    if checkout.order_id:
        return _("This cart was ordered with another payment.")
    if payment.outcome == Payment.Outcome.RELEASED:
        # Let go (the hold ran out, the shopper cancelled or paid again), then completed anyway.
        return late % {"reason": payment.outcome_reason}
    if checkout.status == Status.PAYING and checkout.reserved_until + HOLD_GRACE < now:
        # The same, before the sweep let it go: the outcome does not depend on the sweep's timing.
        return late % {"reason": _("The payment was not finished in time.")}
    if payment.outcome == Payment.Outcome.REFUNDED:
        return payment.outcome_reason
    if (intent.amount, intent.currency) != (payment.amount, payment.currency):
        return _("The payment was not for the order's total.")
    if basket.version != payment.basket_version or basket.status not in (Basket.OPEN, Basket.FROZEN):
        return _("The cart changed while it was being paid for.")
    return None


def _refuse(checkout, payment, reason):
    """The payment cannot become an order: end the paying state if it is this payment's, record
    why, and have a task give the money back."""
    if checkout.status == Status.PAYING and checkout.payment == payment:
        _end_paying(checkout)
    # What Stripe says now, unless the settle task has recorded what it did since.
    Payment.objects.filter(pk=payment.pk, settled_at=None).update(status=payment.status)
    if payment.outcome != Payment.Outcome.REFUNDED:
        _settle(payment, Payment.Outcome.REFUNDED, reason)


def _place(checkout, basket, payment, now, request):
    """Allocate and write the order (a savepoint: a refusal leaves nothing behind)."""
    with transaction.atomic():
        quoted = quote(checkout, basket, now)
        if quoted.total.incl_tax != payment.amount:
            raise CheckoutError(_("The prices changed while the order was being paid for."))
        strategy = delivery.location_strategy(basket, quoted.location)
        units, unstocked = stock.wanted_at(basket.all_lines(), strategy)
        if unstocked:
            raise CheckoutError(sold_out_message(unstocked))
        try:
            stock.allocate(checkout, units)
        except stock.OutOfStock as error:
            raise CheckoutError(sold_out_message(error.shortages)) from None
        if quoted.delivery_slot is not None:
            _book_slot(checkout, quoted.delivery_slot, now)
        try:
            order = OrderCreator().place_order(
                basket=basket,
                total=quoted.total,
                shipping_method=quoted.method,
                shipping_charge=quoted.shipping,
                user=basket.owner,
                shipping_address=_shipping_address(checkout, quoted),
                request=request,
                stockrecords={record.product_id: record for record in units},
                guest_email="" if checkout.user_id else checkout.email,
                delivery_slot=quoted.delivery_slot,
                collection_store=quoted.collection_store,
                pickup_point=quoted.pickup_point,
                delivery_date=quoted.delivery_date,
                ready_at=quoted.ready_at,
                language=checkout.language,
            )
        except (ValueError, OrderCreationError) as error:
            # Oscar refuses an order it cannot write (a voucher no longer available to the customer):
            # the savepoint takes back what was allocated, and the payment is given back.
            raise CheckoutError(str(error)) from None
        _record_payment(order, payment)
        Basket.objects.filter(pk=basket.pk).update(status=Basket.SUBMITTED, date_submitted=now)
        checkout.status, checkout.order, checkout.reserved_until = Status.PLACED, order, None
        checkout.save(update_fields=["status", "order", "reserved_until", "updated"])
        payment.outcome = Payment.Outcome.ORDER
        payment.save(update_fields=["status", "outcome", "updated"])
        from shop.checkout.tasks import send_order_confirmation

        enqueue(send_order_confirmation, order.pk)
    return order


def _book_slot(checkout, slot, now):
    slot = _locked_slot(slot)
    # The checkout's own hold counts as its place while it lasts; past it, a place must be left.
    held = checkout.status == Status.PAYING and checkout.reserved_until + HOLD_GRACE > now
    if not held and delivery.slot_choices([slot], now, checkout)[0].is_full:
        raise CheckoutError(_("The delivery slot filled up while the order was being paid for."))
    DeliverySlot.objects.filter(pk=slot.pk).update(booked=slot.booked + 1)


def _shipping_address(checkout, quoted):
    """The order's shipping address: the customer's for home delivery; the store's or the pickup
    point's, in the name of who collects, otherwise."""
    data = dict(checkout.address)
    country = data.pop("country", "FI")
    store = quoted.collection_store
    if store is not None:
        data.update(line1=store.street, line4=store.city, postcode=store.postcode)
        data["notes"] = _("Click-and-collect at %(store)s") % {"store": store.name}
        country = store.country
    elif quoted.pickup_point is not None:
        point = quoted.pickup_point
        data.update(line1=point.name, line2=point.street, line4=point.city, postcode=point.postcode)
        data["notes"] = _("Pickup point %(code)s") % {"code": point.code}
    address = ShippingAddress(country_id=country, **data)  # a country's key is its ISO code
    address.save()
    return address


def _record_payment(order, payment):
    """Oscar's payment records of the order: a Stripe source with what is authorised and, unless
    the capture waits for the handover, what is taken."""
    source_type, _created = SourceType.objects.get_or_create(code="stripe", defaults={"name": "Stripe"})
    captured = payment.capture_method == "automatic"
    source = Source.objects.create(
        order=order,
        source_type=source_type,
        currency=payment.currency,
        amount_allocated=payment.amount,
        amount_debited=payment.amount if captured else 0,
        reference=payment.intent_id,
    )
    Transaction.objects.create(
        source=source,
        txn_type=Transaction.DEBIT if captured else Transaction.AUTHORISE,
        amount=payment.amount,
        reference=payment.intent_id,
        status=payment.status,
    )


# --- Sweeping -------------------------------------------------------------------------------------


def expire_payments(now=None):
    """End the payments whose hold has run out: the stock and the slot are let go, the cart opens
    again, and a task settles the PaymentIntent (cancels it, or refunds it if it went through
    after all). Also removes expired reservations left by any path. Returns the number of
    checkouts expired."""
    now = now or timezone.now()
    expired = 0
    ran_out = now - HOLD_GRACE
    for pk in Checkout.objects.filter(status=Status.PAYING, reserved_until__lte=ran_out).values_list("pk", flat=True):
        with transaction.atomic():
            locked = Checkout.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if locked is None or locked.status != Status.PAYING or locked.reserved_until > ran_out:
                continue
            _abandon(locked, reason=gettext_lazy("The payment was not finished in time."))
            expired += 1
    with transaction.atomic():
        stock.sweep_expired(now)
    return expired
