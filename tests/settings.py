"""Test settings: the real settings, with what makes tests fast and observable.

The database comes from DATABASE_URL like everywhere else (scripts/test.py points it at
PostgreSQL when one is reachable). Tasks run eagerly unless a test starts a real worker.
"""

import tempfile
from pathlib import Path

from shop.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="shop-test-media-"))
# Each test gets a clean in-process cache (rate limits) instead of a shared Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
