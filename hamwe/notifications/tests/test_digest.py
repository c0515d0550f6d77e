"""The daily digest (`hamwe remind`): one e-mail a day per person listing what is due for
them, of the kinds they chose; nothing twice the same day, nothing when nothing is due."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from hamwe.accounts.tests.factories import UserFactory
from hamwe.notifications import services
from hamwe.notifications.models import Digest
from hamwe.partnerships.models import Contribution, Partnership, Party
from hamwe.scorecards.followup import services as plan
from hamwe.scorecards.rounds import services as rounds

TODAY = timezone.localdate()

# The strategy's overdue activities are counted in hamwe/strategy's own tests.
pytestmark = pytest.mark.usefixtures("without_the_strategy_plan")


def days(n):
    return TODAY + datetime.timedelta(days=n)


def remind():
    call_command("remind", stdout=open("/dev/null", "w"))  # noqa: SIM115


def by_person(outbox):
    return {m.to[0]: m for m in outbox}


@pytest.fixture
def reviews(partnership_a, org_a, personas, settings):
    """Two reviews due (one overdue), one later, one of an ended partnership."""
    settings.HAMWE_BASE_URL = "https://hamwe.example.org/"
    Partnership.objects.filter(pk=partnership_a.pk).update(next_review_on=days(14))

    def another(title, due_in, status="active"):
        p = Partnership.objects.create(title=title, kind="strategic", status=status,
                                       stage="scoping-and-building", phase="scoping",
                                       next_review_on=days(due_in))
        party = Party.objects.create(partnership=p, organisation=org_a, role="lead")
        Contribution.objects.create(party=party, kind="staff", description="A coordinator")
        return p

    overdue = another("Overdue radio partnership", -3)
    another("Later partnership", 15)
    another("Ended partnership", -30, status="ended")
    UserFactory(email="gone@example.org", role="staff", is_active=False)
    return partnership_a, overdue


def test_one_digest_a_day_to_each_person_with_something_due(personas, reviews, mailoutbox):
    soon, overdue = reviews
    remind()
    mails = by_person(mailoutbox)
    # Reviews concern those who record them; the viewer, the inactive user and partners
    # with nothing due get nothing.
    assert set(mails) == {"admin@example.org", "staff@example.org"}
    mail = mails["staff@example.org"]
    assert mail.subject == "LHA · Hamwe: 2 things to do"  # the live policy's short name
    body = mail.body
    assert "Hamwe (LHA)" in body
    assert body.index("Overdue") < body.index(overdue.title) < body.index("Coming due")
    assert body.index("Coming due") < body.index(soon.title)
    assert "overdue by 3 days" in body and "due in 14 days" in body
    assert f"https://hamwe.example.org/partnerships/{overdue.pk}/reviews/new/" in body
    assert "https://hamwe.example.org/notifications/settings/" in body
    assert "Later partnership" not in body and "Ended partnership" not in body

    remind()
    assert len(mailoutbox) == 2  # the same day: nothing again
    assert Digest.objects.count() == 2

    # A task is listed every day it is due (as the reminders it replaces were).
    assert services.digest_send(today=days(1)) == 2
    assert len(mailoutbox) == 4


def test_a_review_recorded_leaves_the_digest(personas, reviews, mailoutbox):
    soon, overdue = reviews
    Partnership.objects.filter(pk=overdue.pk).update(next_review_on=days(180))
    services.digest_send()
    mail = by_person(mailoutbox)["staff@example.org"]
    assert overdue.title not in mail.body and soon.title in mail.body
    assert mail.subject == "LHA · Hamwe: 1 thing to do"


def test_each_person_chooses_what_the_digest_carries(personas, reviews, mailoutbox):
    services.preference_set(user=personas["staff"], emailed=[])
    services.digest_send()
    assert set(by_person(mailoutbox)) == {"admin@example.org"}  # staff chose nothing
    services.preference_set(user=personas["staff"], emailed=["partnership-reviews"])
    assert services.digest_send(today=days(1)) == 2


def test_the_digest_speaks_the_language_chosen(personas, reviews, mailoutbox):
    services.preference_set(user=personas["staff"], emailed=["partnership-reviews"],
                            language="fr")
    services.digest_send()
    mails = by_person(mailoutbox)
    assert mails["staff@example.org"].subject == "LHA · Hamwe\u00a0: 2 choses à faire"
    assert "en retard de 3 jours" in mails["staff@example.org"].body
    assert mails["admin@example.org"].subject == "LHA · Hamwe: 2 things to do"


def test_the_partner_admin_gets_its_own_actions_not_the_home_s(round_a, personas, org_a,
                                                              mailoutbox):
    for person in ("partner_a", "partner_admin_a", "partner_b"):
        rounds.answer_submit(round_=round_a, user=personas[person], scores=[
            {"indicator": round_a.indicators.first().pk, "score": 60}])

    def add(text, owner, due_in, organisation=None):
        return plan.action_add(round_=round_a, by=personas["staff"], text=text, owner=owner,
                               owner_organisation=organisation, due_on=days(due_in))

    of_a = add("Share the budget", "partner", 3, org_a)
    add("Hire a partnership officer", "home", -2)
    services.digest_send()
    mails = by_person(mailoutbox)
    assert set(mails) == {"admin@example.org", "staff@example.org", "partner@a.example",
                          "partner.admin@a.example"}
    staff = mails["staff@example.org"].body
    assert staff.index("Hire a partnership") < staff.index("Share the budget")
    partner = mails["partner.admin@a.example"].body
    assert "Share the budget" in partner and "Hire a partnership officer" not in partner
    assert f"/scorecards/{round_a.pk}/actions/{of_a.pk}/edit/" in partner


def test_what_was_shared_is_e_mailed_once_the_day_after(round_a, personas, mailoutbox):
    rounds.round_close(round_=round_a, by=personas["staff"])
    services.digest_send()  # shared today: tomorrow's digest says so
    assert "partner@a.example" not in by_person(mailoutbox)
    services.digest_send(today=days(1))
    mail = by_person(mailoutbox)["partner@a.example"]
    assert "The results of “Partner score card 2026” are out" in mail.body
    assert mail.subject == "LHA · Hamwe: shared with you"
    sent = len(mailoutbox)
    services.digest_send(today=days(2))  # once only; nothing else is due for them
    assert "partner@a.example" not in by_person(mailoutbox[sent:])


def test_a_profile_missing_facts_is_never_e_mailed(personas, org_b, mailoutbox, live_policy):
    services.digest_send()
    assert "partner@b.example" not in by_person(mailoutbox)  # B's profile lacks them


def test_a_failed_mail_is_not_recorded_and_the_others_go(personas, reviews, mailoutbox,
                                                        monkeypatch):
    from django.core.mail import EmailMessage

    send = EmailMessage.send

    def fussy(message, *args, **kwargs):
        if message.to == ["staff@example.org"]:
            raise OSError("the mail server said no")
        return send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", fussy)
    assert services.digest_send() == 1
    assert set(Digest.objects.values_list("recipient__email", flat=True)) == {
        "admin@example.org"}
    monkeypatch.setattr(EmailMessage, "send", send)
    assert services.digest_send() == 1  # the next run tries the staff member again
    assert set(by_person(mailoutbox)) == {"admin@example.org", "staff@example.org"}
