"""The maturity scale of community structures.

The policy packs name no such scale yet (the pack format has no place for one), so every
policy uses this default, short on purpose: four steps a facilitator can tell apart in
one visit. See docs/decisions.md (2026-12-02, community structures)."""

from django.utils.translation import gettext_lazy as _

DEFAULT_MATURITY = (
    (1, _("Emerging: meets, no rules of its own yet")),
    (2, _("Organised: elected committee, written rules, regular meetings")),
    (3, _("Functioning: runs its own activities, keeps records")),
    (4, _("Autonomous: mobilises its own resources, speaks for its members")),
)


def maturity_scale():
    """(level, label) from lowest to highest."""
    return DEFAULT_MATURITY


def maturity_label(level):
    return dict(maturity_scale()).get(level, str(level))
