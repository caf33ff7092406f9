from io import StringIO

from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled():
    """Publish the product versions whose go-live time has come and unpublish the expired ones
    (Wagtail's own command, which sends the same signals as a publish from the editor, so the
    catalogue copy and the reindex follow). Run every minute by Celery beat."""
    output = StringIO()
    call_command("publish_scheduled", stdout=output)
    return output.getvalue()
