"""Every change of an order's status happens here: Oscar's dashboard (through Order.set_status and
the EventHandler), the store tablet, the API and the Celery tasks all call ``change_status``.

It checks the pipeline (OSCAR_ORDER_STATUS_PIPELINE, narrowed to the steps of the order's
delivery), does what the step means for stock and money, records who made the change and how
(OrderStatusChange), sends Oscar's order_status_changed signal (loyalty earns points on completion)
and queues the customer's email through the outbox, all in one transaction on the locked order.

Money: a click-and-collect payment is authorised at checkout and captured here at the handover,
with an idempotency key derived from the order; a cancelled order's payment is released or refunded
by a task (shop.order.tasks.settle_cancelled_payment) queued in the same transaction.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from oscar.apps.order.signals import order_status_changed
from oscar.core.loading import get_model

from shop.checkout import payments, stock
from shop.order.models import OrderStatus
from shop.outbox.services import enqueue
from shop.ratelimits import FailureLimit

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
DeliverySlot = get_model("shipping", "DeliverySlot")


class Channel:
    WEB = "web"
    API = "api"
    TABLET = "tablet"
    DASHBOARD = "dashboard"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    """Who changes an order, and through which channel (recorded on the change)."""

    user: object = None
    channel: str = Channel.SYSTEM

    @classmethod
    def system(cls):
        return cls(None, Channel.SYSTEM)


class OrderError(Exception):
    """A change that cannot be made as asked; the message says why, in the user's language."""

    status_code = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NotAllowed(OrderError):
    status_code = 403


class WrongStatus(OrderError):
    status_code = 409


class WrongPickupCode(OrderError):
    status_code = 400


class TooManyTries(OrderError):
    """Too many wrong codes from this associate or store: wait ``retry_after`` seconds."""

    status_code = 429

    def __init__(self, message, retry_after):
        super().__init__(message)
        self.retry_after = retry_after


class PaymentUnavailable(OrderError):
    """Stripe did not answer: nothing changed, try again."""

    status_code = 503


class PaymentFailed(OrderError):
    """Stripe refused the capture (the authorisation has lapsed): the order is not handed over."""

    status_code = 402


# --- Who may move an order ------------------------------------------------------------------------


def staff_store(user):
    """The store an associate works in, or None."""
    member = getattr(user, "staff_member", None) if user is not None and user.is_authenticated else None
    return member.store if member is not None else None


def may_handle(user, order):
    """Superusers handle every order; store staff handle the click-and-collect orders of their own
    store (the warehouse's orders are moved by the dashboard and the carrier's tasks)."""
    if user is None:
        return True  # the system (beat tasks, webhooks)
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    store = staff_store(user)
    return store is not None and order.collection_store_id == store.pk


# --- The one status change ------------------------------------------------------------------------


def label(status):
    return OrderStatus(status).label if status in OrderStatus.values else status


def _locked(order):
    return Order.objects.select_for_update(of=("self",)).select_related("collection_store").get(pk=order.pk)


def change_status(order, status, actor, tracking_reference="", reason="", now=None, handing_over=False):
    """Move ``order`` to ``status`` for ``actor``; answers the order as it is now.

    Refuses with WrongStatus a step the pipeline or the order's delivery does not allow (moving to
    the status it already has changes nothing and is not an error: a retried request, two staff
    tapping at once), with NotAllowed an actor who may not handle the order. ``collected`` is
    reached only through ``hand_over`` (it checks the pickup code and captures the payment).
    """
    now = now or timezone.now()
    if actor.user is not None and not may_handle(actor.user, order):
        raise NotAllowed(_("You cannot change this order."))
    with transaction.atomic():
        order = _locked(order)
        if order.status == status:
            return order
        if status not in order.available_statuses():
            allowed = order.available_statuses()
            message = _("Order %(number)s is %(status)s; it cannot become %(new)s.") % {
                "number": order.number,
                "status": label(order.status),
                "new": label(status),
            }
            if allowed:
                message += " " + _("It can become: %(allowed)s.") % {
                    "allowed": ", ".join(str(label(s)) for s in allowed)
                }
            raise WrongStatus(message)
        if status == OrderStatus.COLLECTED and not handing_over:
            raise WrongStatus(_("An order is collected by handing it over with the customer's pickup code."))
        note = _apply(order, status, tracking_reference.strip(), reason.strip(), now)
        old_status, order.status = order.status, status
        order.save(update_fields=["status", "pickup_code", "collect_by", "tracking_reference", "completed_at"])
        change = OrderStatusChange.objects.create(
            order=order,
            old_status=old_status,
            new_status=status,
            by=actor.user,
            channel=actor.channel,
            note=note,
        )
        order_status_changed.send(sender=Order, order=order, old_status=old_status, new_status=status)
        from shop.order.tasks import send_status_email

        enqueue(send_status_email, change.pk)
    return order


