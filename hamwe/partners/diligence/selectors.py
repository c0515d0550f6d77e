"""Reads of due diligence. Every one starts from the access rule in accounts.

An organisation's checklist is made when it is read: the live policy's expectations (in
the reader's language) and then the home organisation's own items, each with where the
organisation stands on it (its `DiligenceItem`, when someone has answered or reviewed
it). An item of an expectation the policy no longer has is left out: the checklist is
always the live policy's.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from hamwe.accounts import access
from hamwe.core.records import history_entries, one_or_404
from hamwe.policy.selectors import live_policy, policy_pack

from ..models import (
    DiligenceItem,
    DiligenceRequirement,
    DiligenceStatus,
    Document,
    Organisation,
    RiskFlag,
)

EXPIRES_SOON_DAYS = Document.EXPIRES_SOON_DAYS
SATISFIED = (DiligenceStatus.MET, DiligenceStatus.NOT_APPLICABLE)


@dataclass
class Entry:
    """One item of the checklist: what is expected and the evidence it asks for."""

    key: str
    text: str
    evidence: list = field(default_factory=list)
    origin: str = "policy"  # or "home": an item of the home organisation's own
    item: DiligenceItem | None = None  # where the organisation stands, once recorded

    @property
    def status(self):
        return self.item.status if self.item else ""

    @property
    def satisfied(self) -> bool:
        item = self.item
        return bool(item) and (item.status == DiligenceStatus.NOT_APPLICABLE or (
            item.status == DiligenceStatus.MET and getattr(item, "valid_evidence", False)))


@dataclass(frozen=True)
class Checklist:
    entries: list
    policy_name: str
    from_policy: int  # how many items come from the policy's expectations
    own: int  # how many are the home organisation's own

    def keys(self):
        return [entry.key for entry in self.entries]


def current_pack():
    policy = live_policy()
    return policy_pack(policy) if policy is not None else None


def checklist(*, pack=None) -> Checklist:
    """The checklist every partner answers: the live policy's expectations, then the home
    organisation's own items (one query, and the live policy)."""
    pack = pack if pack is not None else current_pack()
    entries = []
    expectations = list(pack.expectations) if pack is not None else []
    for expectation in expectations:
        entries.append(Entry(key=expectation.key, text=str(expectation.text),
                             evidence=[str(e) for e in (expectation.evidence or [])]))
    own = list(DiligenceRequirement.objects.in_use())
    for requirement in own:
        entries.append(Entry(key=requirement.key, text=requirement.text,
                             evidence=requirement.evidence_asked(), origin="home"))
    return Checklist(entries=entries, policy_name=str(pack.title) if pack else "",
                     from_policy=len(expectations), own=len(own))


def _key_filter(keys):
    """Items of these checklist keys (expectations by key, own items by id)."""
    expectations = [k for k in keys if not k.startswith("own-")]
    own = [int(k[4:]) for k in keys if k.startswith("own-") and k[4:].isdigit()]
    return Q(expectation__in=expectations) | Q(requirement_id__in=own)


def _valid_evidence(today):
    """Whether an item has at least one evidence document that has not expired."""
    through = DiligenceItem.evidence.through
    return Exists(through.objects.filter(diligenceitem=OuterRef("pk")).filter(
        Q(document__expires_on__isnull=True) | Q(document__expires_on__gte=today)))


def _annotated(qs, today):
    return qs.annotate(valid_evidence=_valid_evidence(today))


def organisation_checklist(*, user, organisation, today, pack=None) -> Checklist:
    """The organisation's checklist as `user` may read it (the organisation's own users
    and the home organisation), each entry with its item and the item's evidence
    documents, each with `expiry` (three queries and the live policy)."""
    if not access.sees_private(user, organisation.pk):
        raise Http404
    found = checklist(pack=pack)
    items = (
        _annotated(DiligenceItem.objects.visible_to(user), today)
        .filter(organisation=organisation).filter(_key_filter(found.keys()))
        .select_related("reviewer", "partner_answered_by")
        .prefetch_related("evidence")
    )
    by_key = {item.key: item for item in items}
    for entry in found.entries:
        entry.item = by_key.get(entry.key)
        if entry.item:
            for document in entry.item.evidence.all():
                document.expiry = document.expiry(today)
    return found


