"""The isolation sweep's view of the notifications: a sample for every route (none take
any argument: each person reads and sets only their own, see hamwe/tests/samples.py),
and each person's notification state, which no one but that person may change."""

from hamwe.notifications.models import Digest, Preference, Visit
from hamwe.tests.samples import WITH_A_ROLE, page, read


def _plant_for_partner_a(ctx, personas, monkeypatch):
    """The service planted wrong: whoever saves a choice saves it for partner_a."""
    from hamwe.notifications import services

    real = services.preference_set

    def for_partner_a(*, user, **kwargs):
        return real(user=personas["partner_a"], **kwargs)

    monkeypatch.setattr(services, "preference_set", for_partner_a)


SAMPLES = {
    "notifications:list": read(),
    "notifications:count": read(),
    # Nothing e-mailed, and in French: a change from anyone's defaults.
    "notifications:settings": page(post=lambda ctx: {"language": "fr"}, writers=WITH_A_ROLE,
                                   plant=_plant_for_partner_a, changes="own"),
}


def notification_state():
    """Each person's own: what they chose to receive, the day they last looked, the
    digests they got (by user id)."""
    state = {}
    for user_id, *preference in Preference.objects.values_list(
            "user_id", "not_emailed", "language"):
        state.setdefault(user_id, {})["preference"] = tuple(preference)
    for user_id, *visit in Visit.objects.values_list("user_id", "on", "before"):
        state.setdefault(user_id, {})["visit"] = tuple(visit)
    for user_id in Digest.objects.values_list("recipient_id", flat=True):
        entry = state.setdefault(user_id, {})
        entry["digests"] = entry.get("digests", 0) + 1
    return state