def _apply(order, status, tracking_reference, reason, now):
    """What reaching ``status`` means for the order's stock, money and fields; answers the note
    recorded on the change."""
    lines = list(order.lines.all())
    if status == OrderStatus.SHIPPED:
        if not tracking_reference:
            raise OrderError(_("Give the carrier's tracking reference to mark the order shipped."))
        if len(tracking_reference) > 64:
            raise OrderError(_("A tracking reference has at most 64 characters."))
        order.tracking_reference = tracking_reference
        stock.consume_allocation(lines)
        return tracking_reference
    if status == OrderStatus.READY:
        order.pickup_code = _new_pickup_code(order)
        order.collect_by = collect_by(now)
        return ""
    if status in settings.SHOP_ORDER_COMPLETED_STATUSES:
        order.completed_at = now
        if status == OrderStatus.COLLECTED:
            stock.consume_allocation(lines)
            order.pickup_code = ""
        return ""
    if status == OrderStatus.CANCELLED:
        if len(reason) > 255:
            raise OrderError(_("Say why in at most 255 characters."))
        stock.cancel_allocation(lines)
        order.pickup_code = ""
        if order.delivery_slot_id:  # the place in the slot is free again
            slot = DeliverySlot.objects.select_for_update().get(pk=order.delivery_slot_id)
            DeliverySlot.objects.filter(pk=slot.pk).update(booked=max(slot.booked - 1, 0))
        from shop.order.tasks import settle_cancelled_payment

        enqueue(settle_cancelled_payment, order.pk)
        return reason
    return ""


# --- Click-and-collect ----------------------------------------------------------------------------

# No 0/O, 1/I, 2/Z, 5/S, 6/G, 8/B: a code read aloud or from a phone is typed right.
PICKUP_ALPHABET = "ACDEFHJKLMNPRTUVWXY3479"
PICKUP_CODE_LENGTH = 6


def _new_pickup_code(order):
    """A code unique among the orders waiting in the order's store (~150 million codes)."""
    waiting = Order.objects.filter(collection_store_id=order.collection_store_id, status=OrderStatus.READY)
    while True:
        code = "".join(secrets.choice(PICKUP_ALPHABET) for _i in range(PICKUP_CODE_LENGTH))
        if not waiting.filter(pickup_code=code).exists():
            return code


def normalise_pickup_code(code):
    return "".join(str(code or "").split()).upper().replace("-", "")


def collect_by(now):
    """The end of the day SHOP_COLLECT_DAYS after ``now`` (local time)."""
    day = timezone.localtime(now).date() + timedelta(days=settings.SHOP_COLLECT_DAYS)
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


# Codes the store staff type (pickup codes, return codes): wrong ones are counted per associate and
# per store, so that guessing them is impractical.
code_failures = FailureLimit("staff-codes", "SHOP_PICKUP_CODE_FAILURE_LIMITS")


def _code_identities(actor):
    store = staff_store(actor.user)
    return {"staff": actor.user.pk, "store": store.pk if store else 0}


def check_code_tries(actor):
    if actor.user is None:
        return
    wait = code_failures.retry_after(_code_identities(actor))
    if wait:
        raise TooManyTries(_("Too many wrong codes from this tablet or store. Wait a few minutes and try again."), wait)


def wrong_code(actor, error):
    if actor.user is not None:
        code_failures.record_failure(_code_identities(actor))
    raise error


def find_for_handover(code, actor):
    """The order waiting in the associate's store with this pickup code."""
    store = staff_store(actor.user)
    if store is None:
        raise NotAllowed(_("Only store staff hand over orders."))
    check_code_tries(actor)
    order = Order.objects.filter(
        collection_store=store, status=OrderStatus.READY, pickup_code=normalise_pickup_code(code)
    ).first()
    if order is None:
        wrong_code(actor, WrongPickupCode(_("No order waiting in this store has that pickup code.")))
    return order


