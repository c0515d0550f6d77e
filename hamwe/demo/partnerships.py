"""The partnerships among the registry's organisations (data/partnerships.yaml), each
taken through the live policy's partnership cycle by the partnerships' services, as staff
would: qualification check, phases, gate ticks with evidence (where the record does not
tick an item itself), agreements generated, sent and signed, reviews, a few revision
loops. Their audit trail and stage history are real.

Kinds, stages, phases, gates, principles and non-partnership patterns are read from the
policy, so the same table runs on any pack. A partnership that exists (by title) is left
as it is."""

import datetime
import random
from decimal import Decimal

from hamwe.partnerships.agreements.selectors import agreement_parties
from hamwe.partnerships.agreements.selectors import languages as agreement_languages
from hamwe.partnerships.agreements.services import (
    agreement_generate,
    agreement_send,
    signature_add,
)
from hamwe.partnerships.cycle.services import (
    REVIEW_INTERVAL_DAYS,
    gate_status,
    gate_tick,
    qualification_run,
    review_record,
    stage_move,
)
from hamwe.partnerships.models import Partnership, Party, Review
from hamwe.partnerships.policy import current_policy
from hamwe.partnerships.records.services import (
    contribution_add,
    partnership_create,
    partnership_update,
)

from .context import HOME
from .data import read

OPERATIONAL = "operational"


def build(demo, rng):
    table = read("partnerships")
    policy = current_policy()
    plans = _plans(rng, policy, demo, table["partnerships"])
    existing = set(Partnership.objects.values_list("title", flat=True))
    for plan in plans:
        if plan["title"] in existing:
            continue
        partnership = _create(demo, policy, plan, table)
        parties = list(partnership.parties.select_related("organisation"))
        _contribute(demo, plan, parties, table)
        CycleWalk(demo=demo, policy=policy, plan=plan, table=table).run(partnership, parties)


def _create(demo, policy, plan, table):
    kind = policy.kinds[plan["kind"]]
    next_review = None
    if plan["stage"] > 0 or plan.get("draft"):
        days = plan["due"] if plan.get("due") is not None else plan["random"].randint(40, 170)
        next_review = demo.today + datetime.timedelta(days=days)
    data = {
        "title": plan["title"],
        "kind": plan["kind"],
        "shared_vision": plan["vision"],
        "joint_objectives": "\n".join(f"- {line}" for line in plan["objectives"]),
        "initiated_by": plan["initiator"],
        "programme": plan["programme"],
        "starts_on": plan["starts"],
        "ends_on": plan["ends"],
        "has_funding": plan["mode"] == OPERATIONAL or kind.funding_expected == "yes",
        "next_review_on": next_review,
        "thematic_areas": [demo.themes[key] for key in plan["themes"]],
        "impact_groups": [demo.groups[key] for key in plan["groups"]],
        "provinces": [demo.provinces[code] for code in plan["provinces"]],
    }
    parties = []
    for acronym, role in plan["parties"]:
        organisation = demo.organisations[acronym]
        parties.append({
            "organisation": organisation,
            "role": role,
            "iati_role": table["iati_roles"].get(role),
            "own_objectives": table["own_objectives"][organisation.sector],
            "responsibilities": "\n".join(f"- {r}" for r in table["responsibilities"][role]),
            "risks": table["risks"][organisation.sector],
        })
    return partnership_create(by=demo.admin, data=data, parties=parties)


