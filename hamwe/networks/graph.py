"""The graph of who works with whom: organisations (coloured by sector) and networks as
nodes; partnerships (between each two of their parties) and network memberships as
edges. Read under the access rule: a partner user's graph holds the partnerships its
organisation is party to and the networks it may see, over every organisation's public
profile. The analysis is networkx's, never hand-made.

Partnerships that do not include the home organisation are marked (`without_home`) and
counted apart: SD4's "partnerships among partners"."""

import datetime
import hashlib
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
from django.core.cache import cache
from django.db.models import Q

from hamwe.partners.models import Organisation
from hamwe.partnerships.models import Partnership, Party

from .models import Membership, Network

# Above this many nodes, betweenness is estimated from this many sampled sources (fixed
# seed, so the same data gives the same answer): exact betweenness is O(nodes x edges),
# and 200 sources already took the page past 30 s at 2,000 organisations and 19,000
# edges on a loaded machine (bench/graph.py). The cut vertices are exact whatever the size.
EXACT_UP_TO = 300
SAMPLES = 40
TOP_BRIDGES = 20


@dataclass(frozen=True)
class Filters:
    theme: int | None = None
    sector: str = ""
    province: int | None = None
    year: int | None = None

    @classmethod
    def from_params(cls, params):
        def number(name):
            value = params.get(name, "")
            return int(value) if value.isdigit() and len(value) < 10 else None

        return cls(theme=number("theme"), sector=params.get("sector", "")[:16],
                   province=number("province"), year=number("year"))


@dataclass
class Graph:
    graph: nx.Graph
    organisations: dict  # id -> row
    networks: dict  # id -> row
    partnerships: list = field(default_factory=list)  # (a, b, partnership row)
    memberships: list = field(default_factory=list)  # (organisation id, network id, role)


def _node(kind, pk):
    return f"{kind[0]}{pk}"  # "o12", "n3": organisations and networks apart


