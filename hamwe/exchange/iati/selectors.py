"""Reads of IATI publishing."""

from django.http import Http404

from hamwe.partners.models import Organisation
from hamwe.partnerships.models import Partnership
from hamwe.policy.selectors import live_policy, policy_pack

from ..models import IatiActivity, IatiPublisher, Publication
from . import checks


def publisher():
    return IatiPublisher.objects.first()


def home():
    return Organisation.objects.filter(is_home=True).first()


def entries():
    """The partnerships chosen for publication, with what their activities show."""
    return list(
        IatiActivity.objects.select_related("partnership").prefetch_related(
            "partnership__parties__organisation", "partnership__provinces",
            "partnership__thematic_areas", "partnership__agreements",
        )
    )


def stages():
    policy = live_policy()
    return policy_pack(policy).cycle.stages if policy else []


def organisation_checks():
    return checks.organisation_checks(publisher=publisher(), home=home())


def activity_checks(*, entries):
    return checks.activity_checks(publisher=publisher(), home=home(), entries=entries)


def choosable_partnerships(*, user):
    return Partnership.objects.visible_to(user).filter(iati_activity__isnull=True) \
        .order_by("title")


def entry_for_editor(*, pk) -> IatiActivity:
    entry = IatiActivity.objects.select_related("partnership").filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def publications():
    return Publication.objects.select_related("made_by")


def publication_for_user(*, pk) -> Publication:
    publication = Publication.objects.filter(pk=pk).first()
    if publication is None:
        raise Http404
    return publication
