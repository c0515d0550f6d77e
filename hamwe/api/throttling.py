"""How many API requests a client may make: the rates, counted cheaply and shared.

The rates (settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], declared in the OpenAPI
schema with the 429 answer every operation may give) are set so that a partner's normal
use never meets them: a script that pages through the whole registry or every
partnership at full speed, or a tool polling every few seconds, stays well below.

DRF's own throttles keep a list of every request's time in the cache and write it back
on each request (six statements and a commit with the database cache, a growing list to
read and write); several workers must share the count, so a per-process cache would not
do. Here each request adds one to its client's count for the current fixed window in one
statement (an upsert) on a table every worker and server shares. A fixed window lets a
client make up to twice the rate across a window's edge; that is the price of counting
with one statement, and still bounds what one client can do.
"""

import random
import time

from django.db import connection
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .models import RequestCount

_TABLE = RequestCount._meta.db_table
_HIT = (
    f'INSERT INTO {_TABLE} ("key", "window", "hits") VALUES (%s, %s, 1) '
    f'ON CONFLICT ("key") DO UPDATE SET '
    f'"hits" = CASE WHEN {_TABLE}."window" = excluded."window" THEN {_TABLE}."hits" + 1 '
    f"ELSE 1 END, "
    f'"window" = excluded."window" '
    f'RETURNING "hits"'
)


def hit(key, window) -> int:
    """Count one request of `key` in `window`; the count so far in it (one statement)."""
    with connection.cursor() as cursor:
        cursor.execute(_HIT, [key, window])
        return cursor.fetchone()[0]


def forget_old(window) -> None:
    """Drop the counts of windows before `window` (clients that stopped calling)."""
    RequestCount.objects.filter(window__lt=window).delete()


class CountedRate:
    """A DRF throttle's rate, counted by `hit` in fixed windows."""

    timer = time.time

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        hits = hit(self.key, window)
        if hits == 1 and random.random() < 0.01:  # now and then, on a client's first hit
            forget_old(window - 1)
        self.retry_after = (window + 1) * self.duration - now
        return hits <= self.num_requests

    def wait(self):
        """Seconds until the window ends (the Retry-After of a 429)."""
        return self.retry_after


class UserRate(CountedRate, UserRateThrottle):
    """Per signed-in user (token or session): scope "user"."""


class AnonRate(CountedRate, AnonRateThrottle):
    """Per address, for calls without a user: scope "anon"."""
