"""The Celery app. Broker and result backend come from settings (REDIS_URL); without them
tasks run eagerly in the calling process, which is what the embedded demo does."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

app = Celery("shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Every installed app's tasks module, so that a task named in CELERY_BEAT_SCHEDULE or queued by a new
# app is known to the worker (an explicit list once left pim.tasks unregistered).
app.autodiscover_tasks()
