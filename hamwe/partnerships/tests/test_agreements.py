"""The partnership agreement: generated from the record and the policy, judged by its
checklist, sent, signed by every party, and downloaded, only by those who may read it."""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from hamwe.conftest import SECRET_CONTACT_EMAIL, client_for
from hamwe.partners.tests.factories import ContactFactory, OrganisationFactory
from hamwe.partnerships.agreements import services
from hamwe.partnerships.agreements.checklist import INGREDIENT_KEYS, checklist_summary
from hamwe.partnerships.models import Agreement, Partnership, Signature
from hamwe.partnerships.records import services as records
from hamwe.partnerships.tests.factories import PartnershipFactory, in_role
from hamwe.policy.measures import compute

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n%fake but well started\n"


def _edited(partnership, personas, **changes):
    return records.partnership_update(partnership=partnership, by=personas["staff"],
                                      expected_version=partnership.version, data=changes)


@pytest.fixture
def ready(partnership_a, personas):
    """Partnership A with every ingredient at least partly in place."""
    return _edited(partnership_a, personas,
                   joint_objectives="Set up 40 savings groups\nTest a savings ledger",
                   next_review_on=datetime.date(2030, 1, 15),
                   programme="Women's economic empowerment")


@pytest.fixture
def agreement(ready, personas):
    return services.agreement_generate(partnership=ready, by=personas["staff"], language="en")


def _url(name, agreement, **extra):
    return reverse(f"partnerships:{name}", kwargs={
        "pk": agreement.partnership_id, "agreement_pk": agreement.pk, **extra})


def _text(content):
    """Every string of the content, joined: what the agreement says."""
    out = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(content)
    return "\n".join(out)


def _sign_all(agreement, by, parties=None):
    for party in parties or agreement.partnership.parties.all():
        services.signature_add(agreement=agreement, party=party, by=by, data={
            "signatory": f"Signatory of {party.organisation.name}", "title": "Director",
            "signed_on": datetime.date.today()})


# --- Generation --------------------------------------------------------------------


def test_generation_quotes_every_principle_of_the_live_policy(agreement, live_policy):
    from hamwe.partnerships.policy import current_policy

    principles = current_policy().principles
    assert len(principles) == 3
    quotes = [b for a in agreement.content["articles"] for b in a["blocks"]
              if b["type"] == "quote"]
    assert [(q["key"], q["title"], q["text"], q.get("practice", [])) for q in quotes] == [
        (p.key, p.name, p.text, list(p.in_practice)) for p in principles]
    assert agreement.principles == [p.key for p in principles]
    assert agreement.states_all_principles


def test_content_is_built_from_the_record(agreement, org_a):
    text = _text(agreement.content)
    assert agreement.content["title"] == agreement.partnership.title
    assert [p["name"] for p in agreement.content["parties"]] == [
        org_a.name, "Gamma Research Institute"]
    assert "Women save and invest together." in text
    assert "Set up 40 savings groups" in text and "Grow our groups" in text
    assert "Two facilitators" in text
    # Standard clauses, and the review date of the record.
    keys = [a["key"] for a in agreement.content["articles"]]
    for key in ("parties", "duration", "purpose", "own_objectives", "principles", "roles",
                "risks", "governance", "communication", "review", "disputes",
                "amendment", "termination"):
        assert key in keys
    assert "funding" not in keys  # no funding on the record, and the kind may go without
    assert "15 January 2030" in text


def test_the_key_contact_is_named_without_private_details(ready, personas, org_a):
    agreement = services.agreement_generate(partnership=ready, by=personas["staff"],
                                            language="en")
    text = _text(agreement.content)
    assert "Contact of A" in text
    assert SECRET_CONTACT_EMAIL not in text
    assert agreement.checklist["representatives"]["status"] == "partly"
    assert agreement.checklist["representatives"]["lacking"] == ["Gamma Research Institute"]


