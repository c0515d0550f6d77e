"""Reads about agreements: versions, their parties and signatures, through the
partnership's access rule."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Count, Prefetch
from django.utils import translation

from hamwe.accounts import access
from hamwe.core.records import one_or_404

from ..models import Agreement, Partnership, Party, Signature
from ..policy import current_policy

FORMAT = 1  # of `content`; raise it when the block structure changes meaning

MISSING, PARTLY, FULLY, NOT_RELEVANT = (
    Agreement.Ingredient.MISSING.value,
    Agreement.Ingredient.PARTLY.value,
    Agreement.Ingredient.FULLY.value,
    Agreement.Ingredient.NOT_RELEVANT.value,
)


def agreement_for_user(*, user, partnership_pk, pk) -> Agreement:
    """One version of a partnership's agreement, through the partnership's access rule."""
    return one_or_404(
        Agreement.objects.filter(partnership__in=Partnership.objects.visible_to(user))
        .select_related("partnership", "created_by")
        .prefetch_related(
            Prefetch(
                "signatures",
                queryset=Signature.objects.select_related("party__organisation").order_by(
                    "party_id"
                ),
            )
        ),
        partnership_id=partnership_pk,
        pk=pk,
    )


def agreement_for_editor(*, user, partnership_pk, pk) -> Agreement:
    """A version the user may change (its checklist, sending it): 404 or 403."""
    agreement = agreement_for_user(user=user, partnership_pk=partnership_pk, pk=pk)
    if not access.may_edit_partnership(user, agreement.partnership):
        raise PermissionDenied
    return agreement


def signature_for_user(*, user, partnership_pk, agreement_pk, pk) -> Signature:
    return one_or_404(
        Signature.objects.filter(
            agreement__partnership__in=Partnership.objects.visible_to(user)
        ).select_related("agreement", "party__organisation"),
        agreement__partnership_id=partnership_pk,
        agreement_id=agreement_pk,
        pk=pk,
    )


def agreement_versions(partnership):
    """Every version, newest first, with how many parties have signed it."""
    return (
        partnership.agreements.select_related("created_by")
        .annotate(signed=Count("signatures"))
        .order_by("-number")
    )


def agreement_parties(agreement):
    """The parties named in the version (as generated) that still exist, in its order."""
    ids = [p["party"] for p in agreement.content.get("parties", [])]
    by_id = Party.objects.select_related("organisation").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def pack_language():
    """The live policy's own language, or None without a live policy."""
    try:
        return current_policy().pack.language
    except ImproperlyConfigured:
        return None


def languages():
    """(code, name) of the languages an agreement may be written in: the policy pack's
    own language first, then the interface's."""
    codes = [code for code, _name in settings.LANGUAGES]
    source = pack_language()  # None without a live policy: the interface's only
    if source:
        codes = [source] + [code for code in codes if code != source]
    return [(code, _language_name(code)) for code in codes]


def _language_name(code):
    try:
        return translation.get_language_info(code)["name_local"]
    except KeyError:
        return code


