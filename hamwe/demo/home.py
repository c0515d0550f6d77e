"""What the demo's home pages show (data/home.yaml): beside the reviews, drafts and
actions that the cycle and the score cards leave due, a revised agreement waiting for a
partner's signature and a partnership ending soon, through the services as staff would.
Left as it is when already there."""

import datetime

from hamwe.partnerships.agreements.selectors import agreement_parties
from hamwe.partnerships.agreements.selectors import languages as agreement_languages
from hamwe.partnerships.agreements.services import (
    agreement_generate,
    agreement_send,
    signature_add,
)
from hamwe.partnerships.due import ENDING_WITHIN_DAYS
from hamwe.partnerships.models import Agreement, Partnership
from hamwe.partnerships.records.services import partnership_update

from .data import read


def build(demo, rng):
    table = read("home")
    _agreement_to_sign(demo, Partnership.objects.get(title=table["agreement_to_sign"]))
    ending = table["ending_soon"]
    _ending_soon(demo, Partnership.objects.get(title=ending["title"]), ending["in_days"])


def _agreement_to_sign(demo, partnership):
    """A new version sent for signature, signed by the home organisation only."""
    if partnership.agreements.filter(status=Agreement.Status.SENT).exists():
        return
    agreement = agreement_generate(partnership=partnership, by=demo.admin,
                                   language=agreement_languages()[0][0])
    agreement = agreement_send(agreement=agreement, by=demo.admin)
    home = next(p for p in agreement_parties(agreement) if p.organisation_id == demo.home.pk)
    contact = demo.home.contacts.filter(is_primary=True).first()
    signature_add(agreement=agreement, party=home, by=demo.admin, data={
        "signatory": contact.name, "title": contact.position, "signed_on": demo.today})


def _ending_soon(demo, partnership, in_days):
    soon = demo.today + datetime.timedelta(days=ENDING_WITHIN_DAYS)
    if partnership.ends_on is not None and partnership.ends_on <= soon:
        return
    partnership_update(partnership=partnership, by=demo.admin,
                       data={"ends_on": demo.today + datetime.timedelta(days=in_days)},
                       expected_version=partnership.version)