def hand_over(order, code, actor, now=None):
    """Hand a ready click-and-collect order to the customer who shows its pickup code: the
    authorised payment is captured (exactly the authorised amount, once), the units leave the
    store's stock, and the order is collected. Two associates handing over at once: the second
    waits for the first and finds it collected (nothing is captured twice)."""
    now = now or timezone.now()
    if actor.user is not None and not may_handle(actor.user, order):
        raise NotAllowed(_("You cannot change this order."))
    check_code_tries(actor)
    with transaction.atomic():
        order = _locked(order)
        if order.status == OrderStatus.COLLECTED:
            return order
        if order.status != OrderStatus.READY:
            raise WrongStatus(
                _("Order %(number)s is %(status)s: only an order ready for pickup can be handed over.")
                % {"number": order.number, "status": label(order.status)}
            )
        # Bytes: compare_digest refuses str with non-ASCII characters (an "Ä" typed on the tablet).
        if not secrets.compare_digest(normalise_pickup_code(code).encode(), order.pickup_code.encode()):
            wrong_code(actor, WrongPickupCode(_("That is not this order's pickup code.")))
        _capture(order)
        return change_status(order, OrderStatus.COLLECTED, actor, now=now, handing_over=True)


def stripe_source(order):
    return Source.objects.filter(order=order, source_type__code="stripe").first()


def _capture(order):
    """Capture what was authorised for the order, unless Stripe has it captured already (a lost
    answer, a retried handover): Stripe is asked first, so the project never captures twice."""
    source = stripe_source(order)
    if source is None or source.amount_debited >= source.amount_allocated:
        return
    try:
        intent = payments.retrieve(source.reference)
        if intent.status == "requires_capture":
            intent = payments.capture(source.reference, source.amount_allocated, f"order-{order.number}-capture")
    except payments.APIConnectionError:
        raise PaymentUnavailable(_("The payment service did not answer, so nothing was handed over. Try again."))
    except payments.StripeError as error:
        raise PaymentFailed(
            _("The payment could not be taken (%(reason)s); the order stays ready.")
            % {"reason": error.user_message or _("the authorisation has lapsed")}
        )
    if intent.status != "succeeded":
        raise PaymentFailed(
            _("The payment could not be taken (it is %(status)s); the order stays ready.") % {"status": intent.status}
        )
    record_capture(order, source, intent.amount)


def record_capture(order, source, amount):
    """Oscar's records of a capture: the source's debited amount (a named update: Oscar's own
    ``debit`` saves the whole row), a DEBIT transaction, and a "captured" payment event."""
    if not Source.objects.filter(pk=source.pk, amount_debited__lt=amount).update(amount_debited=amount):
        return False
    Transaction.objects.create(
        source=source, txn_type=Transaction.DEBIT, amount=amount, reference=source.reference, status="succeeded"
    )
    event_type, _created = PaymentEventType.objects.get_or_create(code="captured", defaults={"name": "Captured"})
    PaymentEvent.objects.create(order=order, event_type=event_type, amount=amount, reference=source.reference)
    return True


def capture_reported(intent):
    """Stripe says an order's PaymentIntent was captured (a signed webhook): recorded once, for a
    capture made elsewhere (Stripe's dashboard) or whose answer was lost."""
    if intent.status != "succeeded":
        return None
    source = Source.objects.filter(reference=intent.id, source_type__code="stripe").select_related("order").first()
    if source is None:
        return None
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
        record_capture(source.order, source, intent.amount)
    return source.order


# Recorded in English and translated when the customer's email is rendered.
NOT_COLLECTED = gettext_noop("Not collected in time.")


def expire_uncollected(now=None):
    """Cancel the click-and-collect orders not collected by their deadline (beat): the payment is
    released, the stock is back on the store's shelf, the customer is told. Answers how many."""
    now = now or timezone.now()
    overdue = Order.objects.filter(status=OrderStatus.READY, collect_by__lt=now).values_list("pk", flat=True)
    expired = 0
    for pk in overdue:
        try:
            change_status(Order(pk=pk), OrderStatus.CANCELLED, Actor.system(), reason=NOT_COLLECTED, now=now)
            expired += 1
        except WrongStatus:
            continue  # collected meanwhile
    return expired