def test_funding_brings_the_money_clauses(ready, personas):
    ready = _edited(ready, personas, has_funding=True)
    records.contribution_add(party=ready.parties.first(), by=personas["staff"], data={
        "kind": "money", "description": "Grant", "estimated_value": Decimal("1500000"),
        "currency": "BIF"})
    agreement = services.agreement_generate(partnership=ready, by=personas["staff"],
                                            language="en")
    assert "funding" in [a["key"] for a in agreement.content["articles"]]
    assert agreement.checklist["funding"]["status"] == "fully"
    assert "1,500,000 BIF" in _text(agreement.content)


def test_versions_increment_and_earlier_ones_are_kept(agreement, ready, personas):
    first_content = agreement.content
    ready = _edited(ready, personas, shared_vision="A new vision")
    second = services.agreement_generate(partnership=ready, by=personas["admin"],
                                         language="en")
    assert (agreement.number, second.number) == (1, 2)
    agreement.refresh_from_db()
    assert agreement.content == first_content
    assert "A new vision" in _text(second.content)
    assert "A new vision" not in _text(agreement.content)


def test_the_agreement_is_written_in_the_language_asked(ready, personas):
    agreement = services.agreement_generate(partnership=ready, by=personas["staff"],
                                            language="fr")
    assert agreement.language == "fr"
    assert agreement.content["document"] == "Protocole d'accord"
    assert agreement.content["articles"][0]["title"] == "Article 1. Les parties"
    text = _text(agreement.content)
    assert "15 janvier 2030" in text and "Mise en œuvre" in text
    # The principles are quoted from the policy's French translation, and the one it lacks
    # in the policy's own words (English).
    assert "Chaque partenaire a une voix égale dans les décisions sur le partenariat." in text
    assert "Both sides learn from each other, not only the partner from LHA." in text
    with pytest.raises(ValidationError):
        services.agreement_generate(partnership=ready, by=personas["staff"], language="xx")


# --- The checklist -----------------------------------------------------------------


def test_checklist_follows_the_record(agreement, ready, personas):
    assert set(agreement.checklist) == set(INGREDIENT_KEYS)
    assert agreement.checklist["shared_vision"]["status"] == "fully"
    assert agreement.checklist["funding"]["status"] == "not_relevant"
    assert checklist_summary(agreement)["missing"] == []

    ready = _edited(ready, personas, shared_vision="")
    without = services.agreement_generate(partnership=ready, by=personas["staff"],
                                          language="en")
    assert without.checklist["shared_vision"]["status"] == "missing"
    assert "[To be agreed by the parties.]" in _text(without.content)
    assert [str(m) for m in checklist_summary(without)["missing"]] == ["Shared vision"]


def test_send_is_refused_while_an_ingredient_is_missing(partnership_a, personas):
    # Partnership A has no joint objectives, no review date and no programme.
    agreement = services.agreement_generate(partnership=partnership_a, by=personas["staff"],
                                            language="en")
    assert agreement.checklist["joint_objectives"]["status"] == "missing"
    with pytest.raises(ValidationError) as refused:
        services.agreement_send(agreement=agreement, by=personas["staff"])
    assert "Joint objectives" in str(refused.value)
    response = client_for(personas["staff"]).post(_url("agreement_send", agreement),
                                                  follow=True)
    assert "cannot be sent yet" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DRAFT


def test_staff_may_mark_an_ingredient_not_relevant_and_undo_it(partnership_a, personas):
    agreement = services.agreement_generate(partnership=partnership_a, by=personas["staff"],
                                            language="en")
    client = client_for(personas["staff"])
    client.post(_url("agreement_checklist", agreement),
                {"not_relevant": ["joint_objectives", "indicators", "scope"]})
    agreement.refresh_from_db()
    assert agreement.checklist["joint_objectives"] == {
        "status": "not_relevant", "auto": "missing", "lacking": []}
    services.agreement_send(agreement=agreement, by=personas["staff"])
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SENT
    with pytest.raises(ValidationError):  # final once sent
        services.agreement_checklist_set(agreement=agreement, by=personas["staff"],
                                         not_relevant=[])


