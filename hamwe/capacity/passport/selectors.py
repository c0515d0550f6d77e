"""Reads of the capacity passport: what it shows (the partner's public profile, its
latest assessment and trajectory) and the share links, under the access rule. A share
link is read by its token, by anyone holding it, and only while it is usable."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from hamwe.accounts import access
from hamwe.core.records import one_or_404
from hamwe.partners.diligence.selectors import diligence_summary
from hamwe.partners.funding.selectors import funding_profile
from hamwe.partners.selectors import organisation_for_user, organisation_profile

from ..framework import framework_of
from ..models import Assessment, ShareLink
from ..results.selectors import trajectory
from .services import token_hash


def passport_organisation(*, user, pk):
    """The partner whose passport the user may read (its own users and home users)."""
    organisation = organisation_for_user(user=user, pk=pk)
    if not access.sees_private(user, organisation.pk):
        raise Http404  # another partner: not even that there is a passport
    return organisation


def links_for(*, user, organisation):
    return ShareLink.objects.visible_to(user).filter(organisation=organisation)


def link_for_revoker(*, user, pk) -> ShareLink:
    link = one_or_404(ShareLink.objects.visible_to(user), pk=pk)
    if not access.may_revoke_passport_link(user, link):
        raise PermissionDenied
    return link


def shared_link(token, *, today=None):
    """The usable link with this token, or None: unknown, revoked and expired links are
    refused alike."""
    if not token or len(token) > 100:
        return None
    link = (ShareLink.objects.select_related("organisation")
            .filter(token_hash=token_hash(token)).first())
    if link is None or not link.usable_on(today or timezone.localdate()):
        return None
    return link


def passport(organisation):
    """What the passport shows, the same to everyone who may see it: the public profile
    (as an outsider reads it), the latest completed assessment with its domain scores,
    the trajectory of overall and domain scores within each framework version, where its
    due diligence stands (the verdicts' counts, never the risk flags or the documents)
    and its funding profile by year (the figures, never the sources' names)."""
    groups = trajectory(organisation.pk)
    latest = groups[-1][-1] if groups else None
    for group in groups:
        group.sort(key=lambda a: (a.completed_on, a.pk))
    framework = framework_of(latest) if latest else None
    names = {d.key: d.name for d in framework.domains} if framework else {}
    domains = []
    if latest is not None:
        domains = [{"name": names.get(r.domain, r.domain), "score": r.score}
                   for r in latest.domain_results.all()]
    return {
        "organisation": organisation,
        "profile": organisation_profile(user=None, organisation=organisation),
        "latest": latest,
        "framework": framework,
        "domains": domains,
        "trajectory": [a for a in (groups[-1] if groups else [])],
        "earlier_versions": sum(len(g) for g in groups[:-1]),
        "kinds": dict(Assessment.Kind.choices),
        "diligence": diligence_summary(organisation),
        "funding": funding_profile(organisation),
    }


def fingerprint(organisation, data, language) -> str:
    import hashlib

    parts = [str(organisation.pk), str(organisation.version), language, "1"]
    parts += [f"{a.pk}:{a.overall}" for a in data["trajectory"]]
    diligence = data["diligence"]
    parts += [f"{name}:{diligence[name]}" for name in
              ("met", "partly", "not_met", "not_applicable", "open", "complete")]
    parts += [f"{y.year}:{y.total:.2f}:{y.hhi}:{y.home_share}" for y in data["funding"]["series"]]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
