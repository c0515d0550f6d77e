"""Formatting of due items on pages (no access decisions: the providers made them)."""

from django import template
from django.utils.formats import date_format

from hamwe.core.registries import due_providers
from hamwe.core.reminders import when_due

register = template.Library()


@register.filter
def due_when(item) -> str:
    """'overdue by 3 days · 28 Nov 2026', or '' for an undated item."""
    if item.days_left is None:
        return ""
    return f"{when_due(item.days_left)} · {date_format(item.due_on, 'SHORT_DATE_FORMAT')}"


@register.filter
def kind_label(item) -> str:
    labels = {p.name: p.label for p in due_providers()}
    return str(labels.get(item.kind, ""))
