from celery import shared_task

from shop.outbox import services


@shared_task
def resend_pending():
    """Send again what a broker outage or a failed run left pending (Celery beat, every minute)."""
    return services.resend_pending()
