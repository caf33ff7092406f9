"""manage.py run_schedule: Celery beat's schedule, run in this process, for the embedded demo.

The demo has no broker and runs its tasks in the web process (eager), so nothing would sweep the
payments whose hold ran out, resend what the outbox keeps or send the reminders. ``make demo``
runs this beside the web server; production runs ``celery beat`` and a worker instead.
"""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from shop.celery import app as celery_app

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the tasks of CELERY_BEAT_SCHEDULE on their intervals, in this process (the demo's beat)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every task once and stop")

    def handle(self, once=False, **options):
        celery_app.loader.import_default_modules()
        due = dict.fromkeys(settings.CELERY_BEAT_SCHEDULE, 0.0)
        while True:
            for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
                if time.monotonic() >= due[name]:
                    due[name] = time.monotonic() + float(entry["schedule"])
                    try:
                        celery_app.tasks[entry["task"]].apply(throw=True)
                    except Exception:
                        logger.exception("The scheduled task %s failed; it runs again on its next turn.", name)
            if once:
                return
            time.sleep(1)
