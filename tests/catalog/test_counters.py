"""Rate-limit counters: a count per key that expires with its window, in the cache or in Redis."""

import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache

from catalog.counters import CacheCounter, RedisCounter, default_counter


def test_a_cache_counter_counts_from_one_per_key():
    counter = CacheCounter(LocMemCache("counters", {}))

    assert [counter.hit("a", seconds=60) for _ in range(3)] == [1, 2, 3]
    assert counter.hit("b", seconds=60) == 1


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
def test_a_redis_counter_counts_and_its_window_expires_from_the_first_hit():
    counter, key = RedisCounter(settings.REDIS_URL), f"test-{uuid.uuid4().hex}"
    client = redis.Redis.from_url(settings.REDIS_URL)

    counts = [counter.hit(key, seconds=60) for _ in range(3)]
    ttl_after_three = client.ttl(f"catalog:counter:{key}")

    assert counts == [1, 2, 3]
    assert 0 < ttl_after_three <= 60
    client.delete(f"catalog:counter:{key}")


def test_the_counter_is_redis_exactly_when_the_cache_is(settings):
    assert isinstance(default_counter(), RedisCounter if settings.REDIS_URL else CacheCounter)
