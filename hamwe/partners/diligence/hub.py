"""What due diligence adds to the registries others read (registered by
PartnersConfig.ready): the section of an organisation's page, what is due (answers to
give, answers to review), and the gate fact "due-diligence-complete" of the cycle."""

import datetime

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider
from hamwe.policy.facts import Finding, establishes

from ..models import DiligenceItem, Organisation, RiskFlag
from ..sections import organisation_section
from . import selectors


@organisation_section(
    "diligence", title=gettext_lazy("Due diligence"), order=70,
    template="partners/sections/diligence.html",
)
def diligence(organisation, user):
    """Where the organisation stands on its checklist, for its own users and the home
    organisation; the open risk flags' count for home users only."""
    if not access.sees_private(user, organisation.pk) or organisation.is_home:
        return None
    summary = selectors.diligence_summary(organisation, today=timezone.localdate())
    data = {"summary": summary, "count": summary["met"] + summary["not_applicable"],
            "link": reverse("partners:diligence", args=[organisation.pk])}
    if access.may_see_risk_flags(user):
        data["open_flags"] = (RiskFlag.objects.visible_to(user)
                              .filter(organisation=organisation, closed_on__isnull=True).count())
    return data


@due_provider("diligence-answer", label=gettext_lazy("Due diligence to answer"), order=65,
              audience=access.is_partner, by_email=False)
def to_answer(user, *, today):
    """A partner user's own checklist items with neither an answer nor a verdict (the
    checklist and one query)."""
    if not access.may_answer_diligence(user, user.organisation_id):
        return []
    found = selectors.checklist()
    answered = (DiligenceItem.objects.visible_to(user)
                .filter(organisation_id=user.organisation_id)
                .filter(selectors._key_filter(found.keys()))
                .exclude(partner_status="", status="").count())
    left = len(found.entries) - answered
    if left <= 0:
        return []
    return [DueItem(
        kind="diligence-answer",
        title=ngettext("Answer %(count)s item of your due-diligence checklist",
                       "Answer %(count)s items of your due-diligence checklist", left)
        % {"count": left},
        url=reverse("partners:diligence", args=[user.organisation_id]),
        detail=_("Say where your organisation stands and attach the evidence; the home "
                 "organisation then reviews each item."),
    )]


@due_provider("diligence-review", label=gettext_lazy("Due diligence to review"), order=66,
              audience=access.may_review_diligence)
def to_review(user, *, today):
    """Items a partner has answered since they were last reviewed (one query)."""
    if not access.may_review_diligence(user):
        return []
    rows = (
        DiligenceItem.objects.visible_to(user)
        .filter(~Q(partner_status=""))
        .filter(Q(reviewed_on__isnull=True) | Q(partner_answered_on__gt=F("reviewed_on")))
        .select_related("organisation").order_by("partner_answered_on", "pk")[:50]
    )
    return [DueItem(
        kind="diligence-review",
        title=_("Review a partner's due-diligence answer"),
        url=reverse("partners:diligence_item", args=[item.organisation_id, item.key]),
        detail=item.organisation.name, since=item.partner_answered_on,
    ) for item in rows]


@establishes("due-diligence-complete")
def due_diligence_complete(partnership, *, stage, pack):
    """Every party but the home organisation has its due diligence complete: each item
    of the live policy's checklist met with evidence that has not expired, or not
    applicable (three queries)."""
    ids = [party.organisation_id for party in partnership.parties.all()]
    partners = dict(Organisation.objects.filter(pk__in=ids, is_home=False)
                    .values_list("pk", "name"))
    if not partners:
        return Finding(False, _("The partnership has no partner besides the home "
                                "organisation."))
    today = datetime.date.today()
    found = selectors.checklist(pack=pack)
    if not found.entries:
        return Finding(False, _("The due-diligence checklist has no item yet."),
                       reverse("partners:diligence_requirements"))
    complete = selectors.complete_organisation_ids(partners, today=today, found=found)
    missing = [pk for pk in partners if pk not in complete]
    if missing:
        return Finding(False, _("Due diligence is not complete for: %(names)s.") % {
            "names": ", ".join(partners[pk] for pk in missing)},
            reverse("partners:diligence", args=[missing[0]]))
    return Finding(True, ngettext(
        "Due diligence is complete for the partner.",
        "Due diligence is complete for each of the %(count)s partners.", len(partners))
        % {"count": len(partners)}, reverse("partners:diligence", args=[next(iter(partners))]))
