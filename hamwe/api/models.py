"""The API frame's own table: how many requests each client made in the current minute."""

from django.db import models


class RequestCount(models.Model):
    """One client's requests in the current window of its throttle (hamwe/api/throttling.py).

    Counted by one statement per request, shared by every worker and server (it is in the
    database). On PostgreSQL the table is UNLOGGED: a count is bookkeeping, not data — a
    crash may lose it, and no request waits for it to reach the disk."""

    key = models.CharField(max_length=200, primary_key=True)  # scope and client
    window = models.BigIntegerField()  # which window: seconds since the epoch // duration
    hits = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.key}: {self.hits}"
