"""Thematic networks and community structures (data/networks.yaml), through the networks'
services, as staff and the partners facilitating would record them: networks set up
with their members, meetings with who came, joint activities, a hand-over, links and
status; community structures followed as they mature, accompanied by civil-society
organisations, one registered. The same on every pack; an organisation the registry does
not hold is left out. Built once: a network or structure already there is kept."""

import datetime

from hamwe.networks import services
from hamwe.networks.models import CommunityStructure, Network

from .context import HOME
from .data import read


def build(demo, rng):
    table = read("networks")
    by = demo.staff or demo.admin
    made = 0
    for row in table["networks"]:
        if not Network.objects.filter(name=row["name"]).exists():
            _network(demo, row, by)
            made += 1
    for row in table["structures"]:
        _structure(demo, row, by)
    if made:
        demo.notes.append("Networks: thematic networks, the graph of who works with whom "
                          "and community structures under Networks.")


def _org(demo, key):
    return demo.organisations.get(HOME if key == "home" else key)


def _ago(demo, days):
    return demo.today - datetime.timedelta(days=days)


def _orgs(demo, keys):
    return [o for o in (_org(demo, key) for key in keys) if o is not None]


def _network(demo, row, by):
    initiator = _org(demo, row["initiated_by"])
    network = services.network_create(by=by, data={
        "name": row["name"], "theme": demo.themes[row["theme"]], "purpose": row["purpose"],
        "visibility": row["visibility"], "initiated_by": initiator,
        "set_up_on": _ago(demo, row["ago"])})
    for key, role in row["members"].items():
        organisation = _org(demo, key)
        if organisation is None or organisation.pk == initiator.pk:
            continue  # the initiator convenes it from the start
        services.member_add(network=network, by=by, data={
            "organisation": organisation, "role": role, "joined_on": network.set_up_on})
    for status in row.get("statuses", []):
        services.status_change(network=network, by=by, data={
            "status": status["status"], "since": _ago(demo, status["ago"])})
    for meeting in row.get("meetings", []):
        services.meeting_record(network=network, by=by, data={
            "held_on": _ago(demo, meeting["ago"]), "title": meeting["title"],
            "place": meeting.get("place", "")}, attended_by=_orgs(demo, meeting["present"]))
    for activity in row.get("activities", []):
        ended = activity.get("ended_ago")
        services.activity_record(network=network, by=by, data={
            "kind": activity["kind"], "title": activity["title"],
            "started_on": _ago(demo, activity["ago"]),
            "ended_on": _ago(demo, ended) if ended is not None else None,
            "led_by": _org(demo, activity["led_by"]), "outcome": activity.get("outcome", "")},
            organisations=_orgs(demo, activity["with"]))
    for link in row.get("links", []):
        services.link_add(network=network, by=by, data={
            "name": link["name"], "level": link["level"], "since": _ago(demo, link["ago"])})
    hand_over = row.get("hand_over")
    if hand_over and _org(demo, hand_over["to"]):
        services.facilitation_hand_over(network=network, by=by, data={
            "organisation": _org(demo, hand_over["to"]), "since": _ago(demo, hand_over["ago"]),
            "note": hand_over.get("note", "")})


def _structure(demo, row, by):
    organisation = _org(demo, row["acronym"])
    if organisation is None or CommunityStructure.objects.filter(
            organisation=organisation).exists():
        return
    structure = services.structure_create(by=by, data={
        "organisation": organisation, "kind": row["kind"],
        "formed_on": _ago(demo, row["formed_ago"])})
    for key, ago in row.get("accompanied_by", {}).items():
        if _org(demo, key):
            services.accompaniment_add(structure=structure, by=by, data={
                "organisation": _org(demo, key), "since": _ago(demo, ago)})
    for ago, level in sorted(row.get("maturity", {}).items(), reverse=True):
        services.maturity_record(structure=structure, by=by,
                                 data={"on": _ago(demo, ago), "level": level})
    registered = row.get("registered")
    if registered:
        services.structure_register(structure=structure, by=by, expected_version=1, data={
            "registered_on": _ago(demo, registered["ago"]),
            "registration_note": registered.get("note", "")})