def entry_for_user(*, user, organisation, key, today, pack=None) -> Entry:
    """One entry of the organisation's checklist (404 when the key is not on it, or the
    user may not read the organisation's due diligence)."""
    for entry in organisation_checklist(user=user, organisation=organisation, today=today,
                                        pack=pack).entries:
        if entry.key == key:
            return entry
    raise Http404


def organisation_for_diligence(*, user, pk) -> Organisation:
    """An organisation whose due diligence the user may read (its own users, the home
    organisation), else 404."""
    return one_or_404(Organisation.objects.fully_visible_to(user), pk=pk)


def organisation_for_answer(*, user, pk) -> Organisation:
    """404 outside the scope; 403 for a reader who is not the organisation's own user."""
    organisation = organisation_for_diligence(user=user, pk=pk)
    if not access.may_answer_diligence(user, organisation.pk):
        raise PermissionDenied
    return organisation


def organisation_for_review(*, user, pk) -> Organisation:
    organisation = organisation_for_diligence(user=user, pk=pk)
    if not access.may_review_diligence(user):
        raise PermissionDenied
    return organisation


def organisation_for_evidence(*, user, pk) -> Organisation:
    organisation = organisation_for_diligence(user=user, pk=pk)
    if not access.may_add_diligence_evidence(user, organisation.pk):
        raise PermissionDenied
    return organisation


def _counts(today):
    """Count of items by verdict and of satisfied ones, as aggregate expressions."""
    valid = _valid_evidence(today)
    return {
        "met": Count("pk", filter=Q(status=DiligenceStatus.MET)),
        "partly": Count("pk", filter=Q(status=DiligenceStatus.PARTLY)),
        "not_met": Count("pk", filter=Q(status=DiligenceStatus.NOT_MET)),
        "not_applicable": Count("pk", filter=Q(status=DiligenceStatus.NOT_APPLICABLE)),
        "satisfied": Count("pk", filter=Q(status=DiligenceStatus.NOT_APPLICABLE)
                           | (Q(status=DiligenceStatus.MET) & Q(valid))),
    }


def _summary(counts, total, expiring):
    counts = {name: counts.get(name) or 0 for name in
              ("met", "partly", "not_met", "not_applicable", "satisfied")}
    reviewed = counts["met"] + counts["partly"] + counts["not_met"] + counts["not_applicable"]
    satisfied = counts.pop("satisfied")
    return {
        **counts,
        "open": max(total - reviewed, 0),
        "total": total,
        "complete": total > 0 and satisfied == total,
        "expiring_soon": len(expiring),
        "expiring": expiring,
    }


def expiring_evidence(organisation_ids, today, within_days=EXPIRES_SOON_DAYS):
    """Evidence documents of these organisations' items that have expired or expire
    within `within_days`, by organisation (one query)."""
    found = {}
    rows = (
        Document.objects.filter(organisation_id__in=list(organisation_ids),
                                diligence_items__isnull=False,
                                expires_on__lte=today + datetime.timedelta(days=within_days))
        .distinct().order_by("expires_on", "pk")
        .values_list("organisation_id", "pk", "kind", "expires_on")
    )
    for organisation_id, pk, kind, expires_on in rows:
        found.setdefault(organisation_id, []).append({
            "pk": pk, "kind": kind, "label": Document.Kind(kind).label,
            "expires_on": expires_on, "expired": expires_on < today,
        })
    return found


def diligence_summary(organisation, *, today=None, pack=None) -> dict:
    """Where an organisation stands on its due diligence, for a page or a passport: the
    count of items met, partly met, not met, not applicable and still open (no verdict
    yet), `complete` (every item met with evidence that has not expired, or not
    applicable), and the evidence documents expired or expiring within 30 days
    (`expiring`, and their count `expiring_soon`). Verdicts only: never the risk flags.
    Three queries and the live policy. The caller has checked that its reader may see it."""
    today = today or datetime.date.today()
    found = checklist(pack=pack)
    counts = (DiligenceItem.objects.filter(organisation=organisation)
              .filter(_key_filter(found.keys())).aggregate(**_counts(today)))
    expiring = expiring_evidence([organisation.pk], today).get(organisation.pk, [])
    return _summary(counts, len(found.entries), expiring)


