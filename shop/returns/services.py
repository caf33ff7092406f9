"""Every change to a return happens here; the web pages, the tablet, the API and the dashboard
call these functions.

A customer asks to return lines of a delivered or collected order within SHOP_RETURN_DAYS; the
order's row is locked while the quantities are checked, so two requests at once cannot return the
same unit twice. Staff receive the return once, at the warehouse or in their store, where its units
go back on the shelf; the refund is then made by a task through the outbox (once: the return's row
is locked and the refund is recorded; Stripe's refund carries a key derived from the return code).
The refund's payment event makes loyalty take back the points those lines earned.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.checkout import stock
from shop.order import services as order_services
from shop.order.services import Actor, NotAllowed, OrderError, WrongStatus  # noqa: F401  (the errors of returns)
from shop.outbox.services import enqueue
from shop.partner.models import StockRecord
from shop.returns.models import Return, ReturnLine

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
CENT = Decimal("0.01")


class ReturnError(OrderError):
    """A return that cannot be made as asked; the message says why."""


# --- Asking for a return --------------------------------------------------------------------------


@dataclass(frozen=True)
class Returnable:
    line: object
    quantity: int  # units that can still be returned


def return_deadline(order):
    return order.completed_at + timedelta(days=settings.SHOP_RETURN_DAYS) if order.completed_at else None


def returnable_lines(order):
    """Each line of the order with the units not yet in a return."""
    returned = dict(
        ReturnLine.objects.filter(order_line__order=order)
        .values("order_line")
        .annotate(units=Sum("quantity"))
        .values_list("order_line", "units")
    )
    return [Returnable(line, line.quantity - returned.get(line.pk, 0)) for line in order.lines.order_by("pk")]


def refusal(order, now=None):
    """Why the order cannot be returned now, or "" when it can."""
    now = now or timezone.now()
    if order.completed_at is None:
        return _("An order can be returned once it has been delivered or collected.")
    if now > return_deadline(order):
        return _("The return period of %(days)s days for this order has ended.") % {"days": settings.SHOP_RETURN_DAYS}
    if not any(item.quantity for item in returnable_lines(order)):
        return _("Everything in this order has been returned already.")
    return ""


def request_return(order, quantities, reason, actor, comment="", now=None):
    """Ask to return ``quantities`` ({order line id: units}) of ``order``; answers the Return with
    its code. Refuses (ReturnError, nothing written) an order not completed or past its return
    period, a line not of the order, a quantity below 1 or above what is left to return, no lines,
    and a reason not on the list."""
    now = now or timezone.now()
    if actor.user is not None and not (actor.user.is_superuser or actor.user.pk == order.user_id):
        raise NotAllowed(_("You cannot return this order."))
    if reason not in Return.Reason.values:
        raise ReturnError(_("Choose a reason for the return."))
    if len(comment) > 500:
        raise ReturnError(_("Say it in at most 500 characters."))
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        why = refusal(order, now)
        if why:
            raise ReturnError(why)
        available = {item.line.pk: item for item in returnable_lines(order)}
        wanted = {}
        for line_id, quantity in quantities.items():
            item = available.get(line_id)
            if item is None:
                raise ReturnError(_("That line is not in this order."))
            if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
                raise ReturnError(_("Give the number of units to return as a whole number."))
            if quantity > item.quantity:
                message = _("You can return at most %(units)s of %(title)s.")
                raise ReturnError(message % {"units": item.quantity, "title": item.line.title})
            if quantity:
                wanted[line_id] = quantity
        if not wanted:
            raise ReturnError(_("Choose at least one item to return."))
        lines = [
            ReturnLine(order_line=available[pk].line, quantity=quantity, amount=_amount(available[pk], quantity))
            for pk, quantity in wanted.items()
        ]
        amount = sum((line.amount for line in lines), Decimal("0.00"))
        if all(wanted.get(pk, 0) == item.quantity for pk, item in available.items()):
            amount += order.shipping_incl_tax  # with this, the whole order is back: the delivery too
        amount = min(amount, _refundable(order))
        created = Return.objects.create(
            order=order,
            code=_new_code(),
            reason=reason,
            comment=comment.strip(),
            amount=amount,
            requested_by=actor.user,
        )
        for line in lines:
            line.return_request = created
        ReturnLine.objects.bulk_create(lines)
        from shop.returns.tasks import send_return_email

        enqueue(send_return_email, created.pk, "requested")
    return created


def _amount(item, quantity):
    """What ``quantity`` more units of the line refund: the line's price shared by its units, so
    that returning every unit, in any number of returns, refunds exactly the line's price."""
    line = item.line
    before = line.quantity - item.quantity

    def share(units):
        return (line.line_price_incl_tax * units / line.quantity).quantize(CENT)

    return share(before + quantity) - share(before)


