"""What partnerships add to an organisation's page (hamwe.partners.sections): its
partnerships, their agreements with who signed when, and their reviews. Each reads only
the partnerships the reader may see (a partner user: those their own organisation is
party to), with the organisation among the parties: the same rows the partnership list
shows for `?organisation=` (and the API), so the counts agree.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from hamwe.accounts import access
from hamwe.partners.sections import organisation_section

from .models import Agreement, Partnership, Party, Review, Signature
from .records.views import PolicyNames


def _of(organisation, user):
    """The partnerships of `organisation` that `user` may read (not evaluated)."""
    return Partnership.objects.visible_to(user).with_party(organisation)


def _list_url(**params):
    return f"{reverse('partnerships:list')}?{urlencode(params)}"


@organisation_section(
    "partnerships", title=_("Partnerships"), order=10,
    template="partnerships/sections/partnerships.html",
)
def partnerships(organisation, user):
    """Every partnership of the organisation, the home NGO's and others', with kind,
    stage and status; two queries and the live policy's names."""
    rows = list(
        _of(organisation, user)
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation"))
        )
        .order_by("status", "title", "pk")
    )
    PolicyNames().name_rows(rows)
    for row in rows:
        parties = list(row.parties.all())
        row.own_party = next((p for p in parties if p.organisation_id == organisation.pk), None)
        row.others = [p for p in parties if p.organisation_id != organisation.pk]
    return {
        "partnerships": rows,
        "count": len(rows),
        "link": _list_url(organisation=organisation.pk),
        # A partner user sees only the partnerships their own organisation is party to.
        "only_own": not access.is_home(user),
        "may_record": access.may_edit_partnership(user),
    }


@organisation_section(
    "agreements", title=_("Agreements and signatures"), order=20,
    template="partnerships/sections/agreements.html",
)
def agreements(organisation, user):
    """Each partnership's agreement versions, newest first, with their status and who
    signed when; two queries. Counted by partnership, as the list's filter counts."""
    versions = (
        Agreement.objects.filter(partnership__in=_of(organisation, user))
        .select_related("partnership")
        .prefetch_related(
            Prefetch(
                "signatures",
                queryset=Signature.objects.select_related("party__organisation").order_by(
                    "signed_on", "pk"
                ),
            )
        )
        .order_by("partnership__title", "partnership_id", "-number")
    )
    by_partnership = {}
    for version in versions:
        by_partnership.setdefault(version.partnership_id, {
            "partnership": version.partnership, "versions": [], "signed": False,
        })
        entry = by_partnership[version.partnership_id]
        entry["versions"].append(version)
        entry["signed"] = entry["signed"] or version.status == Agreement.Status.SIGNED
    rows = list(by_partnership.values())
    return {
        "partnerships": rows,
        "count": len(rows),
        "signed": sum(1 for row in rows if row["signed"]),
        "link": _list_url(organisation=organisation.pk, agreement="any"),
        "signed_link": _list_url(organisation=organisation.pk, agreement="signed"),
    }


@organisation_section(
    "reviews", title=_("Reviews"), order=30, template="partnerships/sections/reviews.html"
)
def reviews(organisation, user):
    """The reviews held of its partnerships, newest first, with their recommendation; one
    query."""
    rows = list(
        Review.objects.filter(partnership__in=_of(organisation, user))
        .select_related("partnership")
        .order_by("-held_on", "-pk")
    )
    return {"reviews": rows, "count": len(rows)}
