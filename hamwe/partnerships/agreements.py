"""The partnership agreement (MoU): what a version says, and how complete it is.

A version's `content` is built once, from the record and the live policy, in the language
asked for, and then kept as it was generated (and signed): a later change to the record
or the policy makes a new version, never a changed one. The content is a list of
articles made of plain blocks, so the page, the PDF and the DOCX render the same text.

The checklist judges the agreement ingredient by ingredient (The Partnering Toolbook's
WHO / WHY / WHAT / HOW; METHODS.md §2). Each ingredient's status is computed from the
record when the version is generated; staff may mark one "not relevant". Writes live
in services_agreements.py.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.partners.models import Contact

from .models import Agreement, Partnership, Party, Signature
from .policy_view import current_policy
from .services import REVIEW_INTERVAL_DAYS

FORMAT = 1  # of `content`; raise it when the block structure changes meaning

MISSING, PARTLY, FULLY, NOT_RELEVANT = (
    Agreement.Ingredient.MISSING.value,
    Agreement.Ingredient.PARTLY.value,
    Agreement.Ingredient.FULLY.value,
    Agreement.Ingredient.NOT_RELEVANT.value,
)


# --- Reads ---------------------------------------------------------------------------


def partnership_for_user(*, user, pk) -> Partnership:
    """The partnership, if the user may read it (home users; partner users of a party)."""
    return get_object_or_404(Partnership.objects.visible_to(user), pk=pk)


def agreement_for_user(*, user, partnership_pk, pk) -> Agreement:
    """One version of a partnership's agreement, through the partnership's access rule."""
    return get_object_or_404(
        Agreement.objects.filter(partnership__in=Partnership.objects.visible_to(user))
        .select_related("partnership", "created_by")
        .prefetch_related(
            Prefetch(
                "signatures",
                queryset=Signature.objects.select_related("party__organisation").order_by(
                    "party_id"
                ),
            )
        ),
        partnership_id=partnership_pk,
        pk=pk,
    )


def signature_for_user(*, user, partnership_pk, agreement_pk, pk) -> Signature:
    return get_object_or_404(
        Signature.objects.filter(
            agreement__partnership__in=Partnership.objects.visible_to(user)
        ).select_related("agreement", "party__organisation"),
        agreement__partnership_id=partnership_pk,
        agreement_id=agreement_pk,
        pk=pk,
    )


def agreement_versions(partnership):
    """Every version, newest first, with how many parties have signed it."""
    return (
        partnership.agreements.select_related("created_by")
        .annotate(signed=Count("signatures"))
        .order_by("-number")
    )


def agreement_parties(agreement):
    """The parties named in the version (as generated) that still exist, in its order."""
    ids = [p["party"] for p in agreement.content.get("parties", [])]
    by_id = Party.objects.select_related("organisation").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def languages():
    """(code, name) of the languages an agreement may be written in: the policy pack's
    own language first, then the interface's."""
    codes = [code for code, _name in settings.LANGUAGES]
    try:
        pack_language = current_policy().pack.language
    except ImproperlyConfigured:  # no live policy: the interface's languages only
        pack_language = None
    if pack_language and pack_language not in codes:
        codes.insert(0, pack_language)
    elif pack_language:
        codes.remove(pack_language)
        codes.insert(0, pack_language)
    return [(code, _language_name(code)) for code in codes]


def _language_name(code):
    try:
        return translation.get_language_info(code)["name_local"]
    except KeyError:
        return code


# --- The checklist -------------------------------------------------------------------


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


# --- The content ---------------------------------------------------------------------


def _p(text):
    return {"type": "p", "text": text}


def _h(text):
    return {"type": "h", "text": text}


def _list(items):
    return {"type": "list", "items": list(items)}


def _lines(text):
    """A text field written as lines (or bullets) -> its lines, bullets dropped."""
    return [line.strip().lstrip("-•*–").strip() for line in text.splitlines() if line.strip()]


def _text_or_list(text, placeholder):
    lines = _lines(text)
    if not lines:
        return [_p(placeholder)]
    return [_p(lines[0])] if len(lines) == 1 else [_list(lines)]


def _date(value):
    # "1 March 2025": the day first, the month in words, in the agreement's language.
    return formats.date_format(value, "j F Y") if value else ""


def _money(value, currency):
    if value is None:
        return ""
    decimals = 0 if value == value.to_integral_value() else 2
    amount = formats.number_format(value, decimal_pos=decimals, use_l10n=True,
                                   force_grouping=True)
    return f"{amount} {currency}".strip()


