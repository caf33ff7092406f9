"""Every change to memberships and points happens here: web views, the API, Stripe webhooks,
the reconciliation task and Oscar's signals all call these functions."""

import math
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from oscar.core.loading import get_model

from loyalty import gateway, queries
from loyalty.models import MemberSaving, Membership, MembershipPayment, Plan, PointsAccount, PointsEntry
from loyalty.tasks import send_welcome
from shop.outbox.services import enqueue

Status = Membership.Status
Reason = Membership.Reason

Voucher = get_model("voucher", "Voucher")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
Range = get_model("offer", "Range")


class LoyaltyError(Exception):
    """A request the customer can correct; the message says how."""


# --- Joining and leaving ------------------------------------------------------------------------


def stripe_plan_id(plan):
    """The Stripe plan that bills the plan's current fee, created on first use or after a fee change."""
    if plan.stripe_plan_id and plan.stripe_plan_fee == plan.fee:
        return plan.stripe_plan_id
    plan.stripe_plan_id, plan.stripe_plan_fee = gateway.create_plan(plan), plan.fee
    Plan.objects.filter(pk=plan.pk).update(stripe_plan_id=plan.stripe_plan_id, stripe_plan_fee=plan.fee)
    return plan.stripe_plan_id


def join(user, plan, payment_method):
    """Start a paid membership: a Stripe subscription charged now. The membership stays pending
    until Stripe confirms the payment with a signed webhook. A declined card, or a Stripe that
    does not answer before anything is charged, raises LoyaltyError and leaves the customer as
    they were.

    The pending membership, naming the new Stripe customer, is committed before the subscription
    call, so that Stripe's events about that customer find it however early they arrive. When the
    subscription call gets no answer, Stripe may or may not have made (and charged) the
    subscription: the membership stays pending without one (``awaits_its_subscription``) until
    Stripe's events or the reconciliation tell; if Stripe made none, the reconciliation removes it.
    """
    membership, overwritten = _start_join(user, plan, payment_method)
    waiting = Membership.objects.filter(pk=membership.pk, status=Status.PENDING, stripe_subscription_id="")
    try:
        subscription_id = gateway.subscribe(membership.stripe_customer_id, stripe_plan_id(plan))
    except gateway.APIConnectionError:
        return membership
    except (gateway.StripeError, gateway.PaymentDeclined) as error:
        # Nothing was charged: the customer is as they were (a first membership goes, a former
        # one gets its fields back).
        if overwritten:
            waiting.update(**overwritten)
        else:
            waiting.delete()
        raise _refusal(error)
    # Unless Stripe's event was quicker and already gave the membership its subscription.
    waiting.update(stripe_subscription_id=subscription_id)
    membership.refresh_from_db()
    return membership


@transaction.atomic
def _start_join(user, plan, payment_method):
    """The pending membership of a join, with its Stripe customer; and the fields it overwrote of
    a former membership (None for a first one)."""
    # One join per customer at a time (a double click, two tabs): the second waits for the first
    # and then finds its pending membership, instead of charging the card a second time.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if not plan.is_active:
        raise LoyaltyError(gettext("This plan is no longer offered."))
    current = queries.membership_of(user)
    if current and current.status == Status.PENDING:
        raise LoyaltyError(gettext("Your payment is still being confirmed by Stripe; please wait a moment."))
    if current and current.is_active:
        raise LoyaltyError(gettext("You already have a membership."))
    try:
        stripe_plan_id(plan)
        customer_id = gateway.create_customer(user, payment_method)
    except (gateway.StripeError, gateway.PaymentDeclined) as error:
        raise _refusal(error)
    fields = {
        "plan": plan,
        "status": Status.PENDING,
        "end_reason": "",
        "stripe_customer_id": customer_id,
        "stripe_subscription_id": "",
        "current_period_end": None,
        "cancel_at_period_end": False,
        "started_at": None,
        "ended_at": None,
        "stripe_state_at": None,
        "welcome_sent_at": None,
        "joined_at": timezone.now(),
    }
    overwritten = {name: getattr(current, name) for name in fields} if current else None
    membership, _ = Membership.objects.update_or_create(user=user, defaults=fields)
    return membership, overwritten


