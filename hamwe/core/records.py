"""Saving records safely: valid, only what changed, never over someone else's newer edit,
with who did it in the audit trail; and reading back who changed what.

Plain helpers shared by every app's services and selectors (not an app itself). Services
write through `save_as`, `delete_as` and `update_versioned`, never `save()` on their own:
each validates the row (`full_clean()`: field invariants, `clean()`, constraints) before
it reaches the database, so a page and the API cannot disagree about what is valid.
"""

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import yesno
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class EditConflict(Exception):
    """The record changed since the editor loaded it; their edit was not applied."""

    message = _(
        "Someone else saved this record while you were editing it. Your changes were not "
        "saved: the form now shows their version; make your changes again."
    )

    def __init__(self, current):
        super().__init__(str(self.message))
        self.current = current


def _record_author(instance, by, reason=""):
    # simple-history reads these two attributes when it writes the history row.
    instance._history_user = by
    instance._change_reason = reason


def save_as(instance, *, by, reason="", update_fields=None, validate=True):
    """Validate and save `instance`, recording `by` (and `reason`) in its audit trail.

    `validate=False` only for bookkeeping that no user typed (a counter, a flag kept in
    step with other rows)."""
    if validate:
        exclude = None
        if update_fields is not None:
            # Validate only what is being written (and the row's constraints).
            names = {f.name for f in instance._meta.concrete_fields}
            exclude = names - set(update_fields)
        instance.full_clean(exclude=exclude)
    _record_author(instance, by, reason)
    instance.save(update_fields=update_fields)
    return instance


def delete_as(instance, *, by, reason=""):
    """Delete `instance`, recording `by` in its audit trail."""
    _record_author(instance, by, reason)
    instance.delete()


def update_versioned(instance, *, by, expected_version, changes, m2m=None, reason=""):
    """Apply `changes` (field -> value) and `m2m` (field -> iterable) to `instance`.

    Locks the row, refuses with EditConflict when its version is not `expected_version`,
    validates the changed row (ValidationError, nothing saved), saves only the fields that
    really changed, bumps the version and records who did it in the audit trail. Returns
    the saved instance (a fresh copy of the row).
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
        current.full_clean()
        current.version += 1
        update_fields = [*changed, "version"]
        if hasattr(current, "updated_at"):
            update_fields.append("updated_at")
        save_as(current, by=by, reason=reason, update_fields=update_fields, validate=False)
        for name, values in m2m_changed.items():
            getattr(current, name).set(values)
    return current


# What the audit trail leaves out: bookkeeping that changes with every save.
_AUDIT_SKIP = {"version", "updated_at", "created_at"}


def history_entries(sources, *, limit=50):
    """The change history of a record and its parts, newest first, with the diffs.

    `sources` lists where to look, as (historical QuerySet, kind, name): e.g.
    `(organisation.history.all(), _("Organisation"), lambda h: h.name)`, where `kind` says
    what sort of thing changed and `name(historical_row)` which one. The caller has asked
    `accounts.access.may_see_audit` first.
    """
    entries = []
    for history, kind, name in sources:
        records = list(
            history.select_related("history_user").order_by("-history_date", "-pk")[: limit + 1]
        )
        by_object = {}
        for record in records:
            by_object.setdefault(record.id, []).append(record)
        for chain in by_object.values():
            for newer, older in zip(chain, chain[1:] + [None], strict=True):
                entries.append(_history_entry(newer, older, kind, name))
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:limit]


def _history_entry(newer, older, kind, name):
    changes = []
    if older is not None and newer.history_type == "~":
        delta = newer.diff_against(older)
        for change in delta.changes:
            if change.field in _AUDIT_SKIP:
                continue
            field = newer.instance_type._meta.get_field(change.field)
            changes.append(
                {
                    "field": field.verbose_name,
                    "old": _display(change.old, field),
                    "new": _display(change.new, field),
                }
            )
    return {
        "when": newer.history_date,
        "who": newer.history_user,
        "kind": kind,
        "object": str(name(newer)),
        # Nouns, not participles: "créé/créée", "skapad/skapat" would have to agree with
        # the record's gender, which the sentence cannot know.
        "action": {
            "+": pgettext("audit action", "Creation"),
            "~": pgettext("audit action", "Change"),
            "-": pgettext("audit action", "Deletion"),
        }[newer.history_type],
        "changes": changes,
    }


def _display(value, field):
    if field.many_to_many:
        # m2m diffs come as lists of through-row dicts: {"organisation": 1, "province": 7}.
        key = field.m2m_reverse_field_name()
        ids = [item[key] for item in value or []]
        names = field.related_model.objects.filter(pk__in=ids).order_by("pk")
        return ", ".join(str(n) for n in names) or "—"
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and value not in (None, ""):
        return str(field.related_model._base_manager.filter(pk=value).first() or value)
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):  # in the reader's language, not Python's True / False
        return yesno(value)
    return str(value)


def one_or_404(qs, **lookups):
    """The one row of `qs` matching `lookups`, or 404 — also when a lookup value is not
    even of the right type (an id of "abc" or 10**30 from a URL or a form)."""
    try:
        return get_object_or_404(qs, **lookups)
    except (TypeError, ValueError, OverflowError) as error:
        raise Http404 from error