def _refundable(order):
    """What was taken from the card and not yet given back or promised to a return."""
    source = order_services.stripe_source(order)
    if source is None:
        return Decimal("0.00")
    promised = Return.objects.filter(order=order, refunded_at=None).aggregate(total=Sum("amount"))["total"] or 0
    return max(source.amount_debited - source.amount_refunded - promised, Decimal("0.00"))


# Return codes: no 0/O, 1/I, 2/Z, 5/S, 6/G, 8/B, as pickup codes.
CODE_ALPHABET = order_services.PICKUP_ALPHABET


def _new_code():
    while True:
        code = "R" + "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))
        if not Return.objects.filter(code=code).exists():
            return code


def normalise_code(code):
    return "".join(str(code or "").split()).upper().replace("-", "")


# --- Receiving and refunding ----------------------------------------------------------------------


def receiving_store(user):
    """Where ``user`` receives returns: their store, or the online warehouse (None) for superusers.
    Anyone else may not receive."""
    store = order_services.staff_store(user)
    if store is not None:
        return store
    if user is not None and user.is_authenticated and user.is_superuser:
        return None
    raise NotAllowed(_("Only store and warehouse staff receive returns."))


def find_for_receipt(code, actor):
    """The return with this code, for staff who receive returns (wrong codes are counted)."""
    receiving_store(actor.user)
    order_services.check_code_tries(actor)
    found = Return.objects.select_related("order").filter(code=normalise_code(code)).first()
    if found is None:
        order_services.wrong_code(actor, ReturnError(_("No return has that code.")))
    return found


def receive(return_request, actor, now=None):
    """The parcel (or the customer in a store) has brought the return: its units go back on the
    shelf where it is received, and the refund is queued. Once: a second receipt is refused."""
    now = now or timezone.now()
    store = receiving_store(actor.user) if actor.user is not None else None
    with transaction.atomic():
        locked = Return.objects.select_for_update().select_related("order").get(pk=return_request.pk)
        if locked.status != Return.Status.REQUESTED:
            message = _("Return %(code)s was already received on %(day)s.")
            raise WrongStatus(message % {"code": locked.code, "day": timezone.localtime(locked.received_at).date()})
        partner = store.partner if store else Partner.objects.get(code=settings.SHOP_ONLINE_PARTNER_CODE)
        stock.restock(_records_at(partner, locked))
        locked.status, locked.received_at, locked.received_by, locked.received_in = (
            Return.Status.RECEIVED,
            now,
            actor.user,
            store,
        )
        locked.save(update_fields=["status", "received_at", "received_by", "received_in"])
        from shop.returns.tasks import refund_return

        enqueue(refund_return, locked.pk)
    return locked


def _records_at(partner, return_request):
    """{stock record id: units} of the return's products at ``partner`` (a record is made for a
    product the location did not stock)."""
    units = {}
    for line in return_request.lines.select_related("order_line"):
        product_id = line.order_line.product_id
        if product_id is None:
            continue  # the product is gone from the catalogue: nothing to put back
        record, _created = StockRecord.objects.get_or_create(
            partner=partner,
            product_id=product_id,
            defaults={
                "partner_sku": f"{partner.code}-{product_id}",
                "num_in_stock": 0,
                "price": line.order_line.unit_price_incl_tax,
            },
        )
        units[record.pk] = units.get(record.pk, 0) + line.quantity
    return units
