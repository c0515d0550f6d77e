"""The sections of a narrative report, by partnership kind.

The packs name no report template yet, so every kind gets the default set the strategy
asks for: results against the partnership's objectives, challenges, lessons. A kind
listed in KINDS gets its own (a pack-level template would replace this table).
"""

from django.utils.translation import gettext_lazy as _

TITLES = {
    "results": _("Results against the partnership's objectives"),
    "challenges": _("Challenges"),
    "lessons": _("Lessons"),
    "next": _("Plans for the next period"),
}
HELP = {
    "results": _("For each objective of the partnership: what was achieved in the period, "
                 "with figures where you have them."),
    "challenges": _("What made the work harder, and what you did about it."),
    "lessons": _("What you learnt that others could use. Start each lesson on a new line "
                 "with a dash (-): each can be offered to the knowledge hub."),
    "next": _("What you plan for the coming period."),
}
DEFAULT = ("results", "challenges", "lessons")
KINDS = {"strategic": ("results", "challenges", "lessons", "next")}


def sections_for(kind):
    return KINDS.get(kind, DEFAULT)


def title(key):
    return TITLES.get(key, key)


def lessons_in(text):
    """The lessons of a 'lessons' section: lines starting with a dash, or the whole text
    as one lesson when none does."""
    lines = [line.strip() for line in text.splitlines()]
    dashed = [line.lstrip("-–• ").strip() for line in lines if line[:1] in "-–•"]
    dashed = [d for d in dashed if d]
    if dashed:
        return dashed
    whole = " ".join(line for line in lines if line)
    return [whole] if whole else []