def summaries_of(organisation_ids, *, today, found: Checklist) -> dict:
    """diligence_summary for many organisations at once (two queries)."""
    ids = list(organisation_ids)
    rows = (DiligenceItem.objects.filter(organisation_id__in=ids)
            .filter(_key_filter(found.keys())).values("organisation_id")
            .annotate(**_counts(today)).order_by())
    counted = {row.pop("organisation_id"): row for row in rows}
    expiring = expiring_evidence(ids, today)
    total = len(found.entries)
    return {pk: _summary(counted.get(pk, {}), total, expiring.get(pk, [])) for pk in ids}


def complete_organisation_ids(organisation_ids, *, today, found: Checklist) -> set:
    """Of these organisations, those whose due diligence is complete (one query)."""
    total = len(found.entries)
    if not total:
        return set()
    rows = (DiligenceItem.objects.filter(organisation_id__in=list(organisation_ids))
            .filter(_key_filter(found.keys())).values("organisation_id")
            .annotate(satisfied=_counts(today)["satisfied"]).order_by()
            .filter(satisfied=total).values_list("organisation_id", flat=True))
    return set(rows)


# --- The overview ------------------------------------------------------------------------


def overview(*, user):
    """The partners whose due diligence the home organisation follows (every organisation
    but itself), in name order, and how many are complete; for home users only."""
    if not access.may_follow_all_partners(user):
        raise PermissionDenied
    return (Organisation.objects.fully_visible_to(user).filter(is_home=False)
            .order_by("name", "pk").values("id", "name", "acronym", "sector"))


def open_flags_of(organisation_ids, *, user) -> dict:
    """The highest level of each organisation's open risk flags, for home users (one
    query; nothing for anyone else)."""
    order = [level for level, _label in RiskFlag.Level.choices]
    found = {}
    rows = (RiskFlag.objects.visible_to(user)
            .filter(organisation_id__in=list(organisation_ids), closed_on__isnull=True)
            .values_list("organisation_id", "level"))
    for organisation_id, level in rows:
        if order.index(level) >= order.index(found.get(organisation_id, order[0])):
            found[organisation_id] = level
    return found


# --- Risk flags --------------------------------------------------------------------------


def flags_for_user(*, user, organisation):
    """The organisation's risk flags, open first: home users only, else none."""
    return list(RiskFlag.objects.visible_to(user).filter(organisation=organisation))


def flag_for_editor(*, user, organisation_pk, pk) -> RiskFlag:
    """A flag the user may change: 404 for anyone who may not see flags, 403 for a home
    viewer."""
    flag = one_or_404(RiskFlag.objects.visible_to(user).select_related("organisation"),
                      organisation_id=organisation_pk, pk=pk)
    if not access.may_keep_risk_flags(user):
        raise PermissionDenied
    return flag


def organisation_for_flags(*, user, pk) -> Organisation:
    """An organisation whose risk flags the user may read: home users; 404 for partners
    (a partner cannot even learn that the page exists)."""
    if not access.may_see_risk_flags(user):
        raise Http404
    return one_or_404(Organisation.objects.fully_visible_to(user), pk=pk)


def flag_history(*, user, organisation, limit=50):
    """What changed on the organisation's flags, newest first (home users only)."""
    if not access.may_see_risk_flags(user):
        return []
    return history_entries(
        [(RiskFlag.history.filter(organisation_id=organisation.pk), _("Risk flag"),
          lambda row: RiskFlag.Category(row.category).label)], limit=limit)


def requirements_for_editor(*, user):
    if not access.may_review_diligence(user):
        raise PermissionDenied
    return list(DiligenceRequirement.objects.order_by("-active", "position", "pk"))


def requirement_for_editor(*, user, pk) -> DiligenceRequirement:
    if not access.may_review_diligence(user):
        raise PermissionDenied
    return one_or_404(DiligenceRequirement.objects.all(), pk=pk)