def _refusal(error):
    """What the customer is told when Stripe refused a join, or did not answer, before charging."""
    if isinstance(error, gateway.APIConnectionError):
        return LoyaltyError(
            gettext("The payment service did not answer, so nothing was charged. Please try again later.")
        )
    if isinstance(error, gateway.CardError):
        reason = error.user_message or gettext("please try another card")
        return LoyaltyError(gettext("Your card was declined: %(reason)s") % {"reason": reason})
    if isinstance(error, gateway.PaymentDeclined):
        return LoyaltyError(gettext("Your card was declined: please try another card."))
    reason = error.user_message or gettext("try again")
    return LoyaltyError(gettext("The payment service did not accept the payment (%(reason)s).") % {"reason": reason})


def cancel(user):
    """Cancel at the end of the paid period; member prices stay until then."""
    membership = queries.membership_of(user)
    if membership is None or not membership.is_active:
        raise LoyaltyError(gettext("You have no active membership to cancel."))
    if membership.cancel_at_period_end:
        raise LoyaltyError(gettext("Your membership is already set to end."))
    if not membership.stripe_subscription_id:
        raise LoyaltyError(gettext("This membership is not billed by card; please contact customer service to end it."))
    try:
        subscription = gateway.cancel_at_period_end(membership.stripe_subscription_id)
    except gateway.StripeError as error:
        reason = error.user_message or gettext("try again")
        message = gettext("The payment service could not cancel the membership (%(reason)s).")
        raise LoyaltyError(message % {"reason": reason})
    membership.cancel_at_period_end = True
    membership.current_period_end = gateway.period_end(subscription) or membership.current_period_end
    membership.save(update_fields=["cancel_at_period_end", "current_period_end"])
    return membership


# --- Subscription state from Stripe (webhooks and reconciliation) -------------------------------

STRIPE_STATUSES = {
    "active": (Status.ACTIVE, ""),
    "trialing": (Status.ACTIVE, ""),
    "past_due": (Status.LAPSED, Reason.PAYMENT_FAILED),
    "unpaid": (Status.LAPSED, Reason.PAYMENT_FAILED),
    "canceled": (Status.ENDED, Reason.CANCELLED),
    "incomplete_expired": (Status.ENDED, Reason.PAYMENT_FAILED),
}


def apply_stripe_state(
    subscription_id, stripe_status, at, period_end=None, cancel_at_period_end=None, reason=None, customer_id=None
):
    """Move the membership that follows ``subscription_id`` to the state Stripe reports at ``at``.

    Ended is final for a subscription, and a report older than the last one applied is ignored,
    so events arriving late or out of order never resurrect a membership. Returns the membership
    (None when no membership follows that subscription, e.g. a declined join). A membership that
    awaits its subscription (a join whose subscription call got no answer) follows the first
    subscription reported for its Stripe customer (``customer_id``).
    """
    if not subscription_id:  # an empty id follows no subscription (it would match every unbilled one)
        return None
    if stripe_status not in STRIPE_STATUSES:  # incomplete: still waiting for the first payment
        return None
    with transaction.atomic():
        follows = Q(stripe_subscription_id=subscription_id)
        if customer_id:
            follows |= Q(status=Status.PENDING, stripe_customer_id=customer_id, stripe_subscription_id="")
        # One query, so that of two events for the same new subscription handled at once, the
        # second waits for the first's lock and then finds the row by the id the first gave it.
        membership = Membership.objects.select_for_update().filter(follows).first()
        if membership is None or membership.status == Status.ENDED:
            return membership
        if membership.stripe_state_at and at < membership.stripe_state_at:
            return membership
        status, default_reason = STRIPE_STATUSES[stripe_status]
        membership.stripe_subscription_id = subscription_id
        membership.status = status
        membership.end_reason = (reason or default_reason) if status != Status.ACTIVE else ""
        membership.stripe_state_at = at
        if period_end:
            membership.current_period_end = period_end
        if cancel_at_period_end is not None:
            membership.cancel_at_period_end = cancel_at_period_end
        if status == Status.ACTIVE and membership.started_at is None:
            membership.started_at = at
            enqueue(send_welcome, membership.pk)
        if status == Status.ENDED:
            membership.ended_at = at
        membership.save()
        return membership