def _representatives(organisations, by):
    """organisation id -> its main contact (or first contact), among the contacts the
    one generating may see. Only the name and position go into the agreement: e-mail
    and phone stay on the organisation's record."""
    contacts = Contact.objects.visible_to(by).filter(organisation__in=organisations)
    found = {}
    for contact in contacts.order_by("organisation_id", "-is_primary", "name", "pk"):
        found.setdefault(contact.organisation_id, contact)
    return found


def build(*, partnership, by, language, number) -> dict:
    """The content and checklist of a new version, in `language`, and the principle keys
    it states. The caller has fetched the partnership through the access rule."""
    policy = current_policy()
    pack = policy.pack
    parties = list(
        partnership.parties.select_related("organisation").prefetch_related("contributions")
    )
    contacts = _representatives([p.organisation_id for p in parties], by)
    kind = policy.kinds.get(partnership.kind)
    funding_relevant = partnership.has_funding or (kind is not None and
                                                    kind.funding_expected == "yes")
    themes = [str(t) for t in partnership.thematic_areas.all()]
    provinces = [p.name for p in partnership.provinces.all()]
    groups = [str(g) for g in partnership.impact_groups.all()]
    with translation.override(language):
        content, stated = _content(
            partnership=partnership, parties=parties, contacts=contacts, pack=pack,
            kind=kind, funding_relevant=funding_relevant, themes=themes,
            provinces=provinces, groups=groups, number=number, language=language,
        )
    facts = {
        "parties": [
            {
                "name": p.organisation.name,
                "has_contact": p.organisation_id in contacts,
                "has_objectives": bool(p.own_objectives.strip()),
                "has_contributions": bool(p.contributions.all()),
                "has_responsibilities": bool(p.responsibilities.strip()),
            }
            for p in parties
        ],
        "shared_vision": partnership.shared_vision.strip(),
        "joint_objectives": partnership.joint_objectives.strip(),
        "principles_stated": len(stated),
        "principles_total": len(policy.principles),
        "programme": partnership.programme.strip(),
        "places_or_themes": bool(themes or provinces or groups),
        "funding_relevant": funding_relevant,
        "valued_money": any(
            c.kind == "money" and c.estimated_value
            for p in parties for c in p.contributions.all()
        ),
        "next_review": partnership.next_review_on,
    }
    return {
        "content": content,
        "principles": stated,
        "states_all_principles": {p.key for p in policy.principles} <= set(stated),
        "checklist": compute_checklist(facts),
    }