def _contribute(demo, plan, parties, table):
    """Two or three contributions per party, of its sector; money from the party that pays
    (the funder, else the home organisation, else the lead) when the partnership is funded."""
    partnership = parties[0].partnership
    payer = next((p for p in parties if p.role == Party.Role.FUNDING), None) or next(
        (p for p in parties if p.organisation.is_home), parties[0])
    prng = plan["random"]
    for party in parties:
        template = table["contributions"][party.organisation.sector]
        chosen = [template[0], *prng.sample(template[1:], prng.randint(1, len(template) - 1))]
        if partnership.has_funding and party == payer and not any(
            kind == "money" for kind, _description, _value in chosen
        ):
            chosen.insert(0, table["funds"])
        # A partner with demo logins records its own contributions.
        recorder = demo.partner_admins.get(party.organisation_id, demo.admin)
        for kind, description, value in chosen:
            estimate = None
            if value:
                estimate = Decimal(prng.randint(*value)) * 1_000_000 + Decimal(
                    prng.randint(0, 19) * 50_000)
            contribution_add(party=party, by=recorder, data={
                "kind": kind, "description": description, "estimated_value": estimate,
                "currency": "BIF",
            })


# --- Plans: where each partnership stands, drawn the same way on every run ---------------


def _plans(rng, policy, demo, rows):
    plans, loops = [], 0
    for row in rows:
        # Each its own generator, so skipping one that exists changes nothing for the next.
        prng = random.Random(rng.getrandbits(32))
        starts, ends, last_review = _dates(prng, row, demo.today)
        plans.append({**row, "random": prng, "not_a": row.get("not_a"), "loop_turn": loops,
                      "starts": starts, "ends": ends, "last_review": last_review})
        loops += bool(row.get("loop"))
    stages = _stage_targets(plans, len(policy.stages))
    for plan, stage, kind in zip(plans, stages, _kinds(policy, plans), strict=True):
        plan["stage"], plan["kind"] = stage, kind
        phases = policy.stages[stage].phases
        if plan["not_a"]:
            plan["phase"] = 0
        elif plan.get("ended"):
            plan["phase"] = len(phases) - 1
        elif plan.get("draft"):
            plan["phase"] = len(phases) - 1 - plan["random"].randint(0, min(1, len(phases) - 1))
        else:
            plan["phase"] = plan["random"].randrange(len(phases))
        initiator = plan.get("initiated_by") or (
            HOME if any(acronym == HOME for acronym, _role in plan["parties"])
            else plan["parties"][0][0]
        )
        plan["initiator"] = demo.organisations[initiator]
    return plans


def _dates(prng, row, today):
    """Start, end and the last review's date, older the further along the cycle."""
    level, year_now = row["level"], today.year
    first_year, last_year = [(year_now, year_now), (year_now - 3, year_now - 1),
                             (year_now - 7, year_now - 4), (year_now - 12, year_now - 8)][level]
    year = prng.randint(first_year, last_year)
    starts = datetime.date(year, prng.randint(1, 12), 1)
    if level == 0:  # planned to start soon, if known yet
        next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        starts = None if prng.random() < 0.3 else next_month.replace(day=prng.choice([1, 15]))
    if row.get("ended"):
        ends = datetime.date(min(year + 6, year_now - 1), 6, 30)
    elif row.get("not_a") and starts:
        ends = datetime.date(starts.year + 1, prng.randint(3, 9), 30)  # a short contract
    elif row["mode"] == OPERATIONAL and starts:
        ends = datetime.date(starts.year + prng.randint(3, 5), starts.month, 1) \
            - datetime.timedelta(days=1)
        if ends < datetime.date(year_now + 1, 6, 30) and level > 0:  # extended, still running
            ends = datetime.date(year_now + 1 + prng.randint(0, 2),
                                 *prng.choice([(6, 30), (12, 31)]))
    else:
        ends = None  # strategic partnerships are open-ended
    if row.get("due") is not None:
        last_review = today - datetime.timedelta(days=REVIEW_INTERVAL_DAYS - row["due"])
    elif row.get("ended"):
        last_review = ends - datetime.timedelta(days=90)
    else:
        last_review = today - datetime.timedelta(days=prng.randint(20, 150))
    return starts, ends, last_review


