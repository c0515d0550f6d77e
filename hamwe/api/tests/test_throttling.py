"""The API's rate limits: counted in one statement on a table every worker shares, and
answered with 429 and Retry-After, as the schema declares."""

from unittest import mock

import pytest
from django.test import RequestFactory
from rest_framework.test import APIClient

from hamwe.api.models import RequestCount
from hamwe.api.throttling import AnonRate, UserRate
from hamwe.partners.api import OrganisationViewSet


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def three_a_minute():
    # A fixed moment five seconds into a window: on a busy machine four requests could
    # otherwise straddle a window's edge, and the fourth would rightly be let through.
    with (mock.patch.object(OrganisationViewSet, "throttle_classes", [AnonRate, UserRate]),
          mock.patch.object(UserRate, "rate", "3/min", create=True),
          mock.patch.object(UserRate, "timer", staticmethod(lambda: 60 * 29_000_000 + 5.0))):
        yield


def test_past_the_rate_the_api_answers_429_with_retry_after(personas, three_a_minute):
    client = _client(personas["staff"])
    for _ in range(3):
        assert client.get("/api/v1/organisations/").status_code == 200
    refused = client.get("/api/v1/organisations/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"].lower()
    # Someone else is not held back by it.
    assert _client(personas["viewer"]).get("/api/v1/organisations/").status_code == 200


def test_the_count_is_one_statement_and_shared_by_every_worker(
        personas, django_assert_num_queries):
    request = RequestFactory().get("/api/v1/organisations/")
    request.user = personas["staff"]
    # The old windows are swept on one first hit in a hundred, at random: not this time.
    with mock.patch.object(UserRate, "rate", "3/min", create=True), \
            mock.patch("hamwe.api.throttling.random.random", return_value=1.0):
        with django_assert_num_queries(1):  # the upsert, returning the count
            assert UserRate().allow_request(request, None)
        # Another worker has its own throttle object, and the same count.
        assert UserRate().allow_request(request, None)
        assert UserRate().allow_request(request, None)
        assert not UserRate().allow_request(request, None)
    row = RequestCount.objects.get()
    assert row.hits == 4 and row.key.endswith(str(personas["staff"].pk))


def test_a_new_window_starts_the_count_again(personas):
    request = RequestFactory().get("/api/v1/organisations/")
    request.user = personas["staff"]
    with mock.patch.object(UserRate, "rate", "2/min", create=True):
        with mock.patch.object(UserRate, "timer", return_value=600.0):
            assert all(UserRate().allow_request(request, None) for _ in range(2))
            assert not UserRate().allow_request(request, None)
        with mock.patch.object(UserRate, "timer", return_value=660.0):
            assert UserRate().allow_request(request, None)
    assert RequestCount.objects.get().hits == 1