def test_an_override_goes_back_to_the_computed_status(agreement, personas):
    services.agreement_checklist_set(agreement=agreement, by=personas["staff"],
                                     not_relevant=["review"])
    agreement.refresh_from_db()
    assert agreement.checklist["review"]["status"] == "not_relevant"
    services.agreement_checklist_set(agreement=agreement, by=personas["staff"],
                                     not_relevant=[])
    agreement.refresh_from_db()
    assert agreement.checklist["review"]["status"] == "fully"


# --- Documents ---------------------------------------------------------------------


def test_docx_opens_and_names_the_parties_and_principles(agreement, personas, org_a):
    import docx

    response = client_for(personas["partner_a"]).get(_url("agreement_docx", agreement))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    document = docx.Document(io.BytesIO(_body(response)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert org_a.name in cells and "Gamma Research Institute" in cells
    for name, quote in (("Equity", "Each partner has an equal voice"),
                        ("Transparency", "Partners share the information"),
                        ("Mutual learning", "Both sides learn from each other")):
        assert name in text and quote in text
    assert "Signature" in cells


def _body(response):
    """A stored document is served as a file (streamed)."""
    return b"".join(response.streaming_content)


def test_pdf_is_a_pdf_with_the_agreement_text(agreement, personas, tmp_path):
    response = client_for(personas["viewer"]).get(_url("agreement_pdf", agreement))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = _body(response)
    assert body.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        assert len(body) > 1000
        return
    pdf = tmp_path / "mou.pdf"
    pdf.write_bytes(body)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Memorandum of understanding".upper() in text.upper()
    assert "Each partner has an equal voice" in text
    assert "Gamma Research" in text
    assert "Page 1 of" in text


# --- Who may do what ---------------------------------------------------------------


ROUTES_READ = ("agreement_detail", "agreement_docx", "agreement_pdf")


@pytest.mark.parametrize("name", ROUTES_READ)
def test_partners_of_a_party_read_and_outsiders_get_404(agreement, personas, name):
    url = _url(name, agreement)
    for persona in ("partner_a", "partner_admin_a", "viewer", "staff", "admin"):
        assert client_for(personas[persona]).get(url).status_code == 200, persona
    assert client_for(personas["partner_b"]).get(url).status_code == 404
    assert client_for(personas["no_role"]).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_the_pdf_route_refuses_the_partner_of_b(agreement, personas):
    client_for(personas["viewer"]).get(_url("agreement_pdf", agreement))  # stored now
    response = client_for(personas["partner_b"]).get(_url("agreement_pdf", agreement))
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


def test_outsiders_do_not_see_the_list_or_generate(ready, personas):
    url = reverse("partnerships:agreements", kwargs={"pk": ready.pk})
    generate = reverse("partnerships:agreement_generate", kwargs={"pk": ready.pk})
    assert client_for(personas["partner_b"]).get(url).status_code == 404
    assert client_for(personas["partner_b"]).post(generate, {"language": "en"}).status_code \
        == 404
    for persona in ("partner_a", "viewer"):
        assert client_for(personas[persona]).get(url).status_code == 200
        assert client_for(personas[persona]).post(generate, {"language": "en"}).status_code \
            == 403
    assert not Agreement.objects.exists()
    response = client_for(personas["staff"]).post(generate, {"language": "sv"})
    created = Agreement.objects.get()
    assert response.status_code == 302 and created.language == "sv"


def test_only_home_admins_and_staff_send_and_override(agreement, personas):
    for persona in ("partner_a", "partner_admin_a", "viewer"):
        client = client_for(personas[persona])
        assert client.post(_url("agreement_send", agreement)).status_code == 403
        assert client.post(_url("agreement_checklist", agreement),
                           {"not_relevant": ["review"]}).status_code == 403
    assert client_for(personas["partner_b"]).post(
        _url("agreement_send", agreement)).status_code == 404
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DRAFT
    assert agreement.checklist["review"]["status"] == "fully"


# --- Signatures --------------------------------------------------------------------


@pytest.fixture
def sent(agreement, personas):
    return services.agreement_send(agreement=agreement, by=personas["staff"])


def test_partner_a_signs_for_its_own_party_only(sent, personas, org_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    party_a = sent.partnership.parties.get(organisation=org_a)
    third = sent.partnership.parties.exclude(organisation=org_a).get()
    client = client_for(personas["partner_a"])
    url = _url("signature_add", sent)
    page = client.get(url).content.decode()
    assert "Alpha Women" in page and "Gamma Research Institute" not in page

    refused = client.post(url, {"party": third.pk, "signatory": "Someone",
                                "signed_on": "2025-01-10"})
    assert refused.status_code == 200  # the form again, with the error
    assert not Signature.objects.exists()

    response = client.post(url, {
        "party": party_a.pk, "signatory": "Agnès Niyonzima", "title": "Chair",
        "signed_on": "2025-01-10",
        "scan": SimpleUploadedFile("my scan.png", PNG, content_type="image/png")})
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert (signature.party, signature.recorded_by) == (party_a, personas["partner_a"])
    assert signature.scan.name.endswith(f"agreement-{sent.pk}-party-{party_a.pk}.png")
    sent.refresh_from_db()
    assert sent.status == Agreement.Status.SENT  # the third party has not signed

    scan = _url("signature_scan", sent, signature_pk=signature.pk)
    assert client.get(scan).status_code == 200
    assert b"".join(client.get(scan).streaming_content) == PNG
    assert client_for(personas["partner_b"]).get(scan).status_code == 404
    assert client_for(personas["partner_b"]).get(url).status_code == 404
    # Nothing left for A to sign: a partner of A may not record the third party's.
    assert client.get(url).status_code == 302


def test_partner_b_and_viewers_record_no_signature(sent, personas):
    url = _url("signature_add", sent)
    data = {"party": sent.partnership.parties.first().pk, "signatory": "X",
            "signed_on": "2025-01-10"}
    assert client_for(personas["partner_b"]).post(url, data).status_code == 404
    assert client_for(personas["viewer"]).post(url, data).status_code == 403
    assert not Signature.objects.exists()


def test_every_party_signed_makes_it_signed_and_counts_in_the_measure(sent, personas, ready):
    # The measure counts the home organisation's running partnerships: let A's be one.
    Partnership.objects.filter(pk=ready.pk).update(status=Partnership.Status.ACTIVE,
                                                   includes_home=True)
    today = datetime.date.today()
    assert compute("agreements-reflecting-principles", as_of=today).value == 0
    _sign_all(sent, personas["staff"])
    sent.refresh_from_db()
    assert sent.status == Agreement.Status.SIGNED
    result = compute("agreements-reflecting-principles", as_of=today)
    assert result.value == 100.0
    assert (result.detail["running"], result.detail["reflecting"]) == (1, 1)


def test_signatures_wait_for_sending_and_are_not_doubled(agreement, personas):
    party = agreement.partnership.parties.first()
    data = {"signatory": "X", "signed_on": datetime.date.today()}
    with pytest.raises(ValidationError):
        services.signature_add(agreement=agreement, party=party, by=personas["staff"],
                               data=data)
    services.agreement_send(agreement=agreement, by=personas["staff"])
    services.signature_add(agreement=agreement, party=party, by=personas["staff"], data=data)
    with pytest.raises(ValidationError):
        services.signature_add(agreement=agreement, party=party, by=personas["staff"],
                               data=data)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    other = agreement.partnership.parties.exclude(pk=party.pk).get()
    with pytest.raises(ValidationError):
        services.signature_add(agreement=agreement, party=other, by=personas["staff"],
                               data={"signatory": "Y", "signed_on": tomorrow})


def test_a_party_of_another_partnership_cannot_sign(sent, personas, org_b):
    other = PartnershipFactory(title="Other", parties=[in_role(org_b, "lead"),
                                                       OrganisationFactory()])
    stranger = other.parties.get(organisation=org_b)
    with pytest.raises(ValidationError):
        services.signature_add(agreement=sent, party=stranger, by=personas["staff"],
                               data={"signatory": "X", "signed_on": datetime.date.today()})


@pytest.mark.parametrize(("name", "content", "ok"), [
    ("scan.pdf", PDF, True),
    ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 32, True),
    ("scan.png", PNG, True),
    ("scan.png", PDF, False),  # not what its name says
    ("scan.exe", PDF, False),
    ("scan.html", b"<html>", False),
])
def test_scans_are_pdf_jpeg_or_png(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    if ok:
        services.validate_scan(upload)
    else:
        with pytest.raises(ValidationError):
            services.validate_scan(upload)


def test_scans_over_10_mb_are_refused():
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError):
        services.validate_scan(upload)


# --- Pages -------------------------------------------------------------------------


def test_the_detail_page_shows_text_checklist_and_signatures(agreement, personas,
                                                             django_assert_max_num_queries):
    client = client_for(personas["staff"])
    client.get(_url("agreement_detail", agreement))  # warm the caches
    # session, user, the agreement (with its partnership and author), its signatures (with
    # parties and organisations), the parties it names: the same whatever their number.
    with django_assert_max_num_queries(5):
        response = client.get(_url("agreement_detail", agreement))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Each partner has an equal voice" in html
    assert "WHO" in html and "HOW" in html
    assert "Send for signature" in html
    assert 'name="not_relevant"' in html


def test_partners_see_the_page_without_staff_actions(agreement, personas):
    html = client_for(personas["partner_a"]).get(_url("agreement_detail", agreement)) \
        .content.decode()
    assert "Send for signature" not in html and 'name="not_relevant"' not in html


def test_the_panel_summarises_the_latest_version(agreement, personas):
    request = RequestFactory().get("/")
    request.user = personas["staff"]
    html = render_to_string("partnerships/_agreement_panel.html",
                            {"partnership": agreement.partnership, "may_edit": True},
                            request=request)
    summary = checklist_summary(agreement)
    assert f"{summary['in_place']} of {summary['relevant']} ingredients in place" in html
    assert _url("agreement_pdf", agreement) in html
    assert _url("agreement_docx", agreement) in html
    assert reverse("partnerships:agreement_generate",
                   kwargs={"pk": agreement.partnership_id}) in html

    request.user = personas["partner_a"]
    html = render_to_string("partnerships/_agreement_panel.html",
                            {"partnership": agreement.partnership, "may_edit": False},
                            request=request)
    assert "Generate a new version" not in html


def test_the_panel_without_an_agreement(partnership_a, personas):
    request = RequestFactory().get("/")
    request.user = personas["staff"]
    html = render_to_string("partnerships/_agreement_panel.html",
                            {"partnership": partnership_a, "may_edit": True}, request=request)
    assert "No agreement yet." in html and "Generate the agreement" in html


def test_the_signature_form_records_from_the_page(sent, personas):
    home = OrganisationFactory(name="Home", is_home=True, sector="ingo")
    ContactFactory(organisation=home)
    client = client_for(personas["staff"])
    for party in sent.partnership.parties.all():
        response = client.post(_url("signature_add", sent), {
            "party": party.pk, "signatory": "Name", "title": "Director",
            "signed_on": "2025-02-01"})
        assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == Agreement.Status.SIGNED
    html = client.get(_url("agreement_detail", sent)).content.decode()
    assert "Signed" in html


# --- The wording -------------------------------------------------------------------


def _load(name):
    from pathlib import Path

    from hamwe.policy import services as policy_services
    from hamwe.policy.validation import parse_file

    packs = Path(__file__).resolve().parents[2] / "policy" / "packs"
    return policy_services.policy_load(pack=parse_file(packs / f"{name}.yaml"))


def _generated(pack_name, kind, languages, by):
    from hamwe.partnerships.models import Party

    _load(pack_name)
    partnership = Partnership.objects.create(title="Savings groups in Gitega", kind=kind)
    for name, role in (("Umoja Relief", "lead"), ("Tuzamurane Cooperative", "implementing")):
        Party.objects.create(partnership=partnership, role=role,
                             organisation=OrganisationFactory(name=name))
    return {language: services.agreement_generate(partnership=partnership, by=by,
                                                  language=language)
            for language in languages}


def _article(agreement, key):
    return next(a for a in agreement.content["articles"] if a["key"] == key)


DOUBLED_STOP = r"(?<!\.)\.\s*\.(?!\.)"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_principle_is_quoted_with_what_it_means_in_practice_never_its_name_twice(
    db, personas, language
):
    import re

    from hamwe.partnerships.policy import current_policy

    agreement = _generated("care-burundi", "operational", [language], personas["staff"])[
        language]
    principles = current_policy(language).principles
    quotes = [b for b in _article(agreement, "principles")["blocks"] if b["type"] == "quote"]
    assert [q["title"] for q in quotes] == [p.name for p in principles]
    for quote, principle in zip(quotes, principles, strict=True):
        # "Equity between partners" / "L'équité entre partenaires": the text only repeats
        # the name, so the name stands alone, followed by the policy's practice.
        assert quote["text"] == ""
        assert quote["practice"] == list(principle.in_practice) and len(quote["practice"]) >= 4
        assert quote["practice_intro"] == (
            "What it means in practice:" if language == "en" else
            "Ce que cela signifie en pratique :")
    words = _text(_article(agreement, "principles"))
    for principle in principles:
        assert words.count(principle.name) == 1
    assert not re.search(DOUBLED_STOP, _text(agreement.content))


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "On how long such a partnership lasts, the policy says: “Although the contractual "
           "commitment to operational partnerships is relatively short term, the intention is "
           "for operational partnerships to be long term as well, as this fosters capacity "
           "building, mutual trust and learning”."),
    ("fr", "Sur la durée d'un tel partenariat, la politique dit : « Bien que l'engagement "
           "contractuel des partenariats opérationnels soit de durée relativement courte, "
           "l'intention est que les partenariats opérationnels soient eux aussi de long terme, "
           "car cela favorise le renforcement des capacités, la confiance mutuelle et "
           "l'apprentissage »."),
])
def test_the_duration_quotes_the_policy_whatever_its_words(db, personas, language, expected):
    agreement = _generated("care-burundi", "operational", [language], personas["staff"])[
        language]
    [_duration, kind] = [b["text"] for b in _article(agreement, "duration")["blocks"]]
    assert kind.endswith(expected)
    assert "typically lasts" not in kind and ".." not in kind