def _stage_targets(plans, count):
    """Each partnership's stage index: its level (0-3) spread over the policy's stages,
    then one moved into any stage left empty, so every stage has partnerships."""
    targets = [0 if p["not_a"] else round(p["level"] * (count - 1) / 3) for p in plans]
    for stage in range(count):
        if stage in targets:
            continue
        movable = [i for i, target in enumerate(targets)
                   if not plans[i]["not_a"] and targets.count(target) > 1]
        if movable:
            nearest = min(movable, key=lambda i: (abs(targets[i] - stage), i))
            targets[nearest] = stage
    return targets


def _kinds(policy, plans):
    """A kind of the policy for each partnership: operational ones among the kinds that
    expect funding, strategic ones among the others (where the policy tells them apart),
    taken in turn so that every kind is used."""
    kinds = list(policy.kinds.values())
    funded = [k.key for k in kinds if k.funding_expected == "yes"]
    other = [k.key for k in kinds if k.funding_expected != "yes"]
    turns, chosen = {}, []
    for plan in plans:
        pool = tuple((funded if plan["mode"] == OPERATIONAL else other) or [k.key for k in kinds])
        turn = turns.get(pool, 0)
        turns[pool] = turn + 1
        chosen.append(pool[turn % len(pool)])
    return chosen


def _pattern(policy, not_a, table):
    """The policy's non-partnership pattern that a `not_a` relationship shows."""
    patterns = policy.non_partnerships
    if not patterns:
        return None
    wanted = table["not_a_partnership"][not_a]
    for pattern in patterns:
        if any(word in f"{pattern.key} {pattern.label}".lower() for word in wanted["words"]):
            return pattern
    return patterns[wanted["position"] % len(patterns)]


# --- The walk through the cycle ------------------------------------------------------------


