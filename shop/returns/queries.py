"""The reads the return pages, the order page, the tablet and the API need."""

from django.conf import settings
from django.db.models import Prefetch

from shop.order.queries import storable
from shop.returns.models import Return, ReturnLine


def returns_of(order):
    return list(Return.objects.filter(order=order).prefetch_related("lines__order_line").order_by("created"))


def return_of(order, code):
    if not storable(code):
        return None
    return (
        Return.objects.filter(order=order, code=str(code).upper())
        .prefetch_related(Prefetch("lines", queryset=ReturnLine.objects.select_related("order_line")))
        .first()
    )


def return_address():
    """Where returned parcels go (the online warehouse), as lines of an address label."""
    return settings.SHOP_RETURN_ADDRESS
