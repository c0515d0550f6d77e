"""What is due in the registry (partners/due.py): a partner's own profile, gently."""

from django.utils import timezone

from hamwe.core.registries import due_for, due_providers
from hamwe.partners.models import Contact
from hamwe.partners.tests.factories import ContactFactory

TODAY = timezone.localdate()


def titles(user):
    return [i.title for i in due_for(user, today=TODAY, only=["partner-profile"])]


def test_a_partner_is_asked_for_the_facts_its_profile_lacks(personas, org_a, org_b):
    # A has a contact and a registration number: nothing to ask.
    assert titles(personas["partner_a"]) == []
    # B has neither: its users are asked for both, and never about A.
    assert titles(personas["partner_b"]) == [
        "Add a contact person to your organisation's profile",
        "Add your registration number to your organisation's profile",
    ]
    ContactFactory(organisation=org_b)
    org_b.registration_number = "ASBL/1/2020"
    org_b.save()
    assert titles(personas["partner_b"]) == []


def test_the_profile_is_asked_for_gently_never_by_e_mail(personas, org_a):
    Contact.objects.filter(organisation=org_a).delete()
    (item,) = due_for(personas["partner_a"], today=TODAY, only=["partner-profile"])
    assert item.due_on is None and not item.overdue
    provider = next(p for p in due_providers() if p.name == "partner-profile")
    assert not provider.by_email
    # Home users keep the registry; they are not asked about partners' profiles here.
    assert titles(personas["staff"]) == []
