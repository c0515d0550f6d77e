"""Hand-built records of partnerships, for tests that need a state without walking the
services there (the services' own tests walk them)."""

import datetime

from hamwe.partnerships.models import Agreement, Signature


def agreement(partnership, *, status=Agreement.Status.SIGNED, signed_by=None, number=None):
    """A version of `partnership`'s agreement naming its parties, in `status`, signed by
    `signed_by` (default: every party when signed, none otherwise)."""
    parties = list(partnership.parties.select_related("organisation"))
    if number is None:
        number = (partnership.agreements.order_by("-number").values_list(
            "number", flat=True).first() or 0) + 1
    version = Agreement.objects.create(
        partnership=partnership, number=number, language="en", status=status,
        content={"format": 1, "parties": [{"party": p.pk, "name": p.organisation.name}
                                          for p in parties], "articles": []},
    )
    if signed_by is None:
        signed_by = parties if status == Agreement.Status.SIGNED else []
    for party in signed_by:
        Signature.objects.create(agreement=version, party=party, signatory="A. Signatory",
                                 signed_on=datetime.date(2026, 3, 2))
    return version
