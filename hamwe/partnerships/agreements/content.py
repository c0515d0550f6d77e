"""What a version of the agreement (MoU) says: built once, from the record and the live
policy, in the language asked for, then kept as generated (and signed). A later change to
the record or the policy makes a new version, never a changed one.

The content is a list of articles made of plain blocks (heading, paragraph, list), so the
page, the PDF and the DOCX render the same text (documents.py).
"""

import datetime
import json
import re
from collections import defaultdict

from django.utils import formats, translation
from django.utils.translation import gettext as _

from hamwe.partners.models import Contact
from hamwe.policy.localise import Untranslated, language_name

from ..cycle.services import REVIEW_INTERVAL_DAYS
from ..models import Party
from ..policy import current_policy
from .checklist import compute_checklist

# of `content`; raise it when the block structure changes meaning (a quote's `practice`
# and an untitled quote were added within format 1: older versions simply lack them).
FORMAT = 1


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
    it states. The caller has fetched the partnership through the access rule. The policy's
    texts are quoted in `language` where the pack has them translated."""
    policy = current_policy(language)
    pack = policy.pack
    parties = list(
        partnership.parties.select_related("organisation").prefetch_related("contributions")
    )
    contacts = _representatives([p.organisation_id for p in parties], by)
    kind = policy.kinds.get(partnership.kind)
    funding_relevant = partnership.has_funding or (kind is not None and
                                                    kind.funding_expected == "yes")
    # Named in the agreement's language, whoever generates it.
    themes = [t.name_in(language) for t in partnership.thematic_areas.all()]
    provinces = [p.name for p in partnership.provinces.all()]
    groups = [g.name_in(language) for g in partnership.impact_groups.all()]
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
        # Plain JSON, as it is stored: the policy's fallback texts are marked by the
        # blocks' `*_lang`, not by the strings themselves.
        "content": json.loads(json.dumps(content)),
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
        # The policy's words on duration may be a phrase ("Long term") or whole sentences
        # ("Although ..."): quoted, they read well either way.
        blocks.append(_p(
            _("Kind of partnership, in the words of %(policy)s: %(kind)s.") % {
                "kind": _marked(kind.name), "policy": pack.title}
            + " "
            + _("On how long such a partnership lasts, the policy says: “%(duration)s”.") % {
                "duration": _phrase(kind.typical_duration)}
            + _mark(kind.typical_duration)
        ))
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
    blocks += _principle_quotes(pack.principles)
    stated = [principle.key for principle in pack.principles]
    translated = pack.translations.get(language) if language != pack.language else None
    if translated is not None:
        blocks.append(_p(_("The principles are quoted in translation (%(translator)s); the "
                           "policy's own text, in its source language (%(source)s), "
                           "prevails.") % {
            "translator": translated.translator,
            "source": language_name(pack.language)}))
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


def _principle_quotes(principles):
    """Each principle quoted by its name, its text (unless it only repeats the name, as
    "Equity between partners" does) and what it means in practice (its `in_practice`
    lines). A text several principles share ("Partnerskapet grundar sig på jämlikhet,
    ömsesidig respekt och förtroende ...") is quoted once, before the first of them."""
    counts = defaultdict(int)
    for principle in principles:
        counts[str(principle.text)] += 1
    blocks, shared_quoted = [], set()
    for principle in principles:
        text = principle.text
        if counts[str(text)] > 1:
            if str(text) not in shared_quoted:
                shared_quoted.add(str(text))
                blocks.append(_quote(key="", title="", text=text))
            text = ""
        elif _repeats(text, principle.name):
            text = ""
        blocks.append(_quote(key=principle.key, title=principle.name, text=text,
                             practice=list(principle.in_practice)))
    return blocks


def _quote(*, key, title, text, practice=()):
    quote = {"type": "quote", "key": key, "title": title, "text": text}
    if practice:
        quote["practice_intro"] = _("What it means in practice:")
        quote["practice"] = list(practice)
    # A text the pack has not translated is quoted in the source, and says so.
    for field, value in (("title", title), ("text", text),
                         ("practice", practice[0] if practice else "")):
        if isinstance(value, Untranslated):
            quote[f"{field}_lang"] = value.language
    return quote


_WORD = re.compile(r"\w{4,}")


def _repeats(text, name):
    """Whether a principle's text says no more than its name: "A shared vision and joint
    objectives" under "Shared vision and joint objectives" ("L'équité entre partenaires"
    under "Équité entre partenaires"), only its short words added."""
    words = set(_WORD.findall(str(text).casefold()))
    return words <= set(_WORD.findall(str(name).casefold())) and len(text) <= len(name) + 12


def _phrase(text):
    """A policy text to quote inside a sentence of ours: without its closing full stop,
    which our sentence supplies."""
    return str(text).strip().rstrip(".").rstrip()


def _marked(text):
    """A policy text with " [EN]" when it is shown untranslated (Untranslated.__format__)."""
    return f"{text}"


def _mark(text):
    return f" [{text.language.upper()}]" if isinstance(text, Untranslated) else ""


def _join(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
