from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from shop.stores import aisle
from shop.stores.models import AisleCart, CartConsent


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_aisle_link(self, aisle_id):
    """Email a walk-in customer the link to the cart an associate built for them, in the
    language it was sent in. Safe to retry and to run twice at once (the outbox may resend it):
    the row is locked and a cart already emailed, or already claimed, is not sent again."""
    with transaction.atomic():
        cart = (
            AisleCart.objects.select_for_update(of=("self",))
            .select_related("basket", "staff", "store")
            .get(pk=aisle_id)
        )
        if cart.emailed_at or cart.claimed_at or not cart.email:
            return "nothing to send"
        site = Site.objects.get_current()
        with translation.override(cart.language):
            context = {
                "cart": cart,
                "lines": list(cart.basket.lines.select_related("product__parent")),
                "shop_name": settings.OSCAR_SHOP_NAME,
                "link": f"{settings.OSCAR_URL_SCHEMA}://{site.domain}{aisle.link_path(cart)}",
            }
            subject = render_to_string("stores/emails/aisle_cart_subject.txt", context).strip()
            body = render_to_string("stores/emails/aisle_cart_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [cart.email])
        AisleCart.objects.filter(pk=cart.pk).update(emailed_at=timezone.now())
    return f"sent cart {cart.pk} to {cart.email}"


@shared_task
def forget_old_consents():
    """Delete consents (and the openings of carts made under them) that ended more than
    SHOP_CONSENT_RETENTION_DAYS ago: the period README's privacy section promises (Celery beat)."""
    cutoff = timezone.now() - timedelta(days=settings.SHOP_CONSENT_RETENTION_DAYS)
    ended = Q(revoked_at__lt=cutoff) | Q(expires_at__lt=cutoff) | Q(redeemed_at=None, code_expires_at__lt=cutoff)
    deleted, _by_model = CartConsent.objects.filter(ended).delete()
    return f"{deleted} rows deleted"
