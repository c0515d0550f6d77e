"""What is due in partnerships, for the home page, the notifications and the daily digest
(registered in hamwe.core.registries by PartnershipsConfig.ready):

- reviews due within two weeks or overdue (home admins and staff, who record them);
- gates left open for long: a partnership in the same stage for `GATE_OPEN_FOR_LONG_DAYS`
  or more with items of that stage's gate still unticked (home admins and staff); it is
  due `GATE_OPEN_FOR_LONG_DAYS` after the partnership entered the stage, so it shows as
  overdue: the stage is taking longer than a quarter, and its gate says what is missing;
- agreements drafted and not sent (the newest version of a running partnership), and sent
  and not signed by every party (home admins and staff);
- a version sent for signature that the partner's own party has not signed (a partner
  user: shared with them);
- active partnerships, with their agreements, ending within `ENDING_WITHIN_DAYS` (home
  admins and staff: renew or close; a partner user: shared);
- a partner's own party that has not said what it contributes (a partner user).

Each provider reads under the access rule with a fixed number of queries.
"""

import datetime

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Exists, F, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider
from hamwe.policy import facts

from .cycle.selectors import reviews_due
from .models import Agreement, GateTick, Partnership, Party, Signature, StageChange
from .policy import current_policy

GATE_OPEN_FOR_LONG_DAYS = 90
ENDING_WITHIN_DAYS = 60


def _day(value) -> str:
    return date_format(value, "DATE_FORMAT")


def _running(user):
    return Partnership.objects.visible_to(user).exclude(status=Partnership.Status.ENDED)


@due_provider(
    "partnership-reviews", label=gettext_lazy("Partnership reviews coming due"), order=10,
    audience=access.may_edit_partnership,
)
def reviews(user, *, today):
    # One query: the partnerships whose next review is within two weeks or past.
    return [
        DueItem(
            kind="partnership-reviews",
            title=_("Review “%(title)s”") % {"title": p.title},
            url=reverse("partnerships:review_new", args=[p.pk]),
            due_on=p.next_review_on,
        )
        for p in reviews_due(today=today).visible_to(user)
    ]


@due_provider(
    "partnership-gates", label=gettext_lazy("Stage gates open for long"), order=20,
    audience=access.may_edit_partnership,
)
def gates(user, *, today):
    # The live policy (one or two queries, its pack cached), the partnerships in a stage
    # for long (one), the ticks of their gates (one).
    try:
        policy = current_policy()
    except ImproperlyConfigured:
        return []
    stages = {stage.key: stage for stage in policy.stages if stage.gate}
    long_ago = today - datetime.timedelta(days=GATE_OPEN_FOR_LONG_DAYS)
    entered = (
        StageChange.objects.filter(partnership=OuterRef("pk"), to_stage=OuterRef("stage"))
        .order_by("-at")
        .values("at")[:1]
    )
    stuck = list(
        _running(user)
        .filter(stage__in=list(stages))
        .annotate(entered=Coalesce(Subquery(entered), F("created_at")))
        .filter(entered__lt=_start_of(long_ago + datetime.timedelta(days=1)))
        .only("pk", "title", "stage")
        .order_by("title", "pk")
    )
    ticked = set(
        GateTick.objects.filter(partnership__in=[p.pk for p in stuck]).values_list(
            "partnership_id", "stage", "item"
        )
    )
    items = []
    for p in stuck:
        stage = stages[p.stage]
        # Items the record ticks are not read here (a few queries each, for every stuck
        # partnership): their gate page reads them. A partnership is due while it has items
        # to tick by hand, or items the record checks, after a quarter in the stage.
        by_record = [g for g in stage.gate if g.fact and facts.is_established_by_record(g.fact)]
        by_hand = [g for g in stage.gate if g not in by_record
                   and (p.pk, stage.key, g.key) not in ticked]
        if not by_hand and not by_record:
            continue
        since = timezone.localtime(p.entered).date()
        where = {"stage": stage.name, "date": _day(since)}
        if by_hand:
            title = _("Complete the gate of “%(title)s”") % {"title": p.title}
            detail = ngettext(
                "%(count)d item to tick; in %(stage)s since %(date)s",
                "%(count)d items to tick; in %(stage)s since %(date)s",
                len(by_hand),
            ) % {"count": len(by_hand), **where}
        else:
            title = _("Look at the gate of “%(title)s”") % {"title": p.title}
            detail = ngettext(
                "The record checks %(count)d item; in %(stage)s since %(date)s",
                "The record checks %(count)d items; in %(stage)s since %(date)s",
                len(by_record),
            ) % {"count": len(by_record), **where}
        items.append(DueItem(
            kind="partnership-gates", title=title, detail=detail,
            url=reverse("partnerships:cycle", args=[p.pk]),
            due_on=since + datetime.timedelta(days=GATE_OPEN_FOR_LONG_DAYS),
        ))
    return items


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@due_provider(
    "agreements-to-send", label=gettext_lazy("Agreements drafted and not sent"), order=30,
    audience=access.may_edit_partnership,
)
def drafts(user, *, today):
    # One query: the newest version of each running partnership's agreement, if a draft.
    newer = Agreement.objects.filter(
        partnership=OuterRef("partnership"), number__gt=OuterRef("number"))
    versions = (
        Agreement.objects.filter(status=Agreement.Status.DRAFT, partnership__in=_running(user))
        .filter(~Exists(newer))
        .select_related("partnership")
        .only("pk", "number", "created_at", "partnership__id", "partnership__title")
        .order_by("created_at", "pk")
    )
    return [
        DueItem(
            kind="agreements-to-send",
            title=_("Send version %(number)d of the agreement of “%(title)s” for signature")
            % {"number": a.number, "title": a.partnership.title},
            url=reverse("partnerships:agreement_detail", args=[a.partnership_id, a.pk]),
            detail=_("Drafted on %(date)s") % {"date": _day(timezone.localtime(a.created_at))},
        )
        for a in versions
    ]