def test_a_text_several_principles_share_is_quoted_once(db, personas):
    agreement = _generated("kic", "tidsbegransat", ["sv"], personas["staff"])["sv"]
    shared = ("Partnerskapet grundar sig på jämlikhet, ömsesidig respekt och förtroende med en "
              "tydlig ansvarsfördelning.")
    blocks = _article(agreement, "principles")["blocks"]
    assert _text(blocks).count(shared) == 1
    quotes = [b for b in blocks if b["type"] == "quote"]
    assert (quotes[0]["title"], quotes[0]["text"]) == ("", shared)  # before the four
    assert [q["title"] for q in quotes[1:5]] == [
        "Jämlikhet", "Ömsesidig respekt", "Förtroende", "Tydlig ansvarsfördelning"]
    assert all(q["text"] == "" and q["practice"] for q in quotes[1:5])
    assert quotes[5]["text"].startswith("Ett ömsesidigt och kontinuerligt lärande")
    assert agreement.states_all_principles


def test_the_form_preselects_the_policy_language_whatever_the_reader_reads(db):
    from django.utils import translation

    from hamwe.partnerships.agreements.forms import GenerateForm

    _load("kic")
    with translation.override("fr"):
        form = GenerateForm()
    assert form.fields["language"].initial == "sv"
    assert [code for code, _name in form.fields["language"].choices][0] == "sv"
