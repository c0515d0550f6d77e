"""The CARE Burundi pack says what the CARE Burundi partnership strategy says.

The expected items are read from the source text itself (sources/care-burundi.txt), not
copied into this file: the strategic directions, their indicators of success, the
section 6 table, the action plan's activities, the non-partnerships, the principles,
the "partner of choice" commitments, the capacity domains and the glossary. Texts are
compared after normalising (lower case, punctuation and footnote markers dropped,
whitespace collapsed), with the pack's few typo fixes applied to the source first.
"""

import difflib
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from hamwe.policy.validation import parse_file

PACKS = Path(__file__).resolve().parents[1] / "packs"
PACK = PACKS / "care-burundi.yaml"
SOURCE = PACKS / "sources" / "care-burundi.txt"

# The source's typos the pack fixes: source wording -> the pack's wording.
TYPO_FIXES = {
    "Ashared": "A shared",
    "repect": "respect",
    "Scooping": "Scoping",
    "implementationthrough": "implementation through",
    "either form CARE": "either from CARE",
    "Grant & Contrat Officer": "Grant & Contract Officer",
    "will be use for": "will be used for",
    "have lead to": "have led to",
    "that origin from": "that originate from",
    "Partner have shown": "Partners have shown",
    "existing space civil society": "existing civil society space",
}

FOOTNOTES = re.compile(r"\[footnoteRef:\d+\]|\[\d+:[^\]]*\]")
BULLET = "·"


def norm(text):
    """Lower case, no footnote markers, punctuation or repeated whitespace."""
    text = FOOTNOTES.sub("", text).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def src(text):
    """A piece of the source, with the pack's typo fixes, normalised."""
    for typo, fixed in TYPO_FIXES.items():
        text = text.replace(typo, fixed)
    return norm(text)


def words(text):
    return set(text.split())