@due_provider(
    "agreements-to-sign", label=gettext_lazy("Agreements sent for signature"), order=40,
    audience=access.may_be_asked,
)
def signatures(user, *, today):
    # Home admins and staff: one query (the versions sent, with their signatures counted).
    # A partner user: two (the versions sent that their party has not signed, and when
    # each was sent, from the audit trail).
    if access.is_partner(user):
        return _to_sign_by_partner(user)
    sent = (
        Agreement.objects.filter(status=Agreement.Status.SENT, partnership__in=_running(user))
        .annotate(signed=Count("signatures"))
        .values("pk", "number", "partnership_id", "partnership__title", "signed",
                "content__parties")
        .order_by("partnership__title", "number")
    )
    items = []
    for a in sent:
        named = len(a["content__parties"] or [])
        items.append(DueItem(
            kind="agreements-to-sign",
            title=_("Collect the signatures on version %(number)d of the agreement of "
                    "“%(title)s”") % {"number": a["number"], "title": a["partnership__title"]},
            url=reverse("partnerships:agreement_detail", args=[a["partnership_id"], a["pk"]]),
            detail=ngettext("%(signed)d of %(count)d parties has signed",
                            "%(signed)d of %(count)d parties have signed", a["signed"])
            % {"signed": a["signed"], "count": named},
        ))
    return items


def _to_sign_by_partner(user):
    organisation_id = user.organisation_id
    own_party = Party.objects.filter(
        partnership=OuterRef("partnership"), organisation_id=organisation_id
    ).values("pk")[:1]
    signed = Signature.objects.filter(
        agreement=OuterRef("pk"), party__organisation_id=organisation_id
    )
    sent = list(
        Agreement.objects.filter(
            status=Agreement.Status.SENT,
            partnership__in=_running(user),
        )
        .annotate(own_party=Subquery(own_party), signed=Exists(signed))
        .filter(signed=False)
        .values("pk", "number", "partnership_id", "partnership__title", "own_party",
                "content__parties")
        .order_by("partnership__title", "number")
    )
    # Only the versions that name the partner's party (as generated) await its signature.
    sent = [a for a in sent
            if a["own_party"] in {p.get("party") for p in a["content__parties"] or []}]
    sent_on = _first_day_in_status([a["pk"] for a in sent], Agreement.Status.SENT)
    return [
        DueItem(
            kind="agreements-to-sign",
            title=_("Sign version %(number)d of the agreement of “%(title)s”")
            % {"number": a["number"], "title": a["partnership__title"]},
            url=reverse("partnerships:agreement_detail", args=[a["partnership_id"], a["pk"]]),
            detail=_("Sent for signature on %(date)s") % {"date": _day(sent_on[a["pk"]])}
            if a["pk"] in sent_on else "",
            shared=True,
            since=sent_on.get(a["pk"]),
        )
        for a in sent
    ]


def _first_day_in_status(agreement_ids, status) -> dict[int, datetime.date]:
    """The day each agreement first had `status`, from its audit trail (one query)."""
    if not agreement_ids:
        return {}
    rows = (
        Agreement.history.filter(id__in=agreement_ids, status=status)
        .values("id")
        .annotate(first=Min("history_date"))
        .order_by()
    )
    return {row["id"]: timezone.localtime(row["first"]).date() for row in rows}


@due_provider(
    "partnerships-ending", label=gettext_lazy("Partnerships and agreements ending soon"),
    order=50, audience=access.may_be_asked,
)
def ending(user, *, today):
    # One query: the active partnerships the user may see whose end date is near or past.
    soon = today + datetime.timedelta(days=ENDING_WITHIN_DAYS)
    partnerships = (
        Partnership.objects.visible_to(user)
        .active()
        .filter(ends_on__isnull=False, ends_on__lte=soon)
        .only("pk", "title", "ends_on")
        .order_by("ends_on", "title", "pk")
    )
    partner = access.is_partner(user)
    items = []
    for p in partnerships:
        if partner:
            title = _("“%(title)s” ends on %(date)s") % {"title": p.title, "date": _day(p.ends_on)}
        else:
            title = _("Renew the agreement of “%(title)s” or close the partnership") % {
                "title": p.title}
        items.append(DueItem(
            kind="partnerships-ending",
            title=title,
            url=reverse("partnerships:detail", args=[p.pk]),
            due_on=p.ends_on,
            detail=_("The partnership ends on %(date)s.") % {"date": _day(p.ends_on)}
            if not partner else "",
            shared=partner,
            since=p.ends_on - datetime.timedelta(days=ENDING_WITHIN_DAYS) if partner else None,
        ))
    return items


@due_provider(
    "partnership-contributions", label=gettext_lazy("Contributions to say"), order=60,
    audience=access.is_partner,
)
def contributions(user, *, today):
    # One query: the partner's own parties in running partnerships with no contribution.
    parties = (
        Party.objects.filter(
            organisation_id=user.organisation_id, partnership__in=_running(user)
        )
        .annotate(given=Count("contributions"))
        .filter(given=0)
        .select_related("partnership")
        .only("pk", "partnership__id", "partnership__title")
        .order_by("partnership__title", "pk")
    )
    return [
        DueItem(
            kind="partnership-contributions",
            title=_("Say what your organisation brings to “%(title)s”")
            % {"title": party.partnership.title},
            url=reverse("partnerships:contribution_add", args=[party.partnership_id, party.pk]),
            detail=_("Money, staff, expertise or in kind: what each partner brings is part "
                     "of the agreement."),
        )
        for party in parties
    ]