def record_payment(subscription_id, invoice_id, amount_cents, paid_at, period_end, customer_id=None):
    """A paid membership invoice: the membership is active for the period it paid, and the
    payment counts towards what membership cost this year."""
    membership = apply_stripe_state(subscription_id, "active", paid_at, period_end=period_end, customer_id=customer_id)
    # Recorded even when the event came too late to change the status: the money was paid.
    if membership is not None and invoice_id:
        MembershipPayment.objects.get_or_create(
            stripe_invoice_id=invoice_id,
            defaults={"membership": membership, "amount": Decimal(amount_cents) / 100, "paid_at": paid_at},
        )
    return membership


# How long Stripe may still be working on a subscription call whose answer was lost.
UNANSWERED_JOIN_GRACE = timedelta(minutes=15)


def reconcile(membership):
    """Compare one membership with its Stripe subscription and apply what Stripe says now."""
    if membership.awaits_its_subscription:
        return _settle_unanswered_join(membership)
    if not membership.stripe_subscription_id:
        return membership  # not billed through Stripe: nothing to compare
    return _apply_subscription(gateway.retrieve_subscription(membership.stripe_subscription_id))


def _apply_subscription(subscription, customer_id=None):
    return apply_stripe_state(
        subscription.id,
        subscription.status,
        timezone.now(),
        period_end=gateway.period_end(subscription),
        cancel_at_period_end=bool(subscription.cancel_at_period_end),
        customer_id=customer_id,
    )


def _settle_unanswered_join(membership):
    """Ask Stripe whether it made the subscription of a join that got no answer: if it did, the
    membership follows it; if it made none, even after the grace, the waiting membership goes and
    the customer may join again (nothing was charged)."""
    subscriptions = gateway.subscriptions_of(membership.stripe_customer_id)
    if subscriptions:
        return _apply_subscription(subscriptions[0], customer_id=membership.stripe_customer_id)
    if membership.joined_at < timezone.now() - UNANSWERED_JOIN_GRACE:
        Membership.objects.filter(pk=membership.pk, stripe_subscription_id="", status=Status.PENDING).delete()
        return None
    return membership


# --- Orders: savings and points -----------------------------------------------------------------


def order_saving(order, delivery_saving):
    """What member prices saved on an order's lines (against the regular price at the time)."""
    saving = Decimal("0.00")
    for line in order.lines.select_related("product"):
        if line.product is None or line.product.price is None:
            continue
        regular = line.product.price * line.quantity
        saving += max(regular - line.line_price_before_discounts_incl_tax, Decimal("0.00"))
    return saving + delivery_saving


def record_member_order(order, delivery_saving=Decimal("0.00")):
    """Called when an order is placed: for a member, what membership saved on it and the points
    rate it will earn at when it is completed; once per order however often this is called."""
    if order.user is None:
        return None
    status = queries.member_status(order.user)
    if not status.is_member:
        return None
    saving, _created = MemberSaving.objects.get_or_create(
        order=order,
        defaults={
            "user": order.user,
            "amount": order_saving(order, delivery_saving),
            "points_per_euro": status.membership.plan.points_per_euro,
        },
    )
    return saving


def earn_points(order):
    """Called when an order is completed (delivered or collected): a member's order earns its
    points, once however often its completion is announced."""
    saving = MemberSaving.objects.filter(order=order).first()
    if saving is None:
        return None
    points = queries.points_for(order, saving.points_per_euro)
    if points <= 0:
        return None
    return _add_points(saving.user, points, PointsEntry.Kind.EARNED, f"Order {order.number}", order=order)


