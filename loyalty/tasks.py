import logging

from celery import shared_task

from loyalty import gateway, services
from loyalty.models import Membership

logger = logging.getLogger(__name__)


@shared_task
def reconcile_memberships():
    """Bring every membership that follows a subscription in line with Stripe, so that a webhook
    that never arrived still takes effect (run by Celery beat, see CELERY_BEAT_SCHEDULE)."""
    changed = failed = 0
    pending = Membership.objects.exclude(status=Membership.Status.ENDED).exclude(stripe_subscription_id="")
    for membership in pending.iterator():
        before = (membership.status, membership.current_period_end, membership.cancel_at_period_end)
        try:
            after = services.reconcile(membership)
        except gateway.StripeError:
            failed += 1
            logger.warning("Could not reconcile membership %s with Stripe", membership.pk, exc_info=True)
            continue
        if after and (after.status, after.current_period_end, after.cancel_at_period_end) != before:
            changed += 1
    return {"changed": changed, "failed": failed}
