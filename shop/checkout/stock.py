"""Stock for a checkout: reserved while the shopper pays, allocated when the order is placed.

Every function here locks the stock records it touches (``SELECT ... FOR UPDATE``) in one fixed
order, by id, so two checkouts wanting the same records queue instead of deadlocking, and what
one sees as free is still free when it writes. Under those locks the free units of a record are
``num_in_stock - num_allocated`` less the live reservations of *other* checkouts; an expired
reservation no longer counts, whether or not the sweep (shop.checkout.tasks) has removed it yet.
``StockRecord.num_reserved`` is kept equal to the live reservations of each record touched, so
that every page reading ``net_stock_level`` sees reserved units as gone.

Oscar's own availability check (the basket forms) runs outside any lock; it keeps a shopper from
putting more in a cart than there is, and does not decide whether a unit is sold.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from shop.checkout.models import StockReservation
from shop.partner.models import StockRecord


@dataclass(frozen=True)
class Shortage:
    product: object
    wanted: int
    available: int

    @property
    def title(self):
        """The product as the shopper knows it: a variant by its own title, which names the
        variant (a fabric and a colour), else the published title in the shopper's language."""
        from pim.queries import display_title

        return self.product.get_title() if self.product.is_child else display_title(self.product)


class OutOfStock(Exception):
    """Some products do not have the units wanted at the location; ``shortages`` says which."""

    def __init__(self, shortages):
        super().__init__(", ".join(f"{s.product}: {s.available} of {s.wanted}" for s in shortages))
        self.shortages = shortages


def wanted_at(lines, strategy):
    """The units the cart's lines need from the location ``strategy`` sells from, as
    ``({stock record: units}, [Shortage of each product the location does not stock])``. Lines of
    the same product (a customer's and an associate's) add up; products that do not track stock
    need nothing."""
    units, unstocked = Counter(), Counter()
    products = {}
    for line in lines:
        product = line.product
        if not product.get_product_class().track_stock:
            continue
        record = strategy.select_stockrecord(product)
        if record is None:
            unstocked[product.pk] += line.quantity
            products[product.pk] = product
        else:
            units[record] += line.quantity
    return dict(units), [Shortage(products[pk], quantity, 0) for pk, quantity in unstocked.items()]


def free_units(record, reserved):
    """What a record can still sell: in stock, less what orders hold and what ``reserved`` (the
    live reservations of other checkouts, by record id) holds."""
    return (record.num_in_stock or 0) - (record.num_allocated or 0) - reserved.get(record.pk, 0)


def _lock(record_ids):
    return list(StockRecord.objects.select_for_update().filter(pk__in=record_ids).order_by("pk"))


def live_reserved(record_ids, checkout=None, now=None):
    """{record id: units} that checkouts other than ``checkout`` hold right now on these records."""
    rows = (
        StockReservation.objects.filter(stockrecord_id__in=record_ids, expires_at__gt=now or timezone.now())
        .exclude(checkout_id=getattr(checkout, "pk", None))
        .values("stockrecord_id")
        .annotate(units=Sum("quantity"))
    )
    return {row["stockrecord_id"]: row["units"] for row in rows}


def _locked_and_checked(checkout, units, now):
    """Lock the records ``units`` names and those ``checkout`` holds (in id order); return the
    locked records wanted, ``{record id: units}``, and every id locked. Raises OutOfStock."""
    wanted = {record.pk: quantity for record, quantity in units.items()}
    products = {record.pk: record.product for record in units}
    own = set(StockReservation.objects.filter(checkout=checkout).values_list("stockrecord_id", flat=True))
    ids = sorted(set(wanted) | own)
    records = [record for record in _lock(ids) if record.pk in wanted]
    # Read under the locks: no reservation of these records comes or goes meanwhile.
    held = live_reserved(list(wanted), checkout, now)
    shortages = []
    for record in records:
        free = free_units(record, held)
        if free < wanted[record.pk]:
            shortages.append(Shortage(products[record.pk], wanted[record.pk], max(free, 0)))
    if shortages:
        raise OutOfStock(shortages)
    return records, wanted, ids


