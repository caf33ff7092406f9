"""The reads of carts that pages and the API need without loading and pricing a whole cart."""

from datetime import timedelta

from django.conf import settings
from django.core.signing import BadSignature, Signer
from django.db.models import Max

from shop.basket.models import Basket


def open_cart_version(request):
    """The version of the request's open cart (0 when there is none yet), read from one row:
    what the live refresh polls."""
    carts = Basket.open.all()
    if request.user.is_authenticated:
        carts = carts.filter(owner=request.user)
    else:
        try:
            carts = carts.filter(owner=None, pk=Signer().unsign(request.COOKIES[settings.OSCAR_BASKET_COOKIE_OPEN]))
        except (KeyError, BadSignature):
            return 0
    return carts.values_list("version", flat=True).first() or 0


def carts_to_remind(now):
    """Open carts with products, last changed between SHOP_CART_REMINDER_HOURS and a week ago,
    whose owner agreed to marketing email and was not reminded of them yet."""
    latest = now - timedelta(hours=settings.SHOP_CART_REMINDER_HOURS)
    return (
        Basket.open.filter(reminder_sent_at=None, owner__profile__marketing_email_since__isnull=False)
        .annotate(last_change=Max("lines__date_updated"))
        .filter(last_change__lte=latest, last_change__gte=now - timedelta(days=7))
        .select_related("owner__profile")
    )
