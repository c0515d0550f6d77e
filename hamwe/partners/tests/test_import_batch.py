"""New organisations written a batch at a time (an import's commit): the same rules as
one by one, a few statements for the whole batch, the audit trail kept."""

import pytest
from django.core.exceptions import ValidationError

from hamwe.partners import services
from hamwe.partners.models import Contact, Organisation


def rows(n, *, start=0):
    return [({"name": f"Batch Organisation {i}", "sector": "cso", "country": "BI"},
             [{"name": f"Person {i}", "email": f"p{i}@batch.example"},
              {"name": f"Second {i}", "phone": "+257 1", "is_primary": True}])
            for i in range(start, start + n)]


def test_a_batch_is_written_with_its_contacts_and_their_history(personas):
    staff = personas["staff"]
    made = services.organisations_import(by=staff, rows=rows(3))
    assert [o.name for o in made] == [f"Batch Organisation {i}" for i in range(3)]
    first = Organisation.objects.get(name="Batch Organisation 0")
    assert first.iati_type == 22  # the model's clean() ran: the sector's usual type
    assert first.search_folded.startswith("batch organisation 0")
    assert set(first.contacts.values_list("name", "is_primary")) == {
        ("Person 0", False), ("Second 0", True)}
    assert first.history.get().history_user == staff
    assert Contact.history.filter(organisation_id=first.pk, history_user=staff).count() == 2


def test_a_statement_writes_many_records(personas, django_assert_max_num_queries):
    services.organisations_import(by=personas["staff"], rows=rows(2))
    # 300 organisations and 600 contacts, each with a history row: 1,800 rows. SQLite
    # binds at most 999 values a statement (a few dozen rows); PostgreSQL takes 500.
    with django_assert_max_num_queries(60):
        services.organisations_import(by=personas["staff"], rows=rows(300, start=10))
    assert Organisation.objects.filter(name__startswith="Batch").count() == 302


def test_a_later_main_contact_takes_the_mark(personas):
    fields = {"name": "Marked Twice", "sector": "cso", "country": "BI"}
    contacts = [{"name": "First", "email": "a@m.example", "is_primary": True},
                {"name": "Last", "email": "b@m.example", "is_primary": True}]
    services.organisations_import(by=personas["staff"], rows=[(fields, contacts)])
    assert list(Contact.objects.filter(is_primary=True).filter(
        organisation__name="Marked Twice").values_list("name", flat=True)) == ["Last"]


def test_a_field_rule_is_refused_by_name_and_nothing_is_written(personas):
    bad = rows(3)
    bad[1][0]["sector"] = "fishing"
    bad[2][0]["country"] = "ZZ"
    with pytest.raises(ValidationError) as refused:
        services.organisations_import(by=personas["staff"], rows=bad)
    text = " ".join(refused.value.messages)
    assert "Batch Organisation 1:" in text and "fishing" in text
    assert "Batch Organisation 2: “ZZ” is not a country code." in text
    assert "Batch Organisation 0" not in text
    assert not Organisation.objects.filter(name__startswith="Batch").exists()


def test_a_name_already_in_the_registry_refuses_the_batch(personas, org_a):
    batch = rows(2) + [({"name": org_a.name.lower(), "sector": "cso", "country": "BI"}, [])]
    with pytest.raises(ValidationError) as refused:
        services.organisations_import(by=personas["staff"], rows=batch)
    assert refused.value.messages == [
        "An organisation with this name is already in the registry."]
    assert not Organisation.objects.filter(name__startswith="Batch").exists()


def test_an_unreachable_contact_is_refused_by_the_database_rule(personas):
    batch = [({"name": "Nobody Reachable", "sector": "cso", "country": "BI"},
              [{"name": "Silent"}])]
    with pytest.raises(ValidationError) as refused:
        services.organisations_import(by=personas["staff"], rows=batch)
    assert refused.value.messages == ["Give at least an e-mail address or a phone number."]
    assert not Organisation.objects.filter(name="Nobody Reachable").exists()