def recount(record_ids, now=None):
    """Set ``num_reserved`` of these records to their live reservations (one UPDATE)."""
    now = now or timezone.now()
    live = (
        StockReservation.objects.filter(stockrecord=OuterRef("pk"), expires_at__gt=now)
        .values("stockrecord")
        .annotate(units=Sum("quantity"))
        .values("units")
    )
    StockRecord.objects.filter(pk__in=record_ids).update(num_reserved=Coalesce(Subquery(live), 0))


def reserve(checkout, units, until):
    """Hold ``units`` ({stock record: quantity}) for ``checkout`` until ``until``, replacing what
    it held before. Raises OutOfStock, holding nothing new, when a record lacks the units. Must
    run inside the caller's transaction."""
    now = timezone.now()
    _records, wanted, ids = _locked_and_checked(checkout, units, now)
    StockReservation.objects.filter(checkout=checkout).delete()
    StockReservation.objects.bulk_create(
        StockReservation(checkout=checkout, stockrecord_id=pk, quantity=quantity, expires_at=until)
        for pk, quantity in wanted.items()
    )
    recount(ids, now)


def release(checkout):
    """Give back what ``checkout`` holds (inside the caller's transaction)."""
    ids = sorted(StockReservation.objects.filter(checkout=checkout).values_list("stockrecord_id", flat=True))
    if not ids:
        return
    _lock(ids)
    StockReservation.objects.filter(checkout=checkout).delete()
    recount(ids)


def allocate(checkout, units):
    """Allocate ``units`` to the order being placed for ``checkout``: from its own reservation
    where it still has one, otherwise from free stock. Raises OutOfStock, allocating nothing,
    when a record lacks the units. Must run inside the caller's transaction (the order's)."""
    now = timezone.now()
    records, wanted, ids = _locked_and_checked(checkout, units, now)
    for record in records:
        record.num_allocated = (record.num_allocated or 0) + wanted[record.pk]
    StockRecord.objects.bulk_update(records, ["num_allocated"])
    StockReservation.objects.filter(checkout=checkout).delete()
    recount(ids, now)


def _locked_lines(lines):
    """{stock record: units} of order lines, their records locked in id order."""
    wanted = Counter()
    for line in lines:
        if line.stockrecord_id is not None and line.product_id is not None:
            wanted[line.stockrecord_id] += line.quantity
    return {record: wanted[record.pk] for record in _lock(sorted(wanted))}


def consume_allocation(lines):
    """The units of order lines have left the shelf (shipped, collected): out of stock and out of
    what is allocated (inside the caller's transaction)."""
    for record, quantity in _locked_lines(lines).items():
        StockRecord.objects.filter(pk=record.pk).update(
            num_in_stock=F("num_in_stock") - quantity, num_allocated=F("num_allocated") - quantity
        )


def cancel_allocation(lines):
    """The units of order lines that will not be sold are free again (a cancelled order)."""
    for record, quantity in _locked_lines(lines).items():
        StockRecord.objects.filter(pk=record.pk).update(num_allocated=F("num_allocated") - quantity)


def restock(units):
    """Returned units ({stock record id: quantity}) are on the shelf again."""
    for record in _lock(sorted(units)):
        StockRecord.objects.filter(pk=record.pk).update(num_in_stock=F("num_in_stock") + units[record.pk])


def sweep_expired(now=None):
    """Remove expired reservations and recount their records; returns how many were removed."""
    now = now or timezone.now()
    ids = sorted(set(StockReservation.objects.filter(expires_at__lte=now).values_list("stockrecord_id", flat=True)))
    if not ids:
        return 0
    _lock(ids)
    deleted, _rows = StockReservation.objects.filter(expires_at__lte=now, stockrecord_id__in=ids).delete()
    recount(ids, now)
    return deleted