class CycleWalk:
    """Takes one partnership through the cycle by the services, as staff would."""

    def __init__(self, *, demo, policy, plan, table):
        self.demo, self.policy, self.plan, self.table = demo, policy, plan, table
        self.by, self.today, self.random = demo.admin, demo.today, plan["random"]
        self.stages = policy.stages
        # Reviews happen in the first stage that may loop back (else the one before last).
        self.review_stage = min(
            (policy.stage_index(key) for key, to in policy.pack.cycle.loops.items()
             if to and policy.stage_index(key) >= 0),
            default=max(len(self.stages) - 2, 0),
        )
        self.revised_on = None

    def run(self, partnership, parties):
        plan, policy = self.plan, self.policy
        self.partnership, self.parties = partnership, parties
        pattern = _pattern(policy, plan["not_a"], self.table) if plan["not_a"] else None
        self._check(found=pattern.key if pattern else None, occasion="record")
        loop_targets = [policy.stage_index(key) for key in policy.loops_from(
            self.stages[self.review_stage].key)]
        loop_targets = [i for i in loop_targets if 0 <= i < self.review_stage]
        loop_to = loop_targets[plan["loop_turn"] % len(loop_targets)] if (
            plan.get("loop") and loop_targets and plan["stage"] >= self.review_stage) else None
        here = 0
        while True:
            stage = self.stages[here]
            if here == plan["stage"] and loop_to is None:
                self._to_phase(plan["phase"])
                if here == 0 and plan.get("draft"):
                    self._agreement(sign=False)
                if here == self.review_stage and not plan["not_a"]:
                    self._review(Review.Recommendation.CONTINUE)
                break
            self._to_phase(len(stage.phases) - 1)
            if here == 0 and not self.partnership.agreements.exists():
                self._agreement(sign=True)
            if here == self.review_stage:
                if loop_to is not None:
                    self._review(Review.Recommendation.REVISE)
                    back = self.stages[loop_to]
                    self._move(back.key, back.phases[-1].key,
                               note=self.table["review"]["back_note"].format(stage=back.name))
                    self._agreement(sign=True, revised=True)
                    here, loop_to = loop_to, None
                    continue
                self._review(Review.Recommendation.SUSTAIN)
            # Items bound to a fact are ticked by the record (the check, the signed
            # agreement, the review above); the others by hand, with evidence.
            for entry in gate_status(self._fresh(), policy=policy):
                if entry["by_hand"]:
                    gate_tick(partnership=self._fresh(), by=self.by, item=entry["item"].key,
                              evidence=self._evidence(entry["item"]))
            here += 1
            self._move(self.stages[here].key, self.stages[here].phases[0].key)
        if plan.get("ended"):
            current = self._fresh()
            partnership_update(partnership=current, by=self.by,
                               data={"status": Partnership.Status.ENDED},
                               expected_version=current.version)

    def _fresh(self):
        self.partnership.refresh_from_db()
        return self.partnership

    def _move(self, stage, phase, note=""):
        stage_move(partnership=self._fresh(), by=self.by, to_stage=stage, to_phase=phase,
                   note=note)

    def _to_phase(self, index):
        """Phase by phase, from the current one to the one at `index` of this stage."""
        current = self._fresh()
        stage = self.policy.stage(current.stage)
        keys = [phase.key for phase in stage.phases]
        for key in keys[keys.index(current.phase) + 1:index + 1]:
            self._move(stage.key, key)

    def _evidence(self, item):
        start = self.plan["starts"] or self.today
        low = min(start, self.today).toordinal()
        high = max(low, min(self.plan["last_review"], self.today).toordinal())
        when = datetime.date.fromordinal(self.random.randint(low, high))
        document = self.random.choice(self.table["evidence_documents"])
        evidence = f"{document}, {when:%B %Y}"
        return f"{evidence}: {item.evidence}" if item.evidence else evidence

    def _check(self, *, found, occasion):
        answers = {p.key: p.key == found for p in self.policy.non_partnerships}
        return qualification_run(partnership=self.partnership, by=self.by, answers=answers,
                                 occasion=occasion)

    def _agreement(self, *, sign, revised=False):
        language = agreement_languages()[0][0]
        agreement = agreement_generate(partnership=self._fresh(), by=self.by,
                                       language=language)
        if not sign:
            return agreement
        agreement = agreement_send(agreement=agreement, by=self.by)
        if revised:
            signed_on = self.revised_on + datetime.timedelta(days=self.random.randint(14, 45))
        else:
            signed_on = (self.plan["starts"] or self.today) - datetime.timedelta(
                days=self.random.randint(7, 45))
        for party in agreement_parties(agreement):
            contact = party.organisation.contacts.filter(is_primary=True).first()
            # A partner with demo logins records its own signature.
            by = self.demo.partner_admins.get(party.organisation_id, self.by)
            signature_add(agreement=agreement, party=party, by=by, data={
                "signatory": contact.name, "title": contact.position,
                "signed_on": min(signed_on + datetime.timedelta(
                    days=self.random.randint(0, 6)), self.today),
            })
        return agreement

    def _review(self, recommendation):
        words = self.table["review"]
        held = self.plan["last_review"]
        revise = recommendation == Review.Recommendation.REVISE
        if revise:  # the review before the last: it sent the partnership back
            held -= datetime.timedelta(days=self.random.randint(150, 250))
            self.revised_on = held
        met = self.random.choice([Review.Met.FULLY, Review.Met.PARTLY, Review.Met.PARTLY])
        review_record(
            partnership=self._fresh(), by=self.by,
            data={
                "held_on": held,
                "objectives_met": Review.Met.PARTLY if revise else met,
                "objectives_notes": words["objectives_met_revise" if revise else "objectives_met"],
                "principle_ratings": {p.key: self.random.randint(2 if revise else 3, 5)
                                      for p in self.policy.principles},
                "contributions_delivered": words["contributions_delivered"],
                "governance_working": words["governance_working"],
                "membership_change": words["membership_change"],
                "revise_agreement": revise,
                "recommendation": recommendation,
            },
            values=[
                {"party": party, "rating": self.random.randint(3, 5),
                 "expected": self.table["own_objectives"][party.organisation.sector],
                 "received": words["value_received"]}
                for party in self.parties
            ],
            answers={p.key: False for p in self.policy.non_partnerships},
        )
