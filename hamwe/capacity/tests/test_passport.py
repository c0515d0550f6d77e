"""The capacity passport: its PDF (turned into a picture), and share links the partner
controls: unguessable, stored hashed, refused once revoked or expired."""

import datetime
import hashlib
import shutil
import subprocess

import pytest
from django.utils import timezone

from hamwe.conftest import client_for

from ..models import ShareLink
from ..passport import documents, selectors, services
from .factories import completed

pytestmark = pytest.mark.django_db

D = datetime.date


def _link(client, organisation):
    response = client.post(f"/capacity/organisations/{organisation.pk}/passport/", {
        "label": "Rural Fund", "expires_on": (timezone.localdate()
                                              + datetime.timedelta(days=30)).isoformat()})
    assert response.status_code == 200
    text = response.content.decode()
    start = text.index("/capacity/shared/")
    return text[start:text.index("/", start + len("/capacity/shared/")) + 1]


def test_the_partner_shares_and_revokes_a_link(org_a, personas, live_policy):
    completed(org_a, 3, by=personas["staff"])
    partner = client_for(personas["partner_a"])
    url = _link(partner, org_a)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43  # 256 random bits
    link = ShareLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ShareLink.objects.values().get())
    donor = client_for(None)
    shared = donor.get(url)
    assert shared.status_code == 200 and shared["Referrer-Policy"] == "no-referrer"
    page = shared.content.decode()
    assert "Alpha Women" in page
    assert org_a.registration_number not in page  # the public profile only
    assert partner.post(f"/capacity/passport-links/{link.pk}/revoke/").status_code == 302
    assert donor.get(url).status_code == 404
    assert donor.get(url + "passport.pdf").status_code == 404


def test_an_expired_or_unknown_link_is_refused(org_a, personas, live_policy):
    link, token = services.link_create(organisation=org_a, label="Donor", by=personas["partner_a"],
                                       expires_on=D(2026, 3, 1), today=D(2026, 2, 1))
    assert selectors.shared_link(token, today=D(2026, 3, 1)) == link
    assert selectors.shared_link(token, today=D(2026, 3, 2)) is None
    assert selectors.shared_link(token[:-1] + "x", today=D(2026, 2, 2)) is None


def test_only_the_partner_makes_links(org_a, personas, live_policy):
    form = {"label": "x", "expires_on": "2026-12-31"}
    for name, code in (("staff", 403), ("partner_b", 404), ("viewer", 403)):
        response = client_for(personas[name]).post(
            f"/capacity/organisations/{org_a.pk}/passport/", form)
        assert response.status_code == code, name
    assert not ShareLink.objects.exists()


def test_the_passport_pdf_as_a_picture(org_a, personas, live_policy, tmp_path):
    completed(org_a, 2, by=personas["staff"], on=D(2026, 1, 10))
    completed(org_a, 3, by=personas["staff"], kind="follow-up", on=D(2026, 8, 10))
    response = client_for(personas["partner_a"]).get(
        f"/capacity/organisations/{org_a.pk}/passport.pdf")
    assert response.status_code == 200  # the immediate task backend drew it already
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF")
    html = documents.passport_html(selectors.passport(org_a), "fr")
    assert "Passeport de capacités" in html and org_a.registration_number not in html
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    (tmp_path / "passport.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(tmp_path / "passport.pdf"), str(tmp_path / "page")],
                   check=True, timeout=60)
    picture = (tmp_path / "page.png").read_bytes()
    assert picture.startswith(b"\x89PNG") and len(picture) > 10_000


def test_the_passport_says_where_due_diligence_and_funding_stand(org_a, personas, live_policy):
    """The figures a donor asks for, never the sources' names or the risk flags."""
    from decimal import Decimal

    from hamwe.partners.models import Funding

    completed(org_a, 3, by=personas["staff"])
    for name, amount in (("Embassy grant", "50000"), ("Members' dues", "30000"),
                         ("Foundation gift", "20000")):
        Funding.objects.create(organisation=org_a, year=2025, source_name=name,
                               category="bilateral", amount=Decimal(amount), currency="USD")
    data = selectors.passport(org_a)
    assert data["funding"]["latest"].year == 2025
    assert round(data["funding"]["latest"].diversification, 2) == 0.62  # 1 - 0.38
    before = selectors.fingerprint(org_a, data, "en")
    page = client_for(personas["partner_a"]).get(
        f"/capacity/organisations/{org_a.pk}/passport/").content.decode()
    assert "Funding profile" in page and "Due diligence" in page
    assert "0.62" in page
    assert "Embassy grant" not in page
    Funding.objects.create(organisation=org_a, year=2026, source_name="Own income",
                           category="own", amount=Decimal("1000"), currency="USD")
    assert selectors.fingerprint(org_a, selectors.passport(org_a), "en") != before
