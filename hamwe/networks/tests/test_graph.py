"""The graph's analysis against a graph drawn by hand, and the graph built from records."""

import datetime

import networkx as nx
import pytest

from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.models import Partnership, Party

from .. import graph as graphs
from .factories import home_organisation, network

D = datetime.date


def _hand_made():
    """Two triangles, {a, b, x} and {c, d, y}, joined only through m (a bridge between
    them); e hangs on a alone; the network node n joins b and e.

        a - b          c - d
         \\ /  \\        \\ /
          x -- m ------ y
    """
    g = nx.Graph()
    for name in "abcdexmy":
        g.add_node(f"o{name}", kind="organisation", id=name)
    g.add_node("n1", kind="network", id=1)
    g.add_edges_from([("oa", "ob"), ("ob", "ox"), ("ox", "oa"), ("oc", "od"), ("od", "oy"),
                      ("oy", "oc"), ("ox", "om"), ("om", "oy"), ("oe", "oa"), ("ob", "om"),
                      ("n1", "ob"), ("n1", "oe")])
    return g


def test_bridges_of_a_hand_made_graph():
    found = graphs.bridges(_hand_made())
    ids = [pk for pk, _score, _cut in found]
    cuts = {pk for pk, _score, cut in found if cut}
    # m and y each split the graph (every path from c, d to the rest passes through y,
    # then m); x and b do not (each has the other), nor a (e still reaches b through n1).
    assert cuts == {"m", "y"}
    assert ids[:2] == ["m", "y"]  # cut vertices first, the more central first
    assert set(ids) <= set("abcdexmy")  # organisations only, never the network node
    scores = {pk: score for pk, score, _cut in found}
    assert scores["m"] > scores["x"] > 0 and "c" not in scores  # c lies on no shortest path


def test_betweenness_is_estimated_past_the_exact_size(monkeypatch):
    monkeypatch.setattr(graphs, "EXACT_UP_TO", 3)
    monkeypatch.setattr(graphs, "SAMPLES", 9)  # every node: the estimate is exact
    assert [pk for pk, *_ in graphs.bridges(_hand_made())][:2] == ["m", "y"]


@pytest.mark.django_db
def test_the_graph_of_records_sets_partnerships_among_partners_apart(personas):
    home = home_organisation()
    a, b, c, lone = (OrganisationFactory(name=f"Partner {x}") for x in ("A", "B", "C", "L"))

    def partnership(title, parties):
        made = Partnership.objects.create(title=title, kind="strategic", status="active",
                                          includes_home=any(p.is_home for p in parties))
        for organisation in parties:
            Party.objects.create(partnership=made, organisation=organisation,
                                 role="implementing")
        return made

    partnership("Home with A", [home, a])
    partnership("Home with B", [home, b])
    partnership("Home with L", [home, lone])
    partnership("A and B together", [a, b])
    network(initiated_by=c, members=[b], name="Network of B and C")
    result = graphs.build(user=personas["staff"], filters=graphs.Filters())
    among = {(entry["title"], entry["without_home"]) for _a, _b, entry in result.partnerships}
    assert ("A and B together", True) in among and ("Home with A", False) in among
    # L works with no one but the home NGO; A, B (and C through the network) do.
    assert graphs.isolated_partners(result) == [lone.pk]
    # The home NGO ties L in, and B ties C in (through the network).
    assert {pk for pk, _s, cut in graphs.bridges(result.graph) if cut} == {home.pk, b.pk}
    data = graphs.as_data(result)
    kinds = sorted(kind for _source, _target, kind in data["edges"])
    assert kinds == ["among", "member", "member", "partnership", "partnership",
                     "partnership"]


@pytest.mark.django_db
def test_a_partner_sees_the_graph_of_its_own_partnerships_only(personas, org_a, org_b):
    home = home_organisation()
    for title, parties in (("Home with A", [home, org_a]), ("Home with B", [home, org_b])):
        made = Partnership.objects.create(title=title, kind="strategic", status="active")
        for organisation in parties:
            Party.objects.create(partnership=made, organisation=organisation,
                                 role="implementing")
    network(initiated_by=home, members=[org_b], name="B's private network",
            visibility="members")
    seen = graphs.build(user=personas["partner_a"], filters=graphs.Filters())
    assert [entry["title"] for *_ends, entry in seen.partnerships] == ["Home with A"]
    assert seen.networks == {}
    assert len(graphs.build(user=personas["staff"], filters=graphs.Filters()).networks) == 1


@pytest.mark.django_db
def test_filters_by_theme_sector_province_and_year(personas):
    home = home_organisation()
    research = OrganisationFactory(name="Lab", sector="research")
    made = Partnership.objects.create(title="Study", kind="strategic", status="active",
                                      starts_on=D(2020, 1, 1), ends_on=D(2021, 12, 31))
    for organisation in (home, research):
        Party.objects.create(partnership=made, organisation=organisation, role="knowledge")

    def titles(**filters):
        result = graphs.build(user=personas["staff"], filters=graphs.Filters(**filters))
        return [entry["title"] for *_ends, entry in result.partnerships]

    assert titles(year=2021) == ["Study"] and titles(year=2022) == []
    assert titles(sector="research") == ["Study"] and titles(sector="media") == []
    assert titles(theme=999) == []
    assert graphs.Filters.from_params({"year": "20x", "theme": "3"}) == graphs.Filters(theme=3)


@pytest.mark.django_db
def test_the_analysis_is_kept_for_the_same_graph_only(personas, monkeypatch):
    home = home_organisation()
    a, b = OrganisationFactory(name="Partner A"), OrganisationFactory(name="Partner B")
    network(initiated_by=home, members=[a], name="First")
    calls = []
    real = graphs.bridges
    monkeypatch.setattr(graphs, "bridges", lambda graph: calls.append(1) or real(graph))

    def analyse():
        return graphs.analysed(graphs.build(user=personas["staff"], filters=graphs.Filters()))

    first = analyse()
    assert analyse() == first and len(calls) == 1  # the same graph: kept
    network(initiated_by=home, members=[b], name="Second")
    analyse()
    assert len(calls) == 2  # another graph: analysed afresh
