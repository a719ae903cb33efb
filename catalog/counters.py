"""Counters for rate limits: how many hits a key had in its window, in one round trip.

With Redis as the cache, `INCR` and `EXPIRE NX` go in one pipeline over one long-lived client.
Django's Redis cache would take two round trips for an increment (`EXISTS`, then `INCR`) and
build a client object for each; on a partner's 304 answers that was a third of the time.
Without Redis, any Django cache counts (its increments are atomic within one process).
"""

import redis
from django.conf import settings
from django.core.cache import cache as default_cache


class CacheCounter:
    """Counts in a Django cache (the local-memory cache of the embedded defaults, or one a test gives)."""

    def __init__(self, cache=None):
        self.cache = cache

    def hit(self, key: str, *, seconds: int) -> int:
        """Count one hit on `key`, which expires `seconds` after its first; returns the count so far."""
        cache = self.cache or default_cache
        try:
            return cache.incr(key)
        except ValueError:  # the first hit of the window
            return 1 if cache.add(key, 1, seconds) else cache.incr(key)


class RedisCounter:
    """Counts in Redis with one round trip a hit."""

    def __init__(self, url: str):
        self.url = url
        self._client = None

    def hit(self, key: str, *, seconds: int) -> int:
        if self._client is None:  # a pool per process, made on first use (after a fork, not before)
            self._client = redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)
        pipe = self._client.pipeline(transaction=False)
        pipe.incr(f"catalog:counter:{key}")
        pipe.expire(f"catalog:counter:{key}", seconds, nx=True)
        count, _ = pipe.execute()
        return count


def default_counter() -> CacheCounter | RedisCounter:
    return RedisCounter(settings.REDIS_URL) if settings.REDIS_URL else CacheCounter()
