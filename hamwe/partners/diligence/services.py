"""Writes of due diligence: named, keyword-only, atomic; each validates before it saves
and records its author (core.records).

The partner's answer and the home reviewer's verdict are two things: a partner user
writes only the first, a reviewer only the second, and neither overwrites the other.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamwe.core.records import save_as, update_versioned

from .. import services as registry
from ..models import DiligenceItem, DiligenceRequirement, DiligenceStatus, RiskFlag


def _item(*, organisation, entry) -> DiligenceItem:
    """The organisation's row for a checklist entry (a new, unsaved one until someone
    has answered or reviewed it)."""
    if entry.item is not None:
        return entry.item
    if entry.origin == "home":
        return DiligenceItem(organisation=organisation, requirement_id=int(entry.key[4:]))
    return DiligenceItem(organisation=organisation, expectation=entry.key)


def _write(item, *, by, changes, expected_version, m2m=None):
    if item.pk is None:
        for name, value in changes.items():
            setattr(item, name, value)
        save_as(item, by=by)
        for name, values in (m2m or {}).items():
            getattr(item, name).set(values)
        return item
    return update_versioned(item, by=by, expected_version=expected_version,
                            changes=changes, m2m=m2m)


@transaction.atomic
def diligence_answer(*, organisation, entry, by, data, today, expected_version=None):
    """The partner's own answer on an item (status and comment), dated today."""
    status = data.get("partner_status", "")
    if not status:
        raise ValidationError({"partner_status": _("Choose where your organisation stands.")})
    changes = {"partner_status": status, "partner_comment": data.get("partner_comment", ""),
               "partner_answered_on": today, "partner_answered_by": by}
    return _write(_item(organisation=organisation, entry=entry), by=by, changes=changes,
                  expected_version=expected_version)


@transaction.atomic
def diligence_review(*, organisation, entry, by, data, today, expected_version=None):
    """The home reviewer's verdict on an item. "Met" needs evidence: at least one
    document attached to the item that has not expired."""
    item = _item(organisation=organisation, entry=entry)
    status = data.get("status", "")
    if not status:
        raise ValidationError({"status": _("Choose a verdict.")})
    if status == DiligenceStatus.MET:
        valid = item.pk is not None and item.evidence.exclude(expires_on__lt=today).exists()
        if not valid:
            raise ValidationError({"status": _(
                "An item is met only with evidence: attach a document that has not "
                "expired, or choose “partly met”.")})
    changes = {"status": status, "comment": data.get("comment", ""), "reviewer": by,
               "reviewed_on": data.get("reviewed_on") or today}
    return _write(item, by=by, changes=changes, expected_version=expected_version)


@transaction.atomic
def diligence_evidence_add(*, organisation, entry, by, data=None, document=None):
    """Attach evidence to an item: a document of the organisation's record, or a new one
    uploaded now (checked by content and size, stored where no URL serves it, like every
    document of the record)."""
    if document is None:
        document = registry.document_add(organisation=organisation, by=by, data=data)
    elif document.organisation_id != organisation.pk:
        raise ValidationError({"document": _("Choose a document of this organisation.")})
    item = _item(organisation=organisation, entry=entry)
    if item.pk is None:
        save_as(item, by=by)
    current = list(item.evidence.all())
    if document not in current:
        item = update_versioned(item, by=by, expected_version=item.version, changes={},
                                m2m={"evidence": [*current, document]})
    return item, document


@transaction.atomic
def diligence_evidence_remove(*, item, document, by):
    """Take a document off an item's evidence (the document stays on the record). A
    verdict of "met" with no evidence left is reopened as "partly met"."""
    remaining = [d for d in item.evidence.all() if d.pk != document.pk]
    changes = {}
    if item.status == DiligenceStatus.MET and not remaining:
        changes["status"] = DiligenceStatus.PARTLY
    return update_versioned(item, by=by, expected_version=item.version, changes=changes,
                            m2m={"evidence": remaining})


@transaction.atomic
def requirement_add(*, by, data) -> DiligenceRequirement:
    """An item of the home organisation's own on every partner's checklist."""
    return save_as(DiligenceRequirement(**data), by=by)


def requirement_update(*, requirement, by, data, expected_version) -> DiligenceRequirement:
    return update_versioned(requirement, by=by, expected_version=expected_version,
                            changes=dict(data))


@transaction.atomic
def risk_flag_raise(*, organisation, by, data) -> RiskFlag:
    return save_as(RiskFlag(organisation=organisation, **data), by=by)


def risk_flag_update(*, flag, by, data, expected_version) -> RiskFlag:
    """Change a flag's level, category or text, or close it: each change is kept in its
    history."""
    return update_versioned(flag, by=by, expected_version=expected_version,
                            changes=dict(data))
