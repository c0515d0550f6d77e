"""Saving records safely: only what changed, never over someone else's newer edit.

Plain helpers shared by every app's services (not an app itself).
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """The record changed since the editor loaded it; their edit was not applied."""

    message = _(
        "Someone else saved this record while you were editing it. Your changes were not "
        "saved: the form now shows their version; make your changes again."
    )

    def __init__(self, current):
        super().__init__(str(self.message))
        self.current = current


def update_versioned(instance, *, by, expected_version, changes, m2m=None, reason=""):
    """Apply `changes` (field -> value) and `m2m` (field -> iterable) to `instance`.

    Locks the row, refuses with EditConflict when its version is not `expected_version`,
    saves only the fields that really changed, bumps the version and records who did it
    in the audit trail. Returns the saved instance (a fresh copy of the row).
    """
    model = type(instance)
    with transaction.atomic():
        current = model._base_manager.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise EditConflict(current)
        changed = [name for name, value in changes.items() if getattr(current, name) != value]
        m2m_changed = {}
        for name, values in (m2m or {}).items():
            wanted = {v.pk for v in values}
            if wanted != set(getattr(current, name).values_list("pk", flat=True)):
                m2m_changed[name] = values
        if not changed and not m2m_changed:
            return current
        for name in changed:
            setattr(current, name, changes[name])
        current.version += 1
        current._history_user = by
        current._change_reason = reason
        update_fields = [*changed, "version"]
        if hasattr(current, "updated_at"):
            update_fields.append("updated_at")
        current.save(update_fields=update_fields)
        for name, values in m2m_changed.items():
            getattr(current, name).set(values)
    return current
