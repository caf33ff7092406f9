"""The reads the store pages, the customer's store-access page and the tablet need."""

from django.db.models import Q
from django.utils import timezone
from oscar.core.loading import get_model

from shop.basket.models import CartChange
from shop.stores.models import AisleCart, AssistSession, CartConsent

UserProductView = get_model("analytics", "UserProductView")


def live_consents(customer):
    """The customer's consents that still give (or, for a code, can still give) access."""
    now = timezone.now()
    return list(
        CartConsent.objects.filter(customer=customer, revoked_at=None)
        .filter(Q(expires_at__gt=now) | Q(kind=CartConsent.Kind.CODE, redeemed_at=None, code_expires_at__gt=now))
        .select_related("store", "redeemed_by")
    )


def staff_access_log(customer, limit=50):
    """Every time a member of staff opened the customer's cart, and every change they made to
    it: who, which store, when, what (newest first)."""
    sessions = list(
        AssistSession.objects.filter(consent__customer=customer).select_related("staff", "store", "consent")[:limit]
    )
    changes = list(
        CartChange.objects.filter(basket__owner=customer, store__isnull=False)
        .exclude(actor=customer)
        .select_related("actor", "store", "product__parent")[:limit]
    )
    return sessions, changes


def recently_viewed(customer, limit=8):
    """The products the customer looked at most recently (Oscar's analytics records views of
    signed-in customers), newest first, each once."""
    seen, products = set(), []
    views = UserProductView.objects.filter(user=customer).select_related("product").order_by("-date_created")
    for view in views[: limit * 4]:
        if view.product_id not in seen and view.product.is_public:
            seen.add(view.product_id)
            products.append(view.product)
    return products[:limit]


def wish_list_products(customer):
    """The products on the customer's wish lists (Oscar's wishlists), in the order added."""
    lines = (
        get_model("wishlists", "Line")
        .objects.filter(wishlist__owner=customer, product__isnull=False, product__is_public=True)
        .select_related("product")
        .order_by("pk")
    )
    return [line.product for line in lines]


def open_sessions(staff):
    """The sessions this member of staff has open now (their consent may have ended since:
    opening one checks it again)."""
    return list(
        AssistSession.objects.filter(staff=staff, ended_at=None, consent__revoked_at=None)
        .select_related("consent__customer")
        .order_by("-started_at")[:10]
    )


def open_aisle_carts(store):
    """The walk-in customers' carts of a store not yet taken by their customer, newest first."""
    return list(
        AisleCart.objects.filter(store=store, claimed_at=None)
        .select_related("staff", "basket")
        .order_by("-created_at")[:10]
    )
