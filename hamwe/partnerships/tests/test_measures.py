"""The three partnership measures of the strategy, each on a hand-built data set whose
expected values are worked out by hand in the comments, as of several days: SD3
(`active-partnerships`), SD4 (`partnerships-among-partners`) and SD1
(`agreements-reflecting-principles`)."""

import datetime
from pathlib import Path

import pytest

from hamwe.partners.tests.factories import OrganisationFactory, ThematicAreaFactory
from hamwe.partnerships.models import (
    Agreement,
    Partnership,
    Party,
    Review,
    ReviewValue,
    Signature,
)
from hamwe.policy.measures import compute

D = datetime.date
ACTIVE, PROPOSED, ENDED = (Partnership.Status.ACTIVE, Partnership.Status.PROPOSED,
                           Partnership.Status.ENDED)


def make(title, parties, *, created, status=ACTIVE, starts=None, ends=None, areas=(),
         initiated_by=None, is_partnership=True):
    """A partnership recorded on `created`, with `parties` (organisations) in that order."""
    partnership = Partnership.objects.create(
        title=title, kind="strategic", status=status, starts_on=starts, ends_on=ends,
        initiated_by=initiated_by, is_partnership=is_partnership,
        stage="scoping-and-building" if status == PROPOSED else "managing-and-maintaining",
        includes_home=any(o.is_home for o in parties),
    )
    moment = datetime.datetime.combine(created, datetime.time(9), tzinfo=datetime.UTC)
    Partnership.objects.filter(pk=partnership.pk).update(created_at=moment, updated_at=moment)
    partnership.party_of = {}
    for organisation in parties:
        partnership.party_of[organisation.pk] = Party.objects.create(
            partnership=partnership, organisation=organisation, role="implementing")
    partnership.thematic_areas.set([ThematicAreaFactory(name=name) for name in areas])
    return partnership


def review(partnership, held_on, ratings):
    """A review with each party's value rating (organisation -> 1..5)."""
    made = Review.objects.create(partnership=partnership, held_on=held_on,
                                 objectives_met="partly", recommendation="continue")
    for organisation, rating in ratings.items():
        ReviewValue.objects.create(review=made, party=partnership.party_of[organisation.pk],
                                   rating=rating)
    return made


@pytest.fixture
def home(live_policy):
    return OrganisationFactory(name="Home NGO", sector="ingo", is_home=True)


# --- SD3: active-partnerships -------------------------------------------------------------


@pytest.fixture
def sd3(home):
    """Two research institutes, two private companies, an NGO, and six relationships."""
    r1 = OrganisationFactory(name="Soil Institute", sector="research")
    r2 = OrganisationFactory(name="Seed Institute", sector="research")
    p1 = OrganisationFactory(name="Solar Lamps Ltd", sector="private")
    p2 = OrganisationFactory(name="Insure Ltd", sector="private")
    ngo = OrganisationFactory(name="Other NGO", sector="cso")
    found = {
        "soil": make("Soil fertility research", [home, r1], created=D(2014, 9, 1),
                     starts=D(2015, 1, 1)),
        # Not the home organisation's: the old measure counted it.
        "among": make("Research among NGOs", [ngo, r2], created=D(2014, 1, 1),
                      starts=D(2014, 2, 1)),
        # Still in the first stage: constructive conversations underway.
        "lamps": make("Solar lamps for savings groups", [home, p1], created=D(2016, 3, 1),
                      status=PROPOSED),
        "insurance": make("Micro-insurance pilot", [home, p2], created=D(2014, 5, 1),
                          starts=D(2014, 7, 1)),
        "seeds": make("Seed research", [home, r2], created=D(2013, 6, 1),
                      starts=D(2013, 7, 1), ends=D(2015, 6, 30), status=ENDED),
        # The qualification check found it is procurement: never a partnership.
        "stoves": make("Cookstove supply", [home, p2], created=D(2015, 1, 1),
                       starts=D(2015, 2, 1), is_partnership=False),
    }
    # The insurer found the pilot of little value: it is not "successful according to
    # both parties", so not promising.
    review(found["insurance"], D(2016, 1, 10), {home: 4, p2: 2})
    found["orgs"] = {"r1": r1, "p2": p2}
    return found