def build(*, user, filters: Filters) -> Graph:
    """The graph the user may see, filtered (four queries)."""
    partnerships = Partnership.objects.visible_to(user).exclude(is_partnership=False)
    networks = Network.objects.visible_to(user)
    if filters.theme:
        partnerships = partnerships.filter(thematic_areas=filters.theme)
        networks = networks.filter(theme_id=filters.theme)
    if filters.year:
        start = datetime.date(filters.year, 1, 1)
        end = datetime.date(filters.year, 12, 31)
        partnerships = partnerships.filter(
            Q(starts_on__isnull=True, created_at__date__lte=end) | Q(starts_on__lte=end),
            Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        networks = networks.filter(set_up_on__lte=end)
    organisations = Organisation.objects.visible_to(user)
    if filters.sector:
        organisations = organisations.filter(Q(sector=filters.sector) | Q(is_home=True))
    if filters.province:
        organisations = organisations.filter(Q(province_id=filters.province) | Q(is_home=True))

    org_rows = {row["id"]: row for row in organisations.values(
        "id", "name", "acronym", "sector", "is_home", "province__name")}
    parties = Party.objects.filter(partnership__in=partnerships.values("pk")).values_list(
        "partnership_id", "organisation_id", "partnership__title",
        "partnership__includes_home")
    by_partnership = {}
    for partnership_id, organisation_id, title, includes_home in parties:
        if organisation_id in org_rows:
            entry = by_partnership.setdefault(
                partnership_id, {"id": partnership_id, "title": title,
                                 "without_home": not includes_home, "parties": []})
            entry["parties"].append(organisation_id)
    net_rows = {row["id"]: row for row in networks.values("id", "name", "theme__name")}
    members = Membership.objects.filter(network_id__in=list(net_rows)).values_list(
        "organisation_id", "network_id", "role", "joined_on", "left_on")

    graph = nx.Graph()
    for pk in org_rows:
        graph.add_node(_node("organisation", pk), kind="organisation", id=pk)
    result = Graph(graph=graph, organisations=org_rows, networks={})
    for entry in by_partnership.values():
        for a, b in combinations(sorted(entry["parties"]), 2):
            graph.add_edge(_node("organisation", a), _node("organisation", b))
            result.partnerships.append((a, b, entry))
    for organisation_id, network_id, role, joined_on, left_on in members:
        if organisation_id not in org_rows:
            continue
        if filters.year and (joined_on.year > filters.year
                             or (left_on and left_on.year < filters.year)):
            continue
        result.networks[network_id] = net_rows[network_id]
        graph.add_node(_node("network", network_id), kind="network", id=network_id)
        graph.add_edge(_node("organisation", organisation_id), _node("network", network_id))
        result.memberships.append((organisation_id, network_id, role))
    return result


ANALYSIS_SECONDS = 30 * 60


def analysed(result: "Graph"):
    """(bridges, isolated partners) of the graph, kept in the cache under a digest of the
    graph itself (its nodes and edges): the same graph is analysed once, a changed one
    afresh, with nothing to invalidate."""
    graph = result.graph
    digest = hashlib.sha256(repr((
        sorted(graph.nodes), sorted(tuple(sorted(edge)) for edge in graph.edges),
        sorted(pk for pk, row in result.organisations.items() if row["is_home"]),
    )).encode()).hexdigest()[:40]
    key = f"networks-graph-{digest}"
    found = cache.get(key)
    if found is None:
        found = (bridges(graph), isolated_partners(result))
        cache.set(key, found, ANALYSIS_SECONDS)
    return found


def bridges(graph: nx.Graph, *, top=TOP_BRIDGES):
    """The organisations that link otherwise separate groups: the cut vertices
    (articulation points, whose removal splits the graph), ranked by betweenness, then the
    highest betweenness of the rest. (organisation id, betweenness, is a cut vertex)."""
    if graph.number_of_nodes() < 3:
        return []
    if graph.number_of_nodes() > EXACT_UP_TO:
        centrality = nx.betweenness_centrality(graph, k=SAMPLES, seed=17)
    else:
        centrality = nx.betweenness_centrality(graph)
    cuts = set(nx.articulation_points(graph))
    ranked = sorted(
        (node for node, data in graph.nodes(data=True)
         if data["kind"] == "organisation" and centrality[node] > 0),
        key=lambda node: (node not in cuts, -centrality[node], node))
    return [(graph.nodes[node]["id"], round(centrality[node], 4), node in cuts)
            for node in ranked[:top]]


def isolated_partners(result: Graph):
    """The home organisation's partners with no tie to any other organisation but the
    home organisation: no partnership without it, no network shared with another."""
    graph = result.graph
    home = next((pk for pk, row in result.organisations.items() if row["is_home"]), None)
    if home is None:
        return []
    home_node = _node("organisation", home)
    if home_node not in graph:
        return []
    partners = [graph.nodes[n]["id"] for n in graph.neighbors(home_node)
                if graph.nodes[n]["kind"] == "organisation"]
    rest = graph.copy()
    rest.remove_node(home_node)
    # Organisations in each part of the graph without the home NGO: a partner alone in
    # its part (a network only it and the home NGO belong to ties it to no one) is isolated.
    organisations_in = {}
    for part in nx.connected_components(rest):
        count = sum(1 for n in part if rest.nodes[n]["kind"] == "organisation")
        for n in part:
            organisations_in[n] = count
    alone = [pk for pk in partners if organisations_in[_node("organisation", pk)] == 1]
    return sorted(alone, key=lambda pk: result.organisations[pk]["name"])


def as_data(result: Graph):
    """The graph as the page's drawing reads it, compact (the page builds Cytoscape.js's
    elements from it): nodes [id, label, sector], edges [source, target, kind]."""
    nodes = [[_node("organisation", pk), row["acronym"] or row["name"],
              "home" if row["is_home"] else row["sector"]]
             for pk, row in result.organisations.items()]
    nodes += [[_node("network", pk), row["name"], "network"]
              for pk, row in result.networks.items()]
    edges = [[_node("organisation", a), _node("organisation", b),
              "among" if entry["without_home"] else "partnership"]
             for a, b, entry in result.partnerships]
    edges += [[_node("organisation", o), _node("network", n), "member"]
              for o, n, _role in result.memberships]
    return {"nodes": nodes, "edges": edges}
