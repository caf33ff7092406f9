"""The Redis cache, which answers as an empty cache while Redis is unreachable.

Nothing the shop keeps is only in the cache (sessions are in the database), so a Redis outage
costs speed, not function: a read is a miss, a write is dropped, and each process logs a
warning. Rate limits count in this cache, so while Redis is down they count nothing and let
requests through: an outage must not lock every customer out of signing in (see README,
"Outages").
"""

import logging
import time

from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class DegradingRedisCache(RedisCache):
    # After a failure Redis is left alone this long, so that a Redis that hangs costs one timeout
    # per process every few seconds rather than one per cache call.
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._empty = DummyCache("", params)
        self._down_until = 0.0


def _degrading(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                return redis_method(self, *args, **kwargs)
            except RedisError as error:
                self._down_until = time.monotonic() + self.RETRY_AFTER
                logger.warning("Redis cache unreachable (%s); answering as an empty cache.", error)
        return getattr(self._empty, name)(*args, **kwargs)

    method.__name__ = name
    return method


# Every operation of Django's RedisCache; the others (get_or_set, decr, the async ones) call these.
OPERATIONS = ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many", "delete_many", "clear")
for _name in OPERATIONS:
    setattr(DegradingRedisCache, _name, _degrading(_name))
