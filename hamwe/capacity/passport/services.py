"""Share links of the capacity passport. The token is made here, handed back once and
kept only as its SHA-256: whoever reads the database cannot rebuild a working link."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamwe.core.records import save_as

from ..models import ShareLink

MAX_DAYS = 366


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def link_create(*, organisation, label, expires_on, by, today=None):
    """A new share link; returns (link, token). The token (256 random bits) is in the
    URL only and is never stored."""
    today = today or timezone.localdate()
    if expires_on and (expires_on - today).days > MAX_DAYS:
        raise ValidationError({"expires_on": _("A link lasts a year at most; make a new one "
                                               "when it expires.")})
    token = secrets.token_urlsafe(32)
    link = ShareLink(organisation=organisation, label=label, expires_on=expires_on,
                     created_on=today, created_by=by, token_hash=token_hash(token))
    save_as(link, by=by)
    return link, token


def link_revoke(*, link, by, today=None) -> ShareLink:
    if link.revoked_on is not None:
        return link
    link.revoked_on = today or timezone.localdate()
    return save_as(link, by=by, update_fields=["revoked_on"], validate=False)


def passport_document(*, organisation, data, language):
    """The PDF of the passport as it stands (prepared by the task worker): the row that
    stands for it, enqueued when new."""
    from ..models import PassportDocument
    from .selectors import fingerprint
    from .tasks import render_passport

    document, made = PassportDocument.objects.get_or_create(
        organisation=organisation, fingerprint=fingerprint(organisation, data, language))
    if made:
        render_passport.enqueue(document.pk, language)
        document.refresh_from_db()  # the immediate backend (tests) has drawn it already
    return document
