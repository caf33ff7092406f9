"""The reads of delivery places that the checkout pages and the API need."""

import re

from shop.shipping.models import PickupPoint
from shop.stores.models import Store

POSTCODE = re.compile(r"[0-9]{5}")  # ASCII digits: str.isdigit() also takes "¹²³"


def collection_stores():
    """The stores where customers can collect orders, with what ``ready_at`` reads."""
    return list(
        Store.objects.active()
        .filter(kind=Store.Kind.STORE, is_pickup_point=True)
        .select_related("partner")
        .prefetch_related("opening_hours")
        .order_by("name")
    )


def pickup_points_near(postcode, limit=5):
    """The active pickup points nearest to a Finnish postcode, nearest first.

    Finnish postcodes are numbered by area (00xxx Helsinki, 02xxx Espoo, 33xxx Tampere), so the
    numeric distance between two codes is a fair stand-in for the distance between the places,
    good enough to list a handful of points without a geocoding service. Without a postcode, the
    first points by postcode.
    """
    points = list(PickupPoint.objects.filter(is_active=True))
    if postcode and POSTCODE.fullmatch(postcode):
        target = int(postcode)
        points.sort(key=lambda p: (abs(int(p.postcode) - target) if POSTCODE.fullmatch(p.postcode) else 10**6, p.name))
    return points[:limit]
