"""The agreement's checklist: ingredient by ingredient (The Partnering Toolbook's WHO /
WHY / WHAT / HOW; METHODS.md §2), each not relevant, not in place, partially or fully in
place. Computed from the record when a version is generated; staff may mark an ingredient
"not relevant" while the version is a draft (services.agreement_checklist_set).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from ..models import Agreement

MISSING, PARTLY, FULLY, NOT_RELEVANT = (
    Agreement.Ingredient.MISSING.value,
    Agreement.Ingredient.PARTLY.value,
    Agreement.Ingredient.FULLY.value,
    Agreement.Ingredient.NOT_RELEVANT.value,
)


@dataclass(frozen=True)
class Ingredient:
    key: str
    group: str
    label: str
    remedy: str  # what to put on the record (or in the agreement) to have it in place


GROUPS = (
    ("who", gettext_lazy("WHO — the partners")),
    ("why", gettext_lazy("WHY — what brings them together")),
    ("what", gettext_lazy("WHAT — what they do and bring")),
    ("how", gettext_lazy("HOW — how they work together")),
)

INGREDIENTS = (
    Ingredient("parties", "who", gettext_lazy("Partners named"),
               gettext_lazy("Record at least two parties.")),
    Ingredient("representatives", "who", gettext_lazy("Representatives and signatories"),
               gettext_lazy("Add a main contact person to each party's organisation.")),
    Ingredient("shared_vision", "why", gettext_lazy("Shared vision"),
               gettext_lazy("Write the shared vision on the partnership record.")),
    Ingredient("joint_objectives", "why", gettext_lazy("Joint objectives"),
               gettext_lazy("Write the joint objectives on the partnership record.")),
    Ingredient("own_objectives", "why", gettext_lazy("Each partner's own objectives"),
               gettext_lazy("Write each party's own objectives.")),
    Ingredient("principles", "why", gettext_lazy("Principles of partnership"),
               gettext_lazy("Generate a new version: it quotes every principle of the "
                            "live policy.")),
    Ingredient("scope", "what", gettext_lazy("Activities and scope"),
               gettext_lazy("Name the programme or project and the thematic areas, "
                            "provinces or impact groups.")),
    Ingredient("resources", "what", gettext_lazy("Each partner's resources and contributions"),
               gettext_lazy("Record each party's contributions (money, staff, expertise, "
                            "in kind).")),
    Ingredient("roles", "what", gettext_lazy("Roles and responsibilities"),
               gettext_lazy("Write each party's responsibilities.")),
    Ingredient("funding", "what", gettext_lazy("Money: budget, disbursement, reporting"),
               gettext_lazy("Record the money contributions with their estimated values.")),
    Ingredient("indicators", "what", gettext_lazy("Indicators of success"),
               gettext_lazy("Write the joint objectives and set the next review date: "
                            "reviews measure progress against them.")),
    Ingredient("governance", "how", gettext_lazy("Governance and decision making"),
               gettext_lazy("Hamwe's standard clause: joint decisions, regular meetings.")),
    Ingredient("communication", "how", gettext_lazy("Communication"),
               gettext_lazy("Name each party's main contact person: the focal person "
                            "of the communication clause.")),
    Ingredient("grievances", "how", gettext_lazy("Grievances and dispute resolution"),
               gettext_lazy("Hamwe's standard clause: dialogue, then mediation.")),
    Ingredient("review", "how", gettext_lazy("Review"),
               gettext_lazy("Set the next review date on the partnership record.")),
    Ingredient("exit", "how", gettext_lazy("Exit and termination"),
               gettext_lazy("Hamwe's standard clause: notice, settling commitments.")),
)
INGREDIENT_KEYS = tuple(i.key for i in INGREDIENTS)


def _share(done, total):
    """All of them: fully; some: partly; none: missing."""
    if total and done == total:
        return FULLY
    return PARTLY if done else MISSING


def checklist_entry(status, lacking=()):
    # `auto` keeps the computed status, so an override to "not relevant" can be undone.
    return {"status": status, "auto": status, "lacking": list(lacking)}


def compute_checklist(facts) -> dict:
    """Each ingredient's status from the facts of the record the version was built from,
    with the names of the parties that lack it."""
    parties = facts["parties"]
    entry = checklist_entry

    def lacking(flag):
        return [p["name"] for p in parties if not p[flag]]

    def per_party(flag):
        return entry(_share(sum(1 for p in parties if p[flag]), len(parties)), lacking(flag))

    money = facts["funding_relevant"]
    return {
        "parties": entry(FULLY if len(parties) >= 2 else MISSING),
        "representatives": per_party("has_contact"),
        "shared_vision": entry(FULLY if facts["shared_vision"] else MISSING),
        "joint_objectives": entry(FULLY if facts["joint_objectives"] else MISSING),
        "own_objectives": per_party("has_objectives"),
        "principles": entry(_share(facts["principles_stated"], facts["principles_total"])),
        "scope": entry(
            FULLY if facts["programme"] and facts["places_or_themes"]
            else PARTLY if facts["programme"] or facts["places_or_themes"] else MISSING
        ),
        "resources": per_party("has_contributions"),
        # A role is always named; the responsibilities say what it means.
        "roles": entry(
            FULLY if all(p["has_responsibilities"] for p in parties) else PARTLY,
            lacking("has_responsibilities"),
        ),
        "funding": entry(
            NOT_RELEVANT if not money
            else FULLY if facts["valued_money"] else PARTLY
        ),
        "indicators": entry(
            _share(int(bool(facts["joint_objectives"])) + int(bool(facts["next_review"])), 2)
        ),
        "governance": entry(FULLY),
        "communication": per_party("has_contact"),
        "grievances": entry(FULLY),
        "review": entry(FULLY if facts["next_review"] else PARTLY),
        "exit": entry(FULLY),
    }


def checklist_rows(agreement):
    """The checklist grouped WHO / WHY / WHAT / HOW, for display."""
    statuses = dict(Agreement.Ingredient.choices)
    groups = []
    for group, title in GROUPS:
        items = []
        for ingredient in INGREDIENTS:
            if ingredient.group != group:
                continue
            entry = agreement.checklist.get(ingredient.key, checklist_entry(MISSING))
            items.append({
                "key": ingredient.key,
                "label": ingredient.label,
                "remedy": ingredient.remedy,
                "status": entry["status"],
                "status_label": statuses.get(entry["status"], entry["status"]),
                "auto": entry["auto"],
                "auto_label": statuses.get(entry["auto"], entry["auto"]),
                "overridden": entry["status"] != entry["auto"],
                "lacking": entry.get("lacking", []),
            })
        groups.append({"key": group, "title": title, "items": items})
    return groups


def checklist_summary(agreement) -> dict:
    """How many ingredients are in place (fully or partly) of those that are relevant,
    and which are not in place."""
    entries = [agreement.checklist.get(k, checklist_entry(MISSING)) for k in INGREDIENT_KEYS]
    relevant = [e for e in entries if e["status"] != NOT_RELEVANT]
    labels = {i.key: i.label for i in INGREDIENTS}
    missing = [labels[k] for k in INGREDIENT_KEYS
               if agreement.checklist.get(k, checklist_entry(MISSING))["status"] == MISSING]
    return {
        "in_place": sum(1 for e in relevant if e["status"] in (FULLY, PARTLY)),
        "fully": sum(1 for e in relevant if e["status"] == FULLY),
        "relevant": len(relevant),
        "missing": missing,
    }