def _sd3(as_of, **params):
    return compute("active-partnerships", {"sectors": ["research", "private"], **params},
                   as_of=as_of)


def test_sd3_counts_only_the_home_organisations_promising_partnerships(sd3):
    # 30 June 2016: research: "Soil fertility" (running since 2015, not reviewed) = 1;
    # "Research among NGOs" is not the home NGO's, "Seed research" ended in 2015.
    # Private: "Solar lamps" is being scoped = 1; "Micro-insurance" was found wanting by
    # the insurer (2 < 3) and "Cookstove supply" is procurement. Two sectors of two.
    result = _sd3(D(2016, 6, 30))
    assert result.value == 2
    assert result.detail["per_sector"] == {"research": 1, "private": 1}
    assert (result.detail["signed"], result.detail["underway"],
            result.detail["wanting"], result.detail["successful"]) == (1, 1, 1, 0)
    rows = {(r.label, r.group, r.note, r.counts) for r in result.rows}
    assert rows == {
        ("Soil fertility research", "research", "signed", True),
        ("Solar lamps for savings groups", "private", "underway", True),
        ("Micro-insurance pilot", "private", "wanting", False),
    }
    assert {r.id for r in result.rows} == {sd3[k].pk for k in ("soil", "lamps", "insurance")}


def test_sd3_as_of_earlier_days_reads_the_data_as_it_stood(sd3):
    # 31 Dec 2015: research: "Soil fertility" running = 1 ("Seed research" ended in
    # June); private: "Micro-insurance" running and not reviewed yet (the review is of
    # January 2016) = 1; "Solar lamps" not recorded yet.
    assert _sd3(D(2015, 12, 31)).detail["per_sector"] == {"research": 1, "private": 1}
    # 30 June 2014: research: "Seed research" running = 1; "Soil fertility" not recorded.
    # Private: "Micro-insurance" recorded in May, starting in July: being scoped = 1.
    early = _sd3(D(2014, 6, 30))
    assert early.value == 2 and [r.note for r in early.rows] == ["underway", "signed"]
    # 31 March 2014: research: "Seed research" = 1; private: nothing recorded yet.
    assert _sd3(D(2014, 3, 31)).value == 1
    # 30 June 2013: "Seed research" recorded, starting in July: being scoped = 1.
    assert _sd3(D(2013, 6, 30)).detail["underway"] == 1
    assert _sd3(D(2013, 5, 31)).value == 0  # nothing recorded yet


def test_sd3_successful_according_to_both_and_a_higher_minimum(sd3, home):
    review(sd3["soil"], D(2016, 2, 1), {home: 5, sd3["orgs"]["r1"]: 3})
    result = _sd3(D(2016, 6, 30))
    assert result.detail["successful"] == 1 and result.value == 2
    # Two promising partnerships per sector: neither sector has two.
    assert _sd3(D(2016, 6, 30), minimum=2).value == 0
    # A stricter reading of "successful" (4 of 5): the research institute's 3 now
    # finds the soil partnership wanting; research drops out.
    assert _sd3(D(2016, 6, 30), successful_rating=4).detail["per_sector"] == {
        "research": 0, "private": 1}


def test_sd3_in_a_fixed_number_of_queries(sd3, django_assert_max_num_queries):
    # 1 the count per sector; 2 the partnerships behind it.
    with django_assert_max_num_queries(2):
        _sd3(D(2016, 6, 30))


# --- SD4: partnerships-among-partners -----------------------------------------------------


