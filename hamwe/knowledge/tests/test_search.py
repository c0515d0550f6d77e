"""Search in three languages, accents and case folded, ranked, excerpts marked, under the
access rule (runs on SQLite and on PostgreSQL: `.ci/pg-cluster -- ...`)."""

import pytest

from hamwe.knowledge import search
from hamwe.knowledge.models import Item
from hamwe.knowledge.tests.factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(personas, org_a, org_b):
    staff = personas["staff"]
    return {
        "fr": make_item(by=staff, origins=[org_a], language="fr", publish=True,
                        title="Le réseau des femmes de Bujumbura",
                        summary="Comment le réseau d'épargne a grandi à Ngozi.",
                        body="Les groupes d'épargne et de crédit se sont réunis en réseau."),
        "en": make_item(by=staff, origins=[org_b], language="en", publish=True,
                        title="Peace clubs in schools",
                        summary="What the networks of peace clubs learnt.",
                        body="School clubs meet weekly; the networks share songs."),
        "sv": make_item(by=staff, origins=[org_a], language="sv", publish=True,
                        title="Lärdomar om spargrupper i Gitega",
                        summary="Nätverket av kvinnor växte snabbt.",
                        body="Spargrupperna träffades varje vecka i byarna."),
        "secret": make_item(by=staff, origins=[org_b], language="fr", publish=True,
                            sharing=Item.Sharing.INTERNAL,
                            title="Réseau interne confidentiel de Beta",
                            summary="Le réseau que Beta garde pour elle."),
    }


def _titles(results):
    return [hit.item.title for hit in results.hits]


def test_french_without_accents_finds_accented_words(personas, library):
    results = search.search(personas["staff"], "reseau")
    assert library["fr"].title in _titles(results)
    assert "<mark>" in results.hits[0].excerpt or "<mark>" in results.hits[0].title


def test_case_is_folded(personas, library):
    assert _titles(search.search(personas["staff"], "bujumbura")) == [library["fr"].title]
    assert _titles(search.search(personas["staff"], "BUJUMBURA")) == [library["fr"].title]


def test_english_and_swedish(personas, library):
    assert _titles(search.search(personas["staff"], "peace clubs")) == [library["en"].title]
    # Swedish letters folded both ways: "natverket" finds "Nätverket", "lardomar" "Lärdomar".
    assert _titles(search.search(personas["staff"], "natverket")) == [library["sv"].title]
    assert _titles(search.search(personas["staff"], "Lärdomar")) == [library["sv"].title]


def test_all_words_must_match_and_title_ranks_first(personas, library, org_a):
    staff = personas["staff"]
    in_text = make_item(by=staff, origins=[org_a], language="en", publish=True,
                        title="Annual review", body="We met the peace clubs once.")
    titles = _titles(search.search(staff, "peace clubs"))
    assert titles == [library["en"].title, in_text.title]
    assert _titles(search.search(staff, "peace gitega")) == []


def test_excerpt_marks_the_words_and_escapes_the_text(personas, org_a):
    staff = personas["staff"]
    make_item(by=staff, origins=[org_a], publish=True, title="Markup",
              body="A <script>alert(1)</script> note about cassava harvests.")
    hit = search.search(staff, "cassava").hits[0]
    assert "<mark>cassava</mark>" in hit.excerpt
    assert "<script>" not in hit.excerpt


def test_filters(personas, library):
    staff = personas["staff"]
    assert _titles(search.search(staff, "reseau", filters={"language": "fr"})) != []
    assert _titles(search.search(staff, "reseau", filters={"language": "en"})) == []


def test_a_partners_search_never_returns_counts_or_excerpts_an_item_not_shared(
        personas, library):
    """B's internal item matches "reseau" for B and for home staff, never for A."""
    partner_a = personas["partner_a"]
    results = search.search(partner_a, "reseau")
    assert library["secret"].title not in _titles(results)
    assert results.count == 1  # only A's own French item
    assert all("Beta" not in hit.excerpt and "confidentiel" not in hit.title
               for hit in results.hits)
    assert search.search(partner_a, "confidentiel").count == 0
    assert search.search(personas["partner_b"], "confidentiel").count == 1
    assert search.search(personas["staff"], "reseau").count == 2
    # Nor does browsing without words, nor another partner's draft.
    assert library["secret"].title not in _titles(search.search(partner_a, ""))
    make_item(by=personas["partner_b"], origins=[library["secret"].origins.get()],
              title="Brouillon reseau de Beta")
    assert search.search(partner_a, "brouillon").count == 0
    assert search.search(personas["no_role"], "reseau").count == 0


def test_an_edit_and_a_publish_keep_the_index_in_step(personas, org_a):
    from hamwe.knowledge import services

    staff = personas["staff"]
    item = make_item(by=staff, origins=[org_a], publish=True, title="Cassava")
    services.item_update(item=item, by=staff, data={"title": "Sorghum"},
                         expected_version=item.version)
    assert search.search(staff, "cassava").count == 0
    assert search.search(staff, "sorghum").count == 1
