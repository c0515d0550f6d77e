"""The longest texts the record accepts still make an MoU within a few seconds: each text
field has a length a person would write (core.models: 2,000 to 10,000 characters), where
a 1 MB text made a 29.5 s PDF, at gunicorn's 30 s timeout."""

import time

import pytest
from django.core.exceptions import ValidationError

from hamwe.core.models import LONG_TEXT, LONGEST_TEXT
from hamwe.partnerships.agreements import documents, services
from hamwe.partnerships.models import Contribution, Partnership, Party
from hamwe.partnerships.records import services as records

# Inside gunicorn's 30 s with room to spare, on a busy two-core machine (about 6 s idle).
MOU_BUDGET_SECONDS = 20

WORDS = ("savings groups women village loans ledger training facilitators monitoring "
         "province commune cooperative ").split()


def prose(length):
    """Ordinary words in sentences of ten, a paragraph every ~600 characters, `length`
    characters long: what a long but real answer looks like."""
    out, n = [], 0
    while n < length:
        sentence = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(10)).capitalize() + ". "
        if len(out) % 6 == 5:
            sentence += "\n"
        out.append(sentence)
        n += len(sentence)
    return "".join(out)[:length]


@pytest.fixture
def longest(partnership_a):
    """Partnership A with every text the MoU quotes at the longest the model accepts."""
    partnership_a.shared_vision = prose(LONG_TEXT)
    partnership_a.joint_objectives = prose(LONGEST_TEXT)
    partnership_a.full_clean()
    partnership_a.save()
    for party in partnership_a.parties.all():
        for field in ("own_objectives", "responsibilities", "risks"):
            setattr(party, field, prose(LONG_TEXT))
        party.full_clean()
        party.save()
        for _ in range(10):
            Contribution.objects.create(party=party, kind="staff", description=prose(300))
    return partnership_a


def test_the_longest_accepted_texts_make_an_mou_in_time(longest, personas, record_property):
    agreement = services.agreement_generate(partnership=longest, by=personas["staff"],
                                            language="en")
    import weasyprint  # noqa: F401  (its first import, once per process, is not the render)

    started = time.monotonic()
    pdf = documents.mou_pdf(agreement)
    took = time.monotonic() - started
    chars = sum(len(getattr(longest, f)) for f in ("shared_vision", "joint_objectives")) + sum(
        len(getattr(p, f)) for p in longest.parties.all()
        for f in ("own_objectives", "responsibilities", "risks"))
    record_property("mou_time", f"the longest accepted texts ({chars:,} characters) made an "
                                f"MoU PDF of {len(pdf) // 1024} KB in {took:.1f} s")
    assert pdf.startswith(b"%PDF")
    assert took < MOU_BUDGET_SECONDS


@pytest.mark.parametrize(("model", "field", "limit"), [
    (Partnership, "shared_vision", LONG_TEXT),
    (Partnership, "joint_objectives", LONGEST_TEXT),
    (Party, "own_objectives", LONG_TEXT),
    (Party, "risks", LONG_TEXT),
])
def test_a_longer_text_is_refused_by_the_model(partnership_a, model, field, limit):
    row = partnership_a if model is Partnership else partnership_a.parties.first()
    setattr(row, field, "x" * limit)
    row.full_clean()
    setattr(row, field, "x" * (limit + 1))
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert field in error.value.message_dict


def test_a_megabyte_of_vision_is_refused_by_the_service(partnership_a, personas):
    with pytest.raises(ValidationError) as error:
        records.partnership_update(
            partnership=partnership_a, by=personas["staff"],
            data={"shared_vision": "x" * 1_000_000}, expected_version=partnership_a.version,
        )
    assert "shared_vision" in error.value.message_dict
