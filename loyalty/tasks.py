import logging

from celery import shared_task
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from loyalty import gateway
from loyalty.models import Membership

logger = logging.getLogger(__name__)


@shared_task
def reconcile_memberships():
    """Bring every membership that follows a subscription in line with Stripe, so that a webhook
    that never arrived still takes effect (run by Celery beat, see CELERY_BEAT_SCHEDULE)."""
    from loyalty import services  # imported here: services queues this module's tasks

    changed = failed = 0
    unended = Membership.objects.exclude(status=Membership.Status.ENDED)
    followed = unended.exclude(stripe_subscription_id="", stripe_customer_id="")  # not billed through Stripe
    for membership in followed.iterator():
        before = (membership.status, membership.current_period_end, membership.cancel_at_period_end)
        try:
            after = services.reconcile(membership)
        except gateway.StripeError:
            failed += 1
            logger.warning("Could not reconcile membership %s with Stripe", membership.pk, exc_info=True)
            continue
        if after is None or (after.status, after.current_period_end, after.cancel_at_period_end) != before:
            changed += 1  # None: a join that Stripe never completed was removed
    return {"changed": changed, "failed": failed}


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_welcome(self, membership_id):
    """Email a new member that their membership is active. Safe to retry and to run twice at once
    (the outbox may resend it): the membership row is locked, and the email goes once per
    subscription (welcome_sent_at)."""
    with transaction.atomic():
        locked = Membership.objects.select_for_update(of=("self",)).select_related("user", "plan")
        membership = locked.get(pk=membership_id)
        if membership.welcome_sent_at or membership.status != Membership.Status.ACTIVE:
            return "nothing to send"
        welcome(membership)
    return f"welcomed {membership.user.email}"


def welcome(membership):
    site = Site.objects.get_current()
    context = {
        "user": membership.user,
        "membership": membership,
        "shop_name": settings.OSCAR_SHOP_NAME,
        "membership_url": f"{settings.OSCAR_URL_SCHEMA}://{site.domain}{reverse('loyalty:membership')}",
    }
    subject = render_to_string("loyalty/emails/welcome_subject.txt", context).strip()
    body = render_to_string("loyalty/emails/welcome_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [membership.user.email])
    Membership.objects.filter(pk=membership.pk).update(welcome_sent_at=timezone.now())
