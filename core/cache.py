"""Django's Redis cache, made so that Redis is never a single point of failure for a person.

With Redis unreachable (connection refused, timed out, dropped mid-command) every cache call
answers as Django's DummyCache would: reads miss, writes are dropped, `add` reports success, and
`incr` raises ValueError as it does for any missing key (callers already handle that, since a
key can always have been evicted). A page then computes what it would have read from the cache.

So that a page making twenty cache calls does not wait twenty timeouts, the first failure opens
a breaker: for `RETRY_AFTER` seconds (OPTIONS, default 5) calls skip Redis altogether, then the
next call tries again. The breaker is per process and per Redis location, shared by threads.

Consequences that are accepted while Redis is down:
- allauth's rate limits (login, signup, password reset) keep their counters in the cache, so
  they do not limit anything until Redis is back. `add` reporting success is what lets allauth
  take its lock at once instead of waiting a second and answering 429.
- Writes made during the outage are lost. When the same Redis comes back with its old data, an
  entry can be older than the data behind it, so nothing may keep the version that says whether
  an entry is current in this cache alone (the dashboards' versions live in the database, see
  impact/cache.py).

Why not django-redis: its IGNORE_EXCEPTIONS swallows errors the same way, but it has no breaker,
so each call still pays the timeout; this is a few lines over Django's own backend, with the
same keys and serialisation as before.
"""

import logging
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
DEFAULT_RETRY_AFTER = 5.0
DEFAULT_SOCKET_TIMEOUT = 0.5

# Redis location -> time.monotonic() until which it is taken as down. Module level, so that the
# per-thread cache objects Django creates share what one of them learnt.
_down_until: dict[tuple[str, ...], float] = {}


def reset_breakers() -> None:
    """Forget every outage seen so far (tests, or after a deliberate restart)."""
    _down_until.clear()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = tuple(self._servers)

    # --- the breaker --------------------------------------------------------------------------
    def _is_down(self) -> bool:
        until = _down_until.get(self._location)
        return until is not None and time.monotonic() < until

    def _failed(self, exc: Exception) -> None:
        first = self._location not in _down_until
        _down_until[self._location] = time.monotonic() + self.retry_after
        logger.warning(
            "Redis cache %s unreachable (%s: %s); %s for %gs",
            ",".join(self._location),
            type(exc).__name__,
            exc,
            "serving without the cache" if first else "still down, trying again",
            self.retry_after,
        )

    def _succeeded(self) -> None:
        if _down_until and _down_until.pop(self._location, None) is not None:
            logger.warning("Redis cache %s reachable again", ",".join(self._location))

    def _call(self, fallback, method, *args, **kwargs):
        if self._is_down():
            return fallback
        try:
            result = method(*args, **kwargs)
        except UNREACHABLE as exc:
            self._failed(exc)
            return fallback
        self._succeeded()
        return result

    # --- the cache API, each with what DummyCache would answer --------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # The keys that could not be stored: all of them.
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)

    def incr(self, key, delta=1, version=None):
        # A key that is missing raises ValueError (Django's contract, raised by super() and
        # passed through untouched); an unreachable Redis is one more way of not finding it.
        missing = object()
        value = self._call(missing, super().incr, key, delta, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found: the cache is unreachable.")
        return value
