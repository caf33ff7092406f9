"""Limits on failed tries of something guessable (voucher codes), counted in the cache.

Each limit allows a number of failures per identity (a customer, a client IP) in a window that
starts with the first failure; once reached, every try is refused until the window ends, right
or wrong, so that a refusal tells nothing about the code.
"""

import time

from django.conf import settings
from django.core.cache import cache


class FailureLimit:
    def __init__(self, scope, setting):
        self.scope = scope
        self.setting = setting  # names {identity kind: (failures, seconds)} in settings

    def limits(self):
        return getattr(settings, self.setting).items()

    def key(self, kind, identity):
        return f"shop:failures:{self.scope}:{kind}:{identity}"

    def retry_after(self, identities):
        """Seconds until a try is allowed again for these identities ({kind: identity}); 0 now."""
        now = time.time()
        waits = [0]
        for kind, (failures, seconds) in self.limits():
            key = self.key(kind, identities[kind])
            if (cache.get(f"{key}:count") or 0) >= failures:
                started = cache.get(f"{key}:since") or now
                waits.append(max(1, round(started + seconds - now)))
        return max(waits)

    def record_failure(self, identities):
        for kind, (_failures, seconds) in self.limits():
            key = self.key(kind, identities[kind])
            if cache.add(f"{key}:count", 1, seconds):
                cache.set(f"{key}:since", time.time(), seconds)
            else:
                try:
                    cache.incr(f"{key}:count")
                except ValueError:  # the window ended between add and incr
                    cache.add(f"{key}:count", 1, seconds)
