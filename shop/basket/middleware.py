from django.contrib import messages
from django.core.signing import BadSignature, Signer
from django.utils.translation import ngettext
from oscar.apps.basket import middleware

from pim.queries import display_title
from shop.basket import services
from shop.basket.models import Basket, Channel


class BasketMiddleware(middleware.BasketMiddleware):
    """Oscar's basket middleware with the one-cart rules for a signed-in customer: their one open
    cart (the same on every device and channel), and an anonymous cart from before signing in
    merged into it by the cart service (quantities added, attribution kept), saying what came over."""

    def get_basket(self, request):
        if request._basket_cache is not None or not request.user.is_authenticated:
            return super().get_basket(request)
        basket = services.open_basket_of(request.user)
        cookie_key = self.get_cookie_key(request)
        cookie_basket = self.get_cookie_basket(cookie_key, request, Basket.open)
        # Into a cart being paid for nothing merges: the guest cart (and its cookie) waits until
        # the payment ends.
        if cookie_basket is not None and basket.status != Basket.FROZEN:
            merged = services.merge(basket, cookie_basket, services.Actor(user=request.user, channel=Channel.WEB))
            request.cookies_to_delete.append(cookie_key)
            if merged:
                items = ", ".join(f"{quantity} × {display_title(product)}" for product, quantity in merged)
                count = sum(quantity for _product, quantity in merged)
                message = ngettext(
                    "Added to your cart from before you signed in: %(items)s.",
                    "Added to your cart from before you signed in (%(count)s items): %(items)s.",
                    count,
                )
                messages.info(request, message % {"items": items, "count": count})
        request._basket_cache = basket
        return basket

    def get_cookie_basket(self, cookie_key, request, manager):
        """The guest cart the cookie names. A guest's cart stays theirs while it is frozen for a
        payment (Oscar's looks only at open carts, whatever the manager, and would start an empty
        one and drop the cookie); a frozen guest cart is not merged on sign-in."""
        if cookie_key not in request.COOKIES:
            return None
        manager = Basket.open if request.user.is_authenticated else Basket.current
        try:
            return manager.get(pk=Signer().unsign(request.COOKIES[cookie_key]), owner=None)
        except (BadSignature, Basket.DoesNotExist):
            request.cookies_to_delete.append(cookie_key)
            return None