def _content(*, partnership, parties, contacts, pack, kind, funding_relevant, themes,
             provinces, groups, number, language):
    to_be_agreed = _("[To be agreed by the parties.]")
    to_complete = _("[To be completed.]")
    names = [p.organisation.name for p in parties]
    short = {p.pk: p.organisation.acronym or p.organisation.name for p in parties}
    policy_ref = {"policy": pack.title, "version": pack.version,
                  "organisation": pack.organisation.name}
    articles = []

    def article(key, heading, blocks):
        articles.append({"key": key, "heading": heading, "blocks": blocks})

    # Parties
    rows = []
    for party in parties:
        org = party.organisation
        contact = contacts.get(org.pk)
        representative = ", ".join(x for x in (contact.name, contact.position) if x) \
            if contact else to_complete
        rows.append([
            f"{org.name} ({org.acronym})" if org.acronym else org.name,
            str(party.get_role_display()),
            str(org.get_sector_display()),
            representative,
        ])
    article("parties", _("The parties"), [
        _p(_("The parties to this memorandum are:")),
        {"type": "table",
         "header": [_("Organisation"), _("Role"), _("Sector"), _("Represented by")],
         "rows": rows},
        _p(_("Each party remains an independent organisation. Nothing in this memorandum "
             "makes one party the agent or the employee of another.")),
    ])

    # Duration
    start, end = _date(partnership.starts_on), _date(partnership.ends_on)
    if start and end:
        duration = _("This memorandum takes effect on %(start)s and runs until %(end)s.") % {
            "start": start, "end": end}
    elif start:
        duration = _("This memorandum takes effect on %(start)s and runs until the parties "
                     "end it as the article on termination provides.") % {"start": start}
    elif end:
        duration = _("This memorandum takes effect when the last party has signed it and "
                     "runs until %(end)s.") % {"end": end}
    else:
        duration = _("This memorandum takes effect when the last party has signed it and "
                     "runs until the parties end it as the article on termination "
                     "provides.")
    blocks = [_p(duration)]
    if kind is not None:
        blocks.append(_p(_("Kind of partnership, as %(policy)s names it: %(kind)s. Such a "
                           "partnership typically lasts: %(duration)s.") % {
            "kind": kind.name, "policy": pack.title, "duration": kind.typical_duration}))
    article("duration", _("Duration"), blocks)

    # Why: shared vision, joint objectives, scope
    blocks = [_h(_("Shared vision"))]
    blocks += _text_or_list(partnership.shared_vision, to_be_agreed)
    blocks.append(_h(_("Joint objectives")))
    blocks += _text_or_list(partnership.joint_objectives, to_be_agreed)
    scope = []
    if partnership.programme.strip():
        scope.append(_("Programme or project: %(name)s") % {"name": partnership.programme})
    if themes:
        scope.append(_("Thematic areas: %(names)s") % {"names": ", ".join(themes)})
    if provinces:
        scope.append(_("Provinces: %(names)s") % {"names": ", ".join(provinces)})
    if groups:
        scope.append(_("Impact groups: %(names)s") % {"names": ", ".join(groups)})
    blocks.append(_h(_("Scope")))
    blocks.append(_list(scope) if scope else _p(to_complete))
    article("purpose", _("Shared vision and objectives"), blocks)

    # Each party's own objectives
    blocks = [_p(_("Each party also pursues objectives of its own in this partnership. The "
                   "others know them and respect them:"))]
    for party in parties:
        blocks.append(_h(party.organisation.name))
        blocks += _text_or_list(party.own_objectives, to_complete)
    article("own_objectives", _("Each party's own objectives"), blocks)

    # Principles, quoted from the live policy
    blocks = [_p(_("The parties work together by the following principles of partnership, "
                   "quoted from %(policy)s (version %(version)s):") % policy_ref)]
    stated = []
    for principle in pack.principles:
        blocks.append({"type": "quote", "key": principle.key, "title": principle.name,
                       "text": principle.text})
        stated.append(principle.key)
    blocks.append(_p(_("In every review of the partnership, the parties rate together how "
                       "well each principle has been upheld.")))
    article("principles", _("Principles of partnership"), blocks)

    # Roles, responsibilities and contributions
    blocks = []
    totals = defaultdict(lambda: 0)
    for party in parties:
        blocks.append(_h(_("%(organisation)s — %(role)s") % {
            "organisation": party.organisation.name, "role": party.get_role_display()}))
        blocks += _text_or_list(party.responsibilities, to_complete)
        contributions = list(party.contributions.all())
        if contributions:
            blocks.append({
                "type": "table",
                "header": [_("Contribution"), _("Description"), _("Estimated value")],
                "rows": [[str(c.get_kind_display()), c.description,
                          _money(c.estimated_value, c.currency) or "—"]
                         for c in contributions],
            })
            for c in contributions:
                if c.estimated_value is not None:
                    totals[c.currency] += c.estimated_value
        else:
            blocks.append(_p(_("No contribution recorded yet.")))
    if totals:
        blocks.append(_p(_("Estimated value of all contributions: %(totals)s.") % {
            "totals": "; ".join(_money(v, c) for c, v in sorted(totals.items()))}))
    blocks.append(_p(_("Contributions of staff, expertise and in kind are valued at the "
                       "parties' own estimates. They are contributions to a shared effort, "
                       "not payments for services.")))
    article("roles", _("Roles, responsibilities and contributions"), blocks)

    # Risks
    blocks = [_p(_("Each party takes on the following risks in this partnership:"))]
    for party in parties:
        blocks.append(_h(party.organisation.name))
        blocks += _text_or_list(party.risks, _("None recorded."))
    blocks.append(_p(_("The parties tell each other promptly of anything that changes these "
                       "risks, and agree together how to respond.")))
    article("risks", _("Shared risks"), blocks)

    # Governance and communication: Hamwe's standard clauses
    blocks = [
        _p(_("The parties take the decisions that concern the partnership as a whole "
             "together, each with an equal voice, through their representatives named in "
             "this memorandum.")),
        _p(_("The representatives meet at least once a quarter, and whenever a party asks "
             "for it. Decisions are recorded in writing and shared with every party.")),
    ]
    leads = [p for p in parties if p.role == Party.Role.LEAD]
    if leads:
        blocks.append(_p(_("%(lead)s coordinates the day-to-day work of the partnership on "
                           "behalf of the parties, and accounts to them for it.") % {
            "lead": short[leads[0].pk]}))
    article("governance", _("Governance and decision making"), blocks)
    article("communication", _("Communication"), [
        _p(_("Each party names a focal person for the partnership. Until it names another, "
             "its focal person is its representative named in this memorandum.")),
        _p(_("The parties share in good time the information the others need to play their "
             "part: plans, results, difficulties and, where money is involved, budgets and "
             "spending.")),
        _p(_("Public communication about the partnership names every party and its "
             "contribution. No party speaks for another without its agreement.")),
    ])

    # Money and reporting, where the partnership involves funding
    if funding_relevant:
        article("funding", _("Funding and reporting"), [
            _p(_("Money that one party transfers to another for the partnership is used only "
                 "for the activities and eligible costs of the budget the parties drew up "
                 "together, annexed to this memorandum.")),
            _p(_("Funds are transferred on the schedule annexed to this memorandum, against "
                 "the requests and reports it provides for.")),
            _p(_("The parties report to each other on progress and on spending, narratively "
                 "and financially, at the intervals the work plan sets. Each party accounts "
                 "for its own contributions.")),
            _p(_("Each party keeps accounts and supporting documents for the partnership's "
                 "money for at least five years after this memorandum ends, and makes them "
                 "available for audit.")),
        ])

    # Review
    blocks = [_p(_("The parties review the partnership together at least every %(months)s "
                   "months, following the partnership cycle of %(policy)s.") % {
        "months": REVIEW_INTERVAL_DAYS // 30, "policy": pack.title})]
    if partnership.next_review_on:
        blocks.append(_p(_("The next review is planned for %(date)s.") % {
            "date": _date(partnership.next_review_on)}))
    blocks.append(_p(_("Each review asks whether the objectives have been met; what value the "
                       "partnership has brought each party, against what it expected; how "
                       "well each principle has been upheld; whether the contributions were "
                       "delivered; whether the governance works; whether anyone should join "
                       "or leave; and whether this memorandum should be revised.")))
    article("review", _("Review"), blocks)

    article("integrity", _("Confidentiality and integrity"), [
        _p(_("Each party keeps confidential what another shares with it as confidential, "
             "and the personal data of the people the partnership serves, and uses them only "
             "for the partnership.")),
        _p(_("The parties tolerate no fraud, corruption, sexual exploitation or abuse. Each "
             "party tells the others without delay of any suspicion concerning the "
             "partnership, and they co-operate in any investigation.")),
    ])
    article("disputes", _("Dispute resolution"), [
        _p(_("The parties first seek to settle any disagreement about this memorandum through "
             "dialogue between their representatives, in the spirit of the principles "
             "above.")),
        _p(_("If they have not settled it within thirty days, they ask a mediator they choose "
             "together to help them. Only if mediation fails may a party seek the remedies "
             "the applicable law gives it.")),
    ])
    article("force_majeure", _("Force majeure"), [
        _p(_("No party is responsible for failing to keep its commitments because of events "
             "beyond its control, provided it tells the others promptly and does what it "
             "reasonably can to limit the consequences.")),
    ])
    article("amendment", _("Amendment"), [
        _p(_("This memorandum may be changed only in writing, by a new version signed by "
             "every party. Each review of the partnership considers whether it should be "
             "revised.")),
        _p(_("The annexes (budget, work plan, monitoring plan) may be updated by written "
             "agreement of the representatives, without a new version.")),
    ])
    blocks = [
        _p(_("This memorandum ends on its end date, or earlier when the parties so agree in "
             "writing.") if partnership.ends_on else
           _("This memorandum ends when the parties so agree in writing.")),
        _p(_("A party may leave the partnership by giving the others three months' notice "
             "in writing, after its representative has discussed the reasons with theirs.")),
        _p(_("A party may leave at once if another commits fraud or seriously breaches this "
             "memorandum and does not remedy it within thirty days of being asked to in "
             "writing.")),
        _p(_("On termination, the parties settle the commitments in progress, return unspent "
             "funds and what belongs to another party, and agree together how to inform the "
             "people the partnership serves.")),
    ]
    article("termination", _("Termination"), blocks)

    for n, item in enumerate(articles, start=1):
        item["number"] = n
        item["title"] = _("Article %(number)s. %(heading)s") % {
            "number": n, "heading": item["heading"]}

    content = {
        "format": FORMAT,
        "language": language,
        "document": _("Memorandum of understanding"),
        "title": partnership.title,
        "between": _("between %(parties)s") % {"parties": _join(names)},
        "reference": _("Partnership no. %(pk)s · version %(number)s of the agreement") % {
            "pk": partnership.pk, "number": number},
        "generated_on": _date(datetime.date.today()),
        "policy": policy_ref,
        "intro": _("This memorandum of understanding sets out how the parties work together "
                   "in the partnership “%(title)s”: what they want to achieve, the "
                   "principles they share, what each of them brings, and how they decide, "
                   "communicate, settle disagreements, review, change and end their "
                   "partnership.") % {"title": partnership.title},
        "parties": [
            {"party": p.pk, "name": p.organisation.name, "acronym": p.organisation.acronym,
             "role": str(p.get_role_display())}
            for p in parties
        ],
        "articles": articles,
        "signatures_intro": _("Signed on behalf of the parties by their authorised "
                              "representatives, in as many originals as there are parties."),
    }
    return content, stated


def _join(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