def _add_points(user, points, kind, description, **links):
    try:
        with transaction.atomic():
            account, _ = PointsAccount.objects.get_or_create(user=user)
            account = PointsAccount.objects.select_for_update().get(pk=account.pk)
            entry = PointsEntry.objects.create(
                account=account, kind=kind, points=points, description=description, **links
            )
            account.balance += points
            account.save(update_fields=["balance"])
            return entry
    except IntegrityError:
        return None  # already recorded (points_earned_once_per_order): nothing changes twice


def reverse_points_for_refund(payment_event):
    """Take back the points an order earned, in proportion to the refunded amount. Points already
    spent are not clawed back below zero: the balance never goes negative."""
    order = payment_event.order
    earned = PointsEntry.objects.filter(order=order, kind=PointsEntry.Kind.EARNED).first()
    if earned is None:
        return None
    goods = order.total_incl_tax - order.shipping_incl_tax
    share = min(Decimal(payment_event.amount) / goods, Decimal(1)) if goods > 0 else Decimal(1)
    with transaction.atomic():
        account = PointsAccount.objects.select_for_update().get(pk=earned.account_id)
        reversed_so_far = -sum(
            account.entries.filter(order=order, kind=PointsEntry.Kind.REVERSED).values_list("points", flat=True)
        )
        due = min(math.ceil(earned.points * share), earned.points - reversed_so_far)
        points = min(due, account.balance)
        if points <= 0 or PointsEntry.objects.filter(payment_event=payment_event).exists():
            return None
        entry = PointsEntry.objects.create(
            account=account,
            kind=PointsEntry.Kind.REVERSED,
            points=-points,
            description=f"Refund on order {order.number}",
            order=order,
            payment_event=payment_event,
        )
        account.balance -= points
        account.save(update_fields=["balance"])
        return entry


# --- Points into a voucher ----------------------------------------------------------------------


def voucher_value(points):
    return (Decimal(points) / settings.LOYALTY_POINTS_PER_VOUCHER_EURO).quantize(Decimal("0.01"))


def convert_points(user, points):
    """Turn points into a single-use voucher worth points / LOYALTY_POINTS_PER_VOUCHER_EURO euros.

    The account row is locked for the whole conversion, so two conversions at once cannot both
    spend the same points: the second sees the balance the first left.
    """
    step = settings.LOYALTY_POINTS_PER_VOUCHER_EURO
    minimum = settings.LOYALTY_MIN_CONVERSION_POINTS
    if not isinstance(points, int) or points < minimum or points % step:
        message = gettext("Convert at least %(minimum)s points, in steps of %(step)s.")
        raise LoyaltyError(message % {"minimum": minimum, "step": step})
    with transaction.atomic():
        account = PointsAccount.objects.select_for_update().filter(user=user).first()
        balance = account.balance if account else 0
        if points > balance:
            message = ngettext(
                "You have %(balance)s point; you cannot convert %(points)s.",
                "You have %(balance)s points; you cannot convert %(points)s.",
                balance,
            )
            raise LoyaltyError(message % {"balance": balance, "points": points})
        voucher = _create_voucher(voucher_value(points))
        PointsEntry.objects.create(
            account=account,
            kind=PointsEntry.Kind.CONVERTED,
            points=-points,
            description=f"Voucher {voucher.code}",
            voucher=voucher,
        )
        account.balance -= points
        account.save(update_fields=["balance"])
        return voucher


def _create_voucher(amount):
    from oscar.apps.voucher.utils import get_unused_code

    everything, _ = Range.objects.get_or_create(name="All products", defaults={"includes_all_products": True})
    code = get_unused_code(length=12)
    offer = ConditionalOffer.objects.create(
        name=f"Points voucher {code}",
        offer_type=ConditionalOffer.VOUCHER,
        condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=everything, type=Benefit.FIXED, value=amount),
    )
    now = timezone.now()
    voucher = Voucher.objects.create(
        name=f"Points voucher {code}",
        code=code,
        usage=Voucher.SINGLE_USE,
        start_datetime=now,
        end_datetime=now + timedelta(days=365),
    )
    voucher.offers.add(offer)
    return voucher
