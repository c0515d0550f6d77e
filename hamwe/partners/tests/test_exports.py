"""The registry's export is made by the task worker, as its maker may read the registry,
and only its maker ever gets it."""

import csv
import io

from django.test import override_settings
from django.urls import reverse

from hamwe.conftest import SECRET_REGISTRATION, client_for
from hamwe.partners import tasks
from hamwe.partners.models import Export

NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                         "QUEUES": ["default"]}}


def _rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_an_export_waits_for_the_worker_then_is_served_to_its_maker(personas, org_a, org_b):
    client = client_for(personas["staff"])
    with override_settings(TASKS=NO_WORKER):
        asked = client.get(reverse("partners:export", args=["csv"]), {"sector": "media"})
    export = Export.objects.get()
    page = reverse("partners:export_detail", args=[export.pk])
    assert asked.status_code == 302 and asked["Location"] == page
    waiting = client.get(page)
    assert waiting.status_code == 202 and "Waiting for the worker" in waiting.content.decode()
    tasks.export_organisations.call(export.pk)  # the worker's turn
    progress = client.get(page, HTTP_HX_REQUEST="true")
    assert progress["HX-Redirect"] == page
    served = client.get(page)
    assert served["Content-Disposition"] == 'attachment; filename="organisations.csv"'
    rows = _rows(served)
    assert [r[0] for r in rows[1:]] == [org_b.name]  # the filter it was asked with
    export.refresh_from_db()
    assert (export.done, export.total) == (1, 1)


def test_an_export_reads_the_registry_under_its_makers_access(personas, org_a, org_b):
    mine = client_for(personas["partner_b"])
    served = mine.get(mine.get(reverse("partners:export", args=["csv"]))["Location"])
    text = "\n".join(",".join(r) for r in _rows(served))
    assert org_a.name in text and SECRET_REGISTRATION not in text  # A's public part only
    theirs = client_for(personas["partner_a"])
    served = theirs.get(theirs.get(reverse("partners:export", args=["csv"]))["Location"])
    assert SECRET_REGISTRATION in "\n".join(",".join(r) for r in _rows(served))


def test_no_one_but_its_maker_gets_an_export(personas, org_a):
    maker = client_for(personas["partner_a"])
    page = maker.get(reverse("partners:export", args=["xlsx"]))["Location"]
    assert maker.get(page).status_code == 200
    for persona in ("partner_admin_a", "partner_b", "staff", "admin"):
        assert client_for(personas[persona]).get(page).status_code == 404, persona
    assert client_for(personas["no_role"]).get(page).status_code == 403
    assert client_for(None).get(page).status_code == 302