@pytest.fixture
def sd4(home):
    a, b, c = (OrganisationFactory(name=f"Partner {x}") for x in "ABC")
    d, e = (OrganisationFactory(name=f"Stranger {x}") for x in "DE")
    start = {"created": D(2015, 1, 1), "starts": D(2015, 2, 1)}
    made = {
        # The home NGO's own programmes: they make A, B and C its partners, but are
        # "CARE initiated", so they never count themselves.
        "programme": make("Home programme", [home, a, b], initiated_by=home,
                          areas=["Governance"], **start),
        "support": make("Support to C", [home, c], initiated_by=home,
                        areas=["Education"], **start),
        # Among partners, initiated by A: counts for Governance.
        "advocacy": make("Joint advocacy of A and B", [a, b], initiated_by=a,
                         areas=["Governance"], **start),
        # Initiated by B; the home NGO joined it: counts for GBV (the old measure
        # dropped it).
        "network": make("GBV network of B and C", [b, c, home], initiated_by=b,
                        areas=["GBV"], **start),
        # D is not the home NGO's partner: one partner only (the old measure counted it).
        "climate": make("Climate work of A and D", [a, d], initiated_by=a,
                        areas=["Climate change"], **start),
        "strangers": make("Education of D and E", [d, e], initiated_by=d,
                          areas=["Education"], **start),
        # Among partners, but A found it wanting in its review: not successful.
        "schools": make("Schools of A and C", [a, c], initiated_by=c,
                        areas=["Education"], **start),
        # Among partners, in no thematic area: shown, not counted.
        "study": make("Joint study of B and C", [b, c], initiated_by=b, **start),
    }
    review(made["schools"], D(2016, 3, 1), {a: 2, c: 4})
    return made


def _sd4(as_of, **params):
    return compute("partnerships-among-partners", params, as_of=as_of)


def test_sd4_one_partnership_in_each_of_two_areas_meets_the_target(sd4):
    # 30 June 2016: Governance ("Joint advocacy") and GBV ("GBV network", which the home
    # NGO joined but did not initiate) = 2 thematic areas: the indicator's "at least 2
    # thematic areas" is met with one partnership in each.
    result = _sd4(D(2016, 6, 30))
    assert result.value == 2
    assert result.detail["per_area"] == {"Governance": 1, "GBV": 1}
    assert {(r.label, r.group, r.counts) for r in result.rows} == {
        ("Joint advocacy of A and B", "Governance", True),
        ("GBV network of B and C", "GBV", True),
        ("Joint study of B and C", "", False),
    }
    # Reading the pack's old `minimum: 2` as two partnerships per area: none.
    assert _sd4(D(2016, 6, 30), per_area=2).value == 0


def test_sd4_before_the_review_and_before_anything_started(sd4):
    # 31 Dec 2015, before A's review: "Schools of A and C" counts for Education too.
    assert _sd4(D(2015, 12, 31)).detail["per_area"] == {
        "Governance": 1, "GBV": 1, "Education": 1}
    assert _sd4(D(2015, 1, 31)).value == 0  # recorded, not started


def test_sd4_in_a_fixed_number_of_queries(sd4, django_assert_max_num_queries):
    # 1 the count per thematic area; 2 the partnerships; 3-4 the same of the networks'
    # joint activities among partners (hamwe.networks widens the measure).
    with django_assert_max_num_queries(4):
        _sd4(D(2016, 6, 30))


# --- SD1: agreements-reflecting-principles --------------------------------------------------

EVERY = ["equity", "transparency", "mutual-learning"]  # the example pack's principles


def agreement(partnership, number, principles, signed_on=None):
    """Version `number`, signed by every party on `signed_on` (None: sent, unsigned)."""
    made = Agreement.objects.create(
        partnership=partnership, number=number, language="en", content={},
        principles=principles, states_all_principles=True,  # the old, stale flag
        status=Agreement.Status.SIGNED if signed_on else Agreement.Status.SENT)
    if signed_on:
        for n, party in enumerate(partnership.parties.all()):
            Signature.objects.create(agreement=made, party=party, signatory="Signatory",
                                     signed_on=signed_on + datetime.timedelta(days=n))
    return made


