"""Demo data of the one cart (journeys 1.2-1.3 and 4.2-4.3), loaded by manage.py load_demo:
Anna's cart with the Saimaa sofa she chose, what she recently viewed and her wish list; Ben's
standing in-store consent; and a cart Aino built in Helsinki for a walk-in customer, whose link
the command prints (open it signed out, then sign in as Anna: the two carts merge).

Idempotent: what exists is left alone; the walk-in cart is built again once its link was used
or has expired.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.models import Product
from shop.basket import services
from shop.basket.models import Basket, Channel
from shop.stores import aisle
from shop.stores.models import AisleCart, CartConsent, StaffMember

UserProductView = get_model("analytics", "UserProductView")
WishList = get_model("wishlists", "WishList")

ANNA, BEN, AINO = "anna@example.com", "ben@example.com", "aino.staff@example.com"
ANNAS_SOFA = "PH-SOFA-SAIMAA-LINEN-SAND"
ANNA_VIEWED = ["PH-SOFA-SAIMAA", "PH-CUSH-NEULE", "PH-CARE-LINEN", "PH-CUSH-TUKI"]
ANNAS_WISHES = ["PH-CUSH-RUUTU", "PH-ARM-SAIMAA"]
WALK_IN_CART = [("PH-CUSH-TUKI", 2), ("PH-CARE-LINEN", 1)]


def _user(email):
    return get_user_model().objects.filter(email__iexact=email).first()


def _products(upcs):
    found = {p.upc: p for p in Product.objects.filter(upc__in=upcs)}
    return [found[upc] for upc in upcs if upc in found]


def load():
    anna, ben, aino = _user(ANNA), _user(BEN), _user(AINO)
    done = []
    if anna and load_annas_cart(anna):
        done.append("Anna's cart, recent views and wish list")
    if ben and not CartConsent.objects.filter(customer=ben, kind=CartConsent.Kind.STANDING).exists():
        CartConsent.objects.create(
            customer=ben,
            kind=CartConsent.Kind.STANDING,
            phone="+358407654321",
            expires_at=timezone.now() + timedelta(days=365),
        )
        done.append("Ben's standing in-store consent")
    link = load_walk_in_cart(aino) if aino else None
    return ", ".join(done) or "unchanged", link


def load_annas_cart(anna):
    """Returns whether anything was added."""
    basket = services.open_basket_of(anna)
    if basket.lines.exists() or UserProductView.objects.filter(user=anna).exists():
        return False
    for sofa in _products([ANNAS_SOFA]):
        services.add_product(basket, sofa, 1, services.Actor(user=anna, channel=Channel.WEB))
    UserProductView.objects.bulk_create(UserProductView(user=anna, product=p) for p in _products(ANNA_VIEWED))
    wish_list, _ = WishList.objects.get_or_create(owner=anna, defaults={"name": "Living room"})
    for product in _products(ANNAS_WISHES):
        wish_list.add(product)
    return True


def load_walk_in_cart(aino):
    """A cart Aino built for a walk-in customer, sent; returns its link path."""
    now = timezone.now()
    cart = AisleCart.objects.filter(staff=aino, claimed_at=None, expires_at__gt=now).first()
    if cart is None:
        store = StaffMember.objects.get(user=aino).store
        cart = AisleCart.objects.create(basket=Basket.objects.create(), staff=aino, store=store)
        actor = services.Actor(user=aino, channel=Channel.TABLET, store=store)
        products = {p.upc: p for p in _products([upc for upc, _quantity in WALK_IN_CART])}
        for upc, quantity in WALK_IN_CART:
            if upc in products:
                services.add_product(cart.basket, products[upc], quantity, actor)
        AisleCart.objects.filter(pk=cart.pk).update(
            email="walk-in@example.com",
            sent_at=now,
            expires_at=now + timedelta(days=settings.SHOP_AISLE_LINK_DAYS),
        )
    return aisle.link_path(cart)