def similar(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio()


@cache
def pack():
    return parse_file(PACK)


@cache
def lines():
    return SOURCE.read_text(encoding="utf-8").splitlines()


def index_of(fragment, start=0):
    for i in range(start, len(lines())):
        if fragment in lines()[i]:
            return i
    raise AssertionError(f"{fragment!r} is not in the source")


def bullets_after(i):
    """The "·" bullets right after line i (the list ends at the first other line)."""
    found = []
    for line in lines()[i + 1 :]:
        if not line.strip().startswith(BULLET):
            break
        found.append(line.strip().removeprefix(BULLET).strip())
    return found


# --- What the source says, parsed -------------------------------------------------


def section5_directions():
    """{number: title} from the "Strategic direction N: ..." headings of section 5."""
    end = index_of("6. Performance Measurement and Learning")
    out = {}
    for line in lines()[:end]:
        match = re.match(r"^Strategic direction (\d): (.+)$", line)
        if match:
            out[int(match[1])] = match[2]
    return out


def success_indicators():
    """{direction number: [indicator bullets]} from "Indicators of success ..." lists."""
    out = {}
    for i, line in enumerate(lines()):
        match = re.match(r"^(?:The )?[Ii]ndicators of success for strategic direction (\d)", line)
        if match:
            out[int(match[1])] = bullets_after(i)
    return out


def progress_table():
    """[(indicator, [progress bullets])] from section 6's "What progress looks like"."""
    start = index_of("What progress looks like:")
    end = index_of("CARE Burundi recognizes that changing", start)
    rows, previous_blank = [], True
    for line in lines()[start + 1 : end]:
        text = line.strip()
        if not text:
            previous_blank = True
            continue
        if text.startswith(BULLET):
            rows[-1][1].append(text.removeprefix(BULLET).strip())
        elif previous_blank:
            rows.append((text, []))
        else:  # a bullet continued on the next line
            rows[-1][1][-1] += " " + text
        previous_blank = False
    return rows


def action_plan():
    """[(direction number, activity, [cell lines])] from the action plan table.

    An activity row is a cell that follows an empty line; the lines after it, up to the
    next empty line, hold the (shaded, hence empty) timeline cells and the responsible
    and support cells. Empty and tab-only cells are dropped.
    """
    start = index_of("\tStrategic direction 1:")
    end = index_of("8. Partnership Cycle", start)
    plan, direction = [], None
    for i in range(start, end):
        line = lines()[i]
        heading = re.match(r"^\tStrategic direction (\d):", line)
        if heading:
            direction = int(heading[1])
        elif line.startswith("\t") and line.strip() and lines()[i - 1] == "":
            cells = []
            for after in lines()[i + 1 : end]:
                if after == "":
                    break
                if after.strip():
                    cells.append(after.strip())
            plan.append((direction, line.strip(), cells))
    return plan


def action_plan_directions():
    start = index_of("\tStrategic direction 1:")
    return {
        int(m[1]): m[2]
        for line in lines()[start:]
        if (m := re.match(r"^\tStrategic direction (\d): (.+)$", line))
    }


def commitments():
    """[(title, [paragraphs])] from "Being a partner of choice"."""
    start = index_of("by adhering to the following")
    end = index_of("4. Strengths and Challenges", start)
    out = []
    for line in lines()[start + 1 : end]:
        text = line.strip()
        if text.startswith(BULLET):
            out.append((text.removeprefix(BULLET).strip(), []))
        elif text and out:
            out[-1][1].append(text)
    return out


def glossary():
    """[(term, definition)] from the Glossary of Key Terms."""
    end = index_of("works in partnership since")
    out = []
    for line in lines()[1:end]:
        if line.strip():
            term, definition = re.match(r"^\s*(.+?)\s*[-–]\s*(.+)$", line).groups()
            out.append((term, FOOTNOTES.sub("", definition)))
    return out


# --- Counts ---------------------------------------------------------------------


def test_the_source_parses_to_the_expected_counts():
    assert len(section5_directions()) == 5
    assert len(action_plan_directions()) == 5
    assert [len(b) for _, b in sorted(success_indicators().items())] == [4, 2, 2, 2, 2]
    assert len(progress_table()) == 11
    per_direction = defaultdict(int)
    for direction, _, _ in action_plan():
        per_direction[direction] += 1
    assert dict(per_direction) == {1: 11, 2: 4, 3: 7, 4: 4, 5: 3}
    assert len(commitments()) == 6
    assert len(glossary()) == 7
    assert len(bullets_after(index_of("relationships that are not partnerships"))) == 6
    assert len(bullets_after(index_of("they count as non-negotiable"))) == 3


def test_the_pack_has_the_expected_counts():
    p = pack()
    assert len(p.strategy.directions) == 5
    assert sum(len(d.indicators) for d in p.strategy.directions) == 12
    assert sum(1 for d in p.strategy.directions for i in d.indicators if i.progress) == 11
    assert len(p.strategy.activities) == 29
    assert len(p.commitments) == 6
    assert len(p.non_partnerships) == 6
    assert len(p.principles) == 3
    assert len(p.glossary) == 7
    assert len(p.cycle.stages) == 4
    assert sum(len(s.phases) for s in p.cycle.stages) == 12
    assert p.expectations == []


# --- Strategy -------------------------------------------------------------------


def directions_by_number():
    return {d.number: d for d in pack().strategy.directions}


def test_directions_are_the_sources_with_their_titles():
    directions = directions_by_number()
    assert set(directions) == set(section5_directions()) == set(action_plan_directions())
    for number, title in section5_directions().items():
        assert norm(directions[number].title) == src(title), number
    # The action plan repeats the headings with small differences ("institutions").
    for number, title in action_plan_directions().items():
        assert similar(norm(directions[number].title), src(title)) > 0.9, number


def test_every_indicator_of_success_is_in_its_direction():
    directions = directions_by_number()
    for number, bullets in success_indicators().items():
        texts = [norm(i.text) for i in directions[number].indicators]
        assert len(texts) == len(bullets), number
        for bullet in bullets:
            assert src(bullet) in texts, (number, bullet)


def _indicator_for_row(row):
    """The pack indicator a section 6 row names; its wording may differ a little from
    section 5's ("For key positions, competencies ... have been identified")."""
    wanted = src(row)
    found = [
        indicator
        for d in pack().strategy.directions
        for indicator in d.indicators
        if wanted in norm(indicator.text)
        or len(words(wanted) & words(norm(indicator.text)))
        / len(words(wanted) | words(norm(indicator.text)))
        >= 0.8
    ]
    assert len(found) == 1, (row, [i.key for i in found])
    return found[0]


@pytest.mark.parametrize("row", range(11))
def test_every_section_6_row_and_progress_bullet_is_in_the_pack(row):
    indicator_text, bullets = progress_table()[row]
    indicator = _indicator_for_row(indicator_text)
    progress = [norm(p) for p in indicator.progress]
    assert len(progress) == len(bullets), indicator.key
    for bullet in bullets:
        assert src(bullet) in progress, (indicator.key, bullet)


def test_indicators_outside_the_section_6_table_have_no_progress():
    in_table = {_indicator_for_row(row).key for row, _ in progress_table()}
    for direction in pack().strategy.directions:
        for indicator in direction.indicators:
            if indicator.key not in in_table:
                assert indicator.progress == [], indicator.key


def test_every_activity_is_in_the_pack_with_its_direction_in_order():
    number_of = {d.key: d.number for d in pack().strategy.directions}
    in_pack = defaultdict(list)
    for activity in pack().strategy.activities:
        in_pack[number_of[activity.direction]].append(norm(activity.text))
    in_source = defaultdict(list)
    for direction, text, _ in action_plan():
        assert len(text.split()) >= 5, text  # an activity, not a role cell
        in_source[direction].append(src(text))
    assert dict(in_pack) == dict(in_source)


def test_activity_roles_are_the_sources():
    activities = {norm(a.text): a for a in pack().strategy.activities}
    for _, text, cells in action_plan():
        activity = activities[src(text)]
        block = f" {src(' '.join(cells))} "
        if not cells:
            assert activity.responsible == [] and activity.support == [], activity.key
            continue
        assert activity.responsible, activity.key
        for role in activity.responsible + activity.support:
            assert f" {norm(role)} " in block, (activity.key, role)


def test_activities_are_planned_over_the_action_plans_periods():
    for activity in pack().strategy.activities:
        assert activity.periods == ["FY14-Q4", "FY15", "FY16"], activity.key


def test_strategy_period_and_vision():
    strategy = pack().strategy
    assert str(strategy.period.start) == "2013-07-01"
    assert str(strategy.period.end) == "2018-06-30"
    vision = lines()[index_of("CARE Burundi vision on partnership is the following") + 2]
    assert norm(strategy.vision) == src(vision)


# --- Sections 2 and 3 -----------------------------------------------------------


def test_definition_is_section_2s():
    definition = lines()[index_of("2. Defining Partnership") + 1]
    assert norm(pack().definition) == src(definition)


def test_the_three_principles():
    principles = [norm(p.text) for p in pack().principles]
    bullets = bullets_after(index_of("they count as non-negotiable"))
    assert principles == [src(b) for b in bullets]


def test_the_six_non_partnerships():
    texts = [norm(n.text) for n in pack().non_partnerships]
    bullets = bullets_after(index_of("relationships that are not partnerships"))
    assert texts == [src(b) for b in bullets]


def test_the_two_kinds_of_partnership():
    kinds = {k.key: k for k in pack().partnership_kinds}
    assert set(kinds) == {"strategic", "operational"}
    strategic = lines()[index_of("Strategic partnerships are those relationships")]
    operational = lines()[index_of("An operational partnership is an engagement")]
    assert norm(kinds["strategic"].description) == src(strategic.strip().removeprefix(BULLET))
    assert norm(kinds["operational"].description) == src(operational.strip().removeprefix(BULLET))
    assert kinds["strategic"].funding_expected == "sometimes"
    assert kinds["operational"].funding_expected == "yes"


def test_the_six_partner_of_choice_commitments():
    pack_commitments = pack().commitments
    source = commitments()
    assert len(pack_commitments) == len(source)
    for commitment, (title, paragraphs) in zip(pack_commitments, source, strict=True):
        assert norm(commitment.title) == src(title)
        assert norm(commitment.text) == src(" ".join(paragraphs)), commitment.key


def test_capacity_domains_include_those_the_source_names():
    names = {norm(d.name) for d in pack().capacity.domains}
    named = bullets_after(index_of("specific needs in the following domains"))
    assert len(named) == 6
    for name in named:
        assert src(name) in names, name
    assert "partnering and networking" in names  # strategic direction 4
    for level in range(1, 5):
        for domain in pack().capacity.domains:
            for criterion in domain.criteria:
                assert criterion.descriptors.get(level), (domain.key, criterion.key, level)


def test_cycle_stages_are_those_the_action_plan_names():
    cycle = lines()[index_of("based on the partnership cycle")]
    named = re.search(r"partnership cycle \(([^)]*)\)", cycle)[1].split(",")
    stages = [norm(s.name) for s in pack().cycle.stages]
    assert len(named) == len(stages) == 4
    for stage, name in zip(stages, named, strict=True):
        # The source writes "Review & Revising" and "Sustaining Outcome".
        assert similar(stage, src(name)) > 0.85, (stage, name)
    for stage in pack().cycle.stages:
        assert 3 <= len(stage.gate) <= 5, stage.key


def test_the_seven_glossary_terms():
    terms = {t.term: norm(t.definition) for t in pack().glossary}
    source = glossary()
    assert len(terms) == len(source) == 7
    for term, definition in source:
        assert terms.get(term.strip()) == src(definition), term


# --- Provenance -----------------------------------------------------------------


def test_defaults_are_marked_as_hamwes():
    p = pack()
    assert p.scorecard.source == "hamwe-default"
    assert all(i.source == "hamwe-default" for i in p.scorecard.indicators)
    assert p.capacity.source == "hamwe-default"
    assert all(k.source == "hamwe-default" for k in p.people.key_positions)
    assert all(s.source == "policy" for s in p.cycle.stages)
    for phrase in ("Partnering Toolbook", "shaded", "2016-06-30", "2014-06-30"):
        assert phrase in p.provenance, phrase