@pytest.fixture
def sd1(home):
    a, b, c, d, e = (OrganisationFactory(name=f"Partner {x}") for x in "ABCDE")
    start = {"created": D(2014, 1, 1), "starts": D(2014, 2, 1)}
    full = make("Full agreement", [home, a], **start)
    agreement(full, 1, EVERY, D(2015, 1, 10))
    # Generated before "mutual-learning" was a principle of the policy.
    stale = make("Stale agreement", [home, b], **start)
    agreement(stale, 1, ["equity", "transparency"], D(2015, 1, 10))
    unsigned = make("Unsigned agreement", [home, c], **start)
    agreement(unsigned, 1, EVERY)
    # Version 1 states one principle; version 2, signed in July 2016, all of them.
    revised = make("Revised agreement", [home, d], **start)
    agreement(revised, 1, ["equity"], D(2014, 3, 1))
    agreement(revised, 2, EVERY, D(2016, 7, 15))
    # Not the home NGO's, and ended: neither is counted.
    make("Among partners", [a, b], **start)
    ended = make("Ended", [home, e], created=D(2013, 1, 1), starts=D(2013, 2, 1),
                 ends=D(2015, 6, 30), status=ENDED)
    agreement(ended, 1, EVERY, D(2013, 1, 20))
    return {"full": full, "stale": stale, "unsigned": unsigned, "revised": revised}


def test_sd1_the_current_signed_agreement_against_the_live_principles(sd1):
    # 30 June 2016: four running partnerships of the home NGO; "Full" states every
    # principle; "Stale" misses mutual-learning; "Unsigned" has no signed version;
    # "Revised" is still at version 1 (version 2 is signed in July): 1 of 4 = 25 %.
    result = compute("agreements-reflecting-principles", as_of=D(2016, 6, 30))
    assert result.value == 25.0 and result.unit == "%"
    assert (result.detail["running"], result.detail["reflecting"],
            result.detail["unsigned"]) == (4, 1, 1)
    notes = {r.label: (r.note, r.keys, r.counts) for r in result.rows}
    assert notes == {
        "Full agreement": ("reflects", (), True),
        "Stale agreement": ("misses", ("mutual-learning",), False),
        "Unsigned agreement": ("unsigned", tuple(EVERY), False),
        "Revised agreement": ("misses", ("transparency", "mutual-learning"), False),
    }
    # 31 Dec 2016: version 2 of "Revised" is signed: 2 of 4 = 50 %.
    assert compute("agreements-reflecting-principles", as_of=D(2016, 12, 31)).value == 50.0


def test_sd1_is_stale_no_more_when_another_policy_is_loaded(sd1):
    """The old measure kept counting MoUs as stating "every principle" (a flag stored when
    generated) after a pack with other principles was loaded."""
    from hamwe.policy import services
    from hamwe.policy.validation import parse_file

    small = Path(__file__).resolve().parents[2] / "policy" / "tests" / "small-pack.yaml"
    services.policy_load(pack=parse_file(small))  # one principle, "equity"
    result = compute("agreements-reflecting-principles", as_of=D(2016, 6, 30))
    # Every signed version states "equity": Full, Stale and Revised v1 = 3 of 4.
    assert result.value == 75.0 and result.detail["principles"] == ["equity"]


def test_sd1_with_nothing_running_has_no_share(home):
    result = compute("agreements-reflecting-principles", as_of=D(2016, 6, 30))
    assert result.value is None and result.measurable and result.detail["running"] == 0


def test_sd1_in_a_fixed_number_of_queries(sd1, django_assert_max_num_queries):
    # 1 the live policy (its parts; the composed pack is kept); 2 the counts; 3 the rows.
    compute("agreements-reflecting-principles", as_of=D(2016, 6, 30))
    with django_assert_max_num_queries(3):
        compute("agreements-reflecting-principles", as_of=D(2016, 6, 30))
