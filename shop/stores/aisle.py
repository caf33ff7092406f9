"""The endless aisle: a member of staff builds a cart for a walk-in customer without an account,
sends it by email as a signed link that expires, and the customer claims its lines into their
own cart on the web shop (signed in or as a guest), each line keeping the associate's attribution.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.basket import services as cart
from shop.basket.models import Basket
from shop.outbox import services as outbox
from shop.stores.consent import AccessRefused, store_of
from shop.stores.models import AisleCart

SALT = "shop.stores.aisle"


class AisleError(Exception):
    """A link or a request that cannot be honoured; the message says why."""


def start(request):
    """A new, empty cart built by this member of staff in their store."""
    store = store_of(request.user)
    if store is None:
        raise AccessRefused(_("Only store staff can build a cart for a customer."))
    return AisleCart.objects.create(basket=Basket.objects.create(), staff=request.user, store=store)


def for_staff(request, aisle_id):
    """An aisle cart of this member of staff's store that has not been claimed yet."""
    store = store_of(request.user)
    aisle = (
        AisleCart.objects.select_related("basket", "staff", "store").filter(pk=aisle_id, store=store).first()
        if store
        else None
    )
    if aisle is None:
        raise AccessRefused(_("No such cart in your store."))
    if aisle.claimed_at is not None:
        raise AccessRefused(_("The customer has already taken this cart into their own."))
    return aisle


def token_for(aisle):
    return signing.dumps({"aisle": aisle.pk}, salt=SALT, compress=True)


def link_path(aisle):
    return reverse("basket:from-store", kwargs={"token": token_for(aisle)})


@transaction.atomic
def send(aisle, email, language):
    """Send the cart to ``email`` (in ``language``) as a link valid for SHOP_AISLE_LINK_DAYS days."""
    from shop.stores.tasks import send_aisle_link

    if aisle.basket.is_empty:
        raise AisleError(_("Add something to the cart before sending it."))
    now = timezone.now()
    aisle.email, aisle.language, aisle.sent_at, aisle.emailed_at = email, language, now, None
    aisle.expires_at = now + timedelta(days=settings.SHOP_AISLE_LINK_DAYS)
    aisle.save(update_fields=["email", "language", "sent_at", "emailed_at", "expires_at"])
    outbox.enqueue(send_aisle_link, aisle.pk)
    return aisle


def from_token(token):
    """The aisle cart a link points at, refusing tampered, expired and used links."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.SHOP_AISLE_LINK_DAYS))
        aisle = AisleCart.objects.select_related("basket", "staff", "store").get(pk=data["aisle"])
    except (signing.BadSignature, KeyError, TypeError, AisleCart.DoesNotExist):
        raise AisleError(_("This link is not valid. Ask the store to send the cart again."))
    if aisle.sent_at is None or aisle.expires_at is None or aisle.expires_at <= timezone.now():
        raise AisleError(_("This link has expired. Ask the store to send the cart again."))
    if aisle.claimed_at is not None:
        raise AisleError(_("These products are already in a cart: this link has been used."))
    return aisle


def claim(token, basket, actor, request=None):
    """Take the lines of the linked cart into ``basket``; the link is used up. Returns
    (added lines, refused [(product, reason)])."""
    with transaction.atomic():
        aisle = from_token(token)
        locked = AisleCart.objects.select_for_update().get(pk=aisle.pk)
        if locked.claimed_at is not None:
            raise AisleError(_("These products are already in a cart: this link has been used."))
        added, refused = cart.claim(basket, aisle.basket, actor, request=request)
        locked.claimed_at, locked.claimed_into = timezone.now(), basket
        locked.save(update_fields=["claimed_at", "claimed_into"])
    return added, refused
