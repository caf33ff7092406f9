from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions():
    """Delete the expired sessions, which Django leaves in the database (Celery beat, daily)."""
    call_command("clearsessions")
