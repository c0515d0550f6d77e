"""The isolation sweep's view of the notifications: sample URL arguments for every route
(none take any: each person reads and sets only their own), and the state of A's users'
notifications that no one else may change."""

from hamwe.notifications.models import Digest, Preference, Visit

SAMPLES = {
    "notifications:list": lambda ctx: {},
    "notifications:count": lambda ctx: {},
    "notifications:settings": lambda ctx: {},
}


def notification_state(org):
    """What A's users chose to receive, the day they last looked, the digests they got."""
    users = {"user__organisation": org}
    return (
        tuple(Preference.objects.filter(**users).order_by("user_id").values_list(
            "user_id", "not_emailed", "language")),
        tuple(Visit.objects.filter(**users).order_by("user_id").values_list(
            "user_id", "on", "before")),
        Digest.objects.filter(recipient__organisation=org).count(),
    )
