import logging

from celery import shared_task
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from shop.accounts.services import unsubscribe_token
from shop.basket import queries
from shop.basket.models import Basket

logger = logging.getLogger(__name__)


@shared_task
def send_cart_reminders():
    """Remind customers who agreed to marketing email of a cart they left (Celery beat). Each
    cart is claimed before its email goes out, so it is reminded of once even if two runs
    overlap; a failed send releases the claim for the next run."""
    now = timezone.now()
    sent = 0
    for basket in queries.carts_to_remind(now):
        if not Basket.objects.filter(pk=basket.pk, reminder_sent_at=None).update(reminder_sent_at=now):
            continue  # another run took it
        try:
            send_reminder(basket)
        except OSError:
            Basket.objects.filter(pk=basket.pk).update(reminder_sent_at=None)
            logger.warning("Cart reminder for basket %s failed; retried on the next run", basket.pk, exc_info=True)
        else:
            sent += 1
    return f"{sent} reminders sent"


def send_reminder(basket):
    customer = basket.owner
    site = Site.objects.get_current()
    root = f"{settings.OSCAR_URL_SCHEMA}://{site.domain}"
    unsubscribe = reverse("accounts:unsubscribe", kwargs={"token": unsubscribe_token(customer)})
    with translation.override(customer.profile.language):
        context = {
            "customer": customer,
            "lines": list(basket.lines.select_related("product__parent")),
            "shop_name": settings.OSCAR_SHOP_NAME,
            "cart_url": root + reverse("basket:summary"),
            "unsubscribe_url": root + unsubscribe,
        }
        subject = render_to_string("basket/emails/cart_reminder_subject.txt", context).strip()
        body = render_to_string("basket/emails/cart_reminder_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [customer.email])
