"""The benchmark's data: one generator per app, run in order, each one function.

    from bench.data import SCALES, generate
    ctx = generate(SCALES["S"])          # after `migrate` and `hamwe policy load ...`

Every figure the benchmark prints rests on this data, so it is shaped like a real NGO's,
not like a fixture: sectors, provinces and thematic areas in the proportions of a Burundian
registry, a few hub organisations that are party to many partnerships and a long tail that
is party to one or two, 2-5 parties per partnership, partnerships spread over the live
policy's whole cycle (with the stage history, gate ticks, checks, reviews, agreements and
comments each stage implies), partner users for some organisations, and score-card rounds
whose answers score a handful of indicators each, a share of them with a reason.

It is written for speed (rows inserted in bulk, no services, no signals), so it writes
itself the audit rows (django-simple-history's "created" rows) that the services would
have written, since pages read them. Kinds, stages, phases, gate items, principles and
score-card indicators are read from the live policy: load a pack first.

**Adding your app's data** (reports, assessments, knowledge items, networks, indicators):
write ONE function below, after the generators it builds on, decorated with `@generator`:

    @generator
    def reporting(ctx):
        # Reports: one schedule per active partnership, 4 reports each, ...
        reports = bulk(ctx, Report, [Report(partnership_id=pk, ...)
                                     for pk in ctx.partnerships ...])
        ctx.keys["reports"] = [r.pk for r in reports]

It receives the `Context` (the scale, a seeded random generator `ctx.rng`, the live
policy, the home organisation, the staff user and the keys the earlier generators made)
and may leave keys of its own for later generators in `ctx.keys`. Insert with `bulk()`
(model instances, keys set on return, audit rows written for models with history) and
`m2m()` (many-to-many pairs): both use COPY on PostgreSQL, which is what keeps scale L
within a couple of minutes. Give its sizes as fields of `Scale`, so S and L stay in
proportion, and its key page a line in `pages_and_personas()` in bench/load.py.
"""

import datetime
import random
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

BATCH = 2000


@dataclass(frozen=True)
class Scale:
    name: str
    organisations: int
    partnerships: int
    rounds: int
    answers_per_round: int
    contacts_per_organisation: tuple[int, int] = (1, 3)
    partner_user_share: float = 0.4  # organisations with partner users (1-4 each)
    scores_per_answer: tuple[int, int] = (2, 8)  # of the round's indicators; mean ~5
    comment_share: float = 0.3  # scores with a reason
    partnership_comment_share: float = 0.3
    reports_per_partnership: int = 5  # S: 10,000 partner reports; L: 100,000
    networks: int = 0  # thematic networks (bench/graph.py measures their graph)
    members_per_network: tuple[int, int] = (4, 12)


SCALES = {
    # 5,000 answers; ~25,000 scores
    "S": Scale("S", organisations=500, partnerships=2_000, rounds=10, answers_per_round=500,
               networks=30),
    # 100,000 answers; ~500,000 scores
    "L": Scale("L", organisations=5_000, partnerships=20_000, rounds=50,
               answers_per_round=2_000, networks=150),
}


@dataclass
class Context:
    scale: Scale
    rng: random.Random
    policy: object = None  # hamwe.partnerships.policy.PartnershipPolicy
    today: datetime.date = field(default_factory=datetime.date.today)
    staff: object = None  # the home-organisation staff user who "did" everything
    home: object = None  # the home Organisation
    organisations: list = field(default_factory=list)  # partner organisation pks
    partnerships: list = field(default_factory=list)  # partnership pks
    keys: dict = field(default_factory=dict)  # anything a generator leaves for later ones
    counts: dict = field(default_factory=dict)  # model label -> rows written

    def count(self, model, n):
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + n

    def when(self, start, end=None):
        """A random moment between two dates (aware datetime), for audit rows."""
        end = end or self.today
        lo, hi = start.toordinal(), max(start.toordinal(), end.toordinal())
        day = datetime.date.fromordinal(self.rng.randint(lo, hi))
        return datetime.datetime.combine(day, datetime.time(
            self.rng.randint(5, 15), self.rng.randint(0, 59), tzinfo=datetime.UTC))


GENERATORS = []


def generator(func):
    """Register a generator: it runs after those defined above it."""
    GENERATORS.append(func)
    return func


def generate(scale: Scale, *, seed=2013, only=None, log=print) -> Context:
    """Run every generator (or those named in `only`) in order, in one transaction."""
    from hamwe.partnerships.policy import current_policy

    ctx = Context(scale=scale, rng=random.Random(seed), policy=current_policy())
    started = time.perf_counter()
    with transaction.atomic():
        for func in GENERATORS:
            if only is not None and func.__name__ not in only:
                continue
            t = time.perf_counter()
            before = sum(ctx.counts.values())
            func(ctx)
            log(f"  {func.__name__:<14} {sum(ctx.counts.values()) - before:>9,} rows "
                f"in {time.perf_counter() - t:5.1f} s")
    log(f"  {'total':<14} {sum(ctx.counts.values()):>9,} rows "
        f"in {time.perf_counter() - started:5.1f} s")
    return ctx


# --- helpers ------------------------------------------------------------------------------

def bulk(ctx, model, objs, *, history=True, when=None):
    """Insert model instances fast, with the audit trail's "created" row for each object
    when the model keeps one (as the services would have written it). Returns them with
    their keys set. On PostgreSQL through COPY (keys drawn from the table's sequence
    first); elsewhere through bulk_create."""
    objs = list(objs)
    if not objs:
        return objs
    insert(model, objs)
    ctx.count(model, len(objs))
    manager = getattr(model, "history", None) if history else None
    if manager is not None:
        historical = manager.model
        names = {h.attname for h in historical._meta.concrete_fields}
        fields = [f for f in model._meta.concrete_fields if f.attname in names]
        user = ctx.staff.pk if ctx.staff else None
        since = ctx.today - datetime.timedelta(days=3 * 365)
        rows = [
            {**{f.attname: _plain(getattr(obj, f.attname)) for f in fields},
             "history_date": when(obj) if when else ctx.when(since), "history_type": "+",
             "history_user_id": user, "history_change_reason": None}
            for obj in objs]
        insert_rows(ctx, historical, rows)
    return objs


def _plain(value):
    return value.name if isinstance(value, FieldFile) else value


def insert(model, objs):
    """Model instances, keys set on them."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH)
        return
    meta = model._meta
    pk = meta.pk
    if isinstance(pk, models.AutoField) and any(obj.pk is None for obj in objs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                           "FROM generate_series(1, %s)", [meta.db_table, pk.column, len(objs)])
            for obj, (key,) in zip(objs, cursor.fetchall(), strict=True):
                obj.pk = key
    fields = meta.concrete_fields
    convert = [_converter(f) for f in fields]
    _copy(meta.db_table, [f.column for f in fields], (
        [c(f.pre_save(obj, True)) for f, c in zip(fields, convert, strict=True)]
        for obj in objs))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = "default"


def insert_rows(ctx, model, rows):
    """Plain rows (dicts by attname, the same keys in each), for the big tables whose
    rows need no audit row and whose numeric keys nobody needs back (the table numbers
    them): cheaper than model instances. Fields left out take their model default."""
    rows = list(rows)
    if not rows:
        return
    ctx.count(model, len(rows))
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
        return
    names = list(rows[0])
    fields = {f.attname: f for f in model._meta.concrete_fields}
    defaults = {}
    for name, f in fields.items():
        if name not in names and not isinstance(f, models.AutoField):
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            defaults[name] = timezone.now() if auto else f.get_default()
    columns = [*names, *defaults]
    convert = [_converter(fields[n]) for n in columns]
    tail = list(defaults.values())
    _copy(model._meta.db_table, [fields[n].column for n in columns], (
        [c(v) for c, v in zip(convert, [*(row[n] for n in names), *tail], strict=True)]
        for row in rows))


def _copy(table, columns, rows):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _converter(field):
    """Python value -> what COPY takes: as is, but for JSON and the fields whose Python
    value is an object of their own (a country)."""
    if isinstance(field, models.JSONField):
        from psycopg.types.json import Jsonb

        return lambda value: None if value is None else Jsonb(value)
    if isinstance(field, models.DecimalField | models.UUIDField | models.IntegerField
                  | models.FloatField | models.BooleanField | models.ForeignKey
                  | models.DateField | models.TextField) or type(field) is models.CharField:
        return lambda value: value
    return lambda value: field.get_db_prep_save(value, connection)


def m2m(ctx, relation, pairs):
    """Rows of a many-to-many through table: `pairs` of (owner pk, target pk)."""
    through = relation.through
    source = relation.field.m2m_field_name() + "_id"
    target = relation.field.m2m_reverse_field_name() + "_id"
    insert_rows(ctx, through, ({source: a, target: b} for a, b in pairs))


def weighted(rng, options):
    """Pick from {value: weight}."""
    values = list(options)
    return rng.choices(values, weights=[options[v] for v in values])[0]


KIRUNDI = [
    "Amizero", "Ubuntu", "Twiyunge", "Umucyo", "Ineza", "Mugisha", "Tuzamurane", "Ituze",
    "Terimbere", "Umutima", "Akanyoni", "Sangwe", "Imboneza", "Ikibindi", "Umusozi", "Ukuri",
    "Turashoboye", "Amahoro", "Urumuri", "Kazoza", "Iteka", "Umwizero", "Dukore", "Twese",
    "Hamwe", "Inkingi", "Ubwenge", "Isoko", "Amagara", "Imbere Heza", "Tubane Neza",
    "Inka Yacu", "Ikiyago", "Umuceri Mwiza", "Akazi Keza", "Ikirere", "Nturengaho",
    "Dufatanye", "Twubake", "Garukira",
]
FORMS = {  # sector -> name patterns ({w}: a Kirundi word, {p}: a place)
    "cso": ["Association {w} de {p}", "Réseau {w}", "Collectif {w} des femmes de {p}",
            "{w} Women's Forum", "Initiative {w} pour les jeunes", "Centre {w} d'écoute"],
    "community": ["Groupement {w} de {p}", "Coopérative {w} de {p}", "Club des jeunes {w}",
                  "{w} Village Savings Group", "Comité {w} de {p}"],
    "private": ["{w} SARL", "{w} Agro-Processing", "Microfinance {w} SA", "{w} Solar"],
    "public": ["Service communal {w} de {p}", "Centre de santé {w} de {p}",
               "Office provincial {w}"],
    "research": ["Institut {w} de recherche", "Centre de recherche {w}", "{w} Research Lab"],
    "media": ["Radio {w} FM", "{w} Media", "Journal {w}"],
    "donor": ["Fondation {w}", "{w} Trust", "{w} Fund"],
    "ingo": ["{w} International", "{w} Relief", "{w} Global"],
}
COMMUNES = [
    "Mukaza", "Ntahangwa", "Muha", "Gitega", "Giheta", "Ngozi", "Kiremba", "Muyinga",
    "Kirundo", "Busoni", "Kayanza", "Matongo", "Rugombo", "Cibitoke", "Rutana", "Makamba",
    "Rumonge", "Bururi", "Matana", "Cankuzo", "Ruyigi", "Gisuru", "Mwaro", "Kayokwe",
    "Bukeye", "Muramvya", "Buhiga", "Karusi", "Gihanga", "Bubanza", "Kanyosha", "Mutaho",
]
FIRST = ["Aline", "Béatrice", "Claudine", "Denise", "Espérance", "Fabiola", "Gloriose",
         "Jeanine", "Odette", "Pascasie", "Alexis", "Bosco", "Cyriaque", "Déogratias",
         "Eric", "Fiacre", "Gilbert", "Jean-Marie", "Léonce", "Pacifique"]
LAST = ["Ndayishimiye", "Niyonzima", "Hakizimana", "Irakoze", "Nshimirimana", "Bizimana",
        "Niyongabo", "Ndikumana", "Havyarimana", "Nkurunziza", "Uwimana", "Kwizera",
        "Manirakiza", "Ntakirutimana", "Nibigira", "Barutwanayo"]
POSITIONS = ["Coordinator", "Executive director", "Programme officer", "Finance officer",
             "M&E officer", "President", "Secretary", "Field animator"]
PROGRAMMES = [
    "Umugore Arashoboye", "Tubiteho", "Joint Programme on SRHR", "Sasa Burundi",
    "Food security in the north", "Youth employment in the lakeside communes",
    "Women's voice in local governance", "Climate-smart hills", "Safe schools for girls",
    "VSLA scale-up", "Peace dividends", "Nutrition first 1,000 days",
]
REASONS = [
    "They listen to us in the planning meetings but the decision is already taken.",
    "Transfers arrive late, so our field staff wait for weeks.",
    "We are asked about our priorities and they appear in the joint plan.",
    "The reporting templates change every year and take much of our time.",
    "Their staff visit often and the visits are useful.",
    "We learn a lot from the trainings; we would like them in Kirundi.",
    "Budget decisions are not explained to us.",
    "They respect our calendar and our procedures.",
    "Our organisation is named in their publications, which helps us with donors.",
    "We would like to be part of the strategy discussions, not only the projects.",
]
SUGGESTIONS = [
    "Share the annual budget with partners before it is final.",
    "Hold the review meetings in the provinces, not only in Bujumbura.",
    "Give a single reporting template for all donors.",
    "Pay the first transfer on signature.",
]
COMMENTS = [
    "The work plan for next quarter is attached to the last report.",
    "Could we move the steering committee to the first week of the month?",
    "The commune confirmed the meeting room for the training.",
    "Contributions of the second year are delivered; the report follows.",
    "We propose to add Kayanza to the target provinces.",
]


def _pick_distinct(rng, population, cum_weights, k):
    chosen = []
    while len(chosen) < k:
        for value in rng.choices(population, cum_weights=cum_weights, k=k):
            if value not in chosen:
                chosen.append(value)
                if len(chosen) == k:
                    break
    return chosen


# --- the generators, in dependency order ---------------------------------------------------

@generator
def accounts(ctx):
    """The bench's home-organisation staff user: the author of every record below."""
    from hamwe.accounts.models import Role, User

    ctx.staff = User.objects.create_user(
        "bench-staff@hamwe.example", None, role=Role.STAFF, full_name="Bench Staff")
    ctx.count(User, 1)


@generator
def partners(ctx):
    """Organisations (home first), their thematic areas, impact groups, provinces of
    presence and contact persons; partner users for `partner_user_share` of them."""
    from hamwe.accounts.models import Role, User
    from hamwe.demo.data import read
    from hamwe.partners.models import (
        SECTOR_IATI_TYPE,
        Contact,
        ImpactGroup,
        LegalStatus,
        Organisation,
        Province,
        ThematicArea,
    )

    rng, scale = ctx.rng, ctx.scale
    registry = read("registry")  # the demo's reference data
    themes = [ThematicArea.objects.get_or_create(name=n)[0].pk
              for n in registry["thematic_areas"].values()]
    groups = [ImpactGroup.objects.get_or_create(name=n)[0].pk
              for n in registry["impact_groups"].values()]
    provinces = list(Province.objects.filter(valid_until__isnull=True).order_by("code")
                     .values_list("pk", flat=True)) or list(
        Province.objects.values_list("pk", flat=True))
    # Bujumbura and the big provinces hold more head offices than the rest.
    province_weights = [6 if i == 0 else 3 if i < 4 else 1 for i in range(len(provinces))]
    sectors = {"cso": 45, "community": 20, "public": 10, "private": 8, "research": 5,
               "media": 4, "donor": 4, "ingo": 4}
    legal = {"cso": [LegalStatus.ASSOCIATION, LegalStatus.NGO],
             "community": [LegalStatus.INFORMAL, LegalStatus.COOPERATIVE,
                           LegalStatus.ASSOCIATION],
             "private": [LegalStatus.COMPANY], "public": [LegalStatus.PUBLIC_BODY],
             "research": [LegalStatus.PUBLIC_BODY, LegalStatus.ASSOCIATION],
             "media": [LegalStatus.COMPANY, LegalStatus.ASSOCIATION],
             "donor": [LegalStatus.FOUNDATION], "ingo": [LegalStatus.NGO]}
    presence = list(Organisation.Presence.values)

    ctx.home = Organisation.objects.filter(is_home=True).first()
    organisations = []
    if ctx.home is None:
        organisations.append(Organisation(
            name="Umoja International Burundi Office", acronym="UIB", sector="ingo",
            iati_type=21, is_home=True, province_id=provinces[0], commune="Mukaza",
            presence="national", legal_status=LegalStatus.NGO, founded_year=1994))
    names = set()
    for i in range(scale.organisations):
        sector = weighted(rng, sectors)
        place = rng.choice(COMMUNES)
        name = rng.choice(FORMS[sector]).format(w=rng.choice(KIRUNDI), p=place)
        while name in names:
            name = f"{name} {rng.choice(COMMUNES)}" if rng.random() < 0.7 else f"{name} {i}"
        names.add(name)
        acronym = "".join(w[0] for w in name.replace("'", " ").split() if w[0].isupper())
        organisations.append(Organisation(
            name=name, acronym=acronym[:10], sector=sector,
            iati_type=SECTOR_IATI_TYPE.get(sector), legal_status=rng.choice(legal[sector]),
            description=f"Works in {place} and the neighbouring communes.",
            province_id=rng.choices(provinces, weights=province_weights)[0], commune=place,
            presence=rng.choices(presence, weights=[50, 30, 15, 5])[0],
            founded_year=rng.randint(1962, ctx.today.year - 1),
            staff_size=int(rng.lognormvariate(2.3, 1)) + 1,
            email=f"contact{i}@org{i}.example", phone=f"+257 22 {i % 100:02d} {i % 97:02d}",
            registration_number=f"RC/{rng.randint(100, 9999)}/{rng.randint(1990, 2024)}"))
    created = bulk(ctx, Organisation, organisations)
    if ctx.home is None:
        ctx.home = created[0]
    partners_ = [o for o in created if not o.is_home]
    ctx.organisations = [o.pk for o in partners_]

    theme_pairs, group_pairs, province_pairs = [], [], []
    for org in created:
        for t in rng.sample(themes, rng.choices([1, 2, 3], weights=[40, 40, 20])[0]):
            theme_pairs.append((org.pk, t))
        for g in rng.sample(groups, rng.choices([0, 1, 2], weights=[30, 50, 20])[0]):
            group_pairs.append((org.pk, g))
        if org.presence != "head_office":
            for p in rng.sample(provinces, rng.randint(2, min(8, len(provinces)))):
                province_pairs.append((org.pk, p))
    m2m(ctx, Organisation.thematic_areas, theme_pairs)
    m2m(ctx, Organisation.impact_groups, group_pairs)
    m2m(ctx, Organisation.provinces, province_pairs)

    lo, hi = scale.contacts_per_organisation
    contacts = []
    for org in created:
        for n in range(rng.randint(lo, hi)):
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            contacts.append(Contact(
                organisation_id=org.pk, name=person, position=rng.choice(POSITIONS),
                email=f"{person.split()[0].lower()}.{org.pk}.{n}@org.example",
                phone=f"+257 79 {rng.randint(100000, 999999)}", is_primary=n == 0))
    bulk(ctx, Contact, contacts)

    # Partner users: the password is unusable (the benchmark signs in with sessions).
    password = make_password(None)
    users, owners = [], {}
    for org in partners_:
        if rng.random() >= scale.partner_user_share:
            continue
        for n in range(rng.choices([1, 2, 3, 4], weights=[40, 30, 20, 10])[0]):
            users.append(User(
                email=f"u{n}.o{org.pk}@partners.example", password=password,
                full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", role=Role.PARTNER,
                organisation_id=org.pk, is_partner_admin=n == 0))
    created_users = bulk(ctx, User, users)
    for user in created_users:
        owners.setdefault(user.organisation_id, []).append(user.pk)
    ctx.keys["partner_users"] = [u.pk for u in created_users]
    ctx.keys["users_by_organisation"] = owners
    ctx.keys["sector_of"] = {o.pk: o.sector for o in created}
    ctx.keys["themes"], ctx.keys["groups"], ctx.keys["provinces"] = themes, groups, provinces


def _cycle_steps(policy):
    """Every (stage index, stage, phase) of the live cycle, in order."""
    return [(i, stage, phase) for i, stage in enumerate(policy.stages) for phase in stage.phases]


@generator
def partnerships(ctx):
    """Partnerships of 2-5 parties (the home organisation in ~60%), spread over the live
    cycle, with parties' contributions, themes, provinces, the stage history up to where
    each stands, the gate ticks of the stages it passed (and some of its current one), a
    qualification check, reviews past the first stage, agreements (signed once past the
    first stage, a draft in its last phases) and comments on some."""
    from hamwe.demo.data import read

    tables = read("partnerships")  # the demo's wording, by sector
    OWN_OBJECTIVES, RISKS = tables["own_objectives"], tables["risks"]  # noqa: N806
    CONTRIBUTIONS, MONEY = tables["contributions"], tables["funds"]  # noqa: N806
    EVIDENCE_DOCUMENTS = tables["evidence_documents"]  # noqa: N806
    from hamwe.partnerships.agreements import content
    from hamwe.partnerships.models import (
        Agreement,
        Comment,
        Contribution,
        GateTick,
        Partnership,
        Party,
        QualificationCheck,
        Review,
        ReviewValue,
        Signature,
        StageChange,
        sector_bits,
    )

    rng, scale, policy = ctx.rng, ctx.scale, ctx.policy
    if not scale.partnerships:
        return
    steps = _cycle_steps(policy)
    stages = policy.stages
    kinds = list(policy.kinds)
    kind_weights = [30 if i == 0 else 70 / max(1, len(kinds) - 1) for i in range(len(kinds))]
    # Where partnerships stand: most are being built or run, fewer reviewed or sustained.
    stage_weights = [35, 40, 17, 8] + [5] * max(0, len(stages) - 4)
    sector_of = ctx.keys["sector_of"]
    orgs = ctx.organisations
    # A few hubs are party to very many partnerships, most organisations to one or two.
    cum, total = [], 0.0
    for _ in orgs:
        total += rng.lognormvariate(0, 1.1)
        cum.append(total)
    roles = list(Party.Role.values)
    themes, groups, provinces = (ctx.keys[k] for k in ("themes", "groups", "provinces"))

    plans, records = [], []
    for i in range(scale.partnerships):
        stage_index = rng.choices(range(len(stages)), weights=stage_weights[:len(stages)])[0]
        stage = stages[stage_index]
        phase = rng.choice(stage.phases)
        n_parties = rng.choices([2, 3, 4, 5], weights=[50, 30, 13, 7])[0]
        with_home = rng.random() < 0.6
        members = _pick_distinct(rng, orgs, cum, n_parties - with_home)
        if with_home:
            members.insert(rng.randint(0, len(members)), ctx.home.pk)
        starts = ctx.today - datetime.timedelta(days=rng.randint(30, 8 * 365))
        ended = stage_index == len(stages) - 1 and rng.random() < 0.3
        status = (Partnership.Status.ENDED if ended else Partnership.Status.PROPOSED
                  if stage_index == 0 and phase == stage.phases[0] else
                  Partnership.Status.ACTIVE)
        theme = rng.choice(PROGRAMMES)
        records.append(Partnership(
            title=f"{theme} — {rng.choice(COMMUNES)} {i + 1}",
            kind=rng.choices(kinds, weights=kind_weights)[0], status=status,
            shared_vision="Women, youth and farmers of the communes claim their rights and "
                          "earn a living with dignity.",
            joint_objectives="1. Savings groups reach 2,000 members.\n2. Communal plans "
                             "include the groups' priorities.",
            initiated_by_id=members[0], includes_home=with_home, programme=theme,
            partner_sectors=sector_bits(sector_of[m] for m in members if m != ctx.home.pk),
            starts_on=starts, ends_on=starts + datetime.timedelta(days=rng.choice(
                [365, 730, 1095, 1825])),
            has_funding=rng.random() < 0.6, is_partnership=True, stage=stage.key,
            phase=phase.key,
            next_review_on=None if status != Partnership.Status.ACTIVE else
            ctx.today + datetime.timedelta(days=rng.randint(-60, 365))))
        plans.append((stage_index, phase, members, starts))
    created = bulk(ctx, Partnership, records, when=lambda p: datetime.datetime.combine(
        p.starts_on, datetime.time(7, tzinfo=datetime.UTC)))
    ctx.partnerships = [p.pk for p in created]

    m2m(ctx, Partnership.thematic_areas,
        [(p.pk, t) for p in created for t in rng.sample(themes, rng.randint(1, 2))])
    m2m(ctx, Partnership.impact_groups,
        [(p.pk, g) for p in created for g in rng.sample(groups, rng.randint(0, 2))])
    m2m(ctx, Partnership.provinces,
        [(p.pk, v) for p in created for v in rng.sample(provinces, rng.randint(1, 3))])

    parties = []
    for partnership, (_s, _p, members, _d) in zip(created, plans, strict=True):
        for n, org in enumerate(members):
            sector = sector_of[org]
            parties.append(Party(
                partnership_id=partnership.pk, organisation_id=org,
                role=roles[0] if n == 0 else rng.choice(roles[1:]),
                iati_role=rng.choice([1, 2, 3, 4]), own_objectives=OWN_OBJECTIVES[sector],
                responsibilities="Runs the activities in its communes and reports each "
                                 "quarter.", risks=RISKS[sector]))
    parties = bulk(ctx, Party, parties)
    parties_of = {}
    for party in parties:
        parties_of.setdefault(party.partnership_id, []).append(party)

    contributions = []
    for party in parties:
        template = CONTRIBUTIONS[sector_of[party.organisation_id]]
        chosen = [template[0], *rng.sample(template[1:], rng.randint(0, len(template) - 1))]
        if party.role == "funding" and not any(c[0] == "money" for c in chosen):
            chosen.insert(0, MONEY)
        for kind, description, value in chosen:
            contributions.append(Contribution(
                party_id=party.pk, kind=kind, description=description, currency="BIF",
                estimated_value=Decimal(rng.randint(*value)) * 1_000_000 if value else None))
    bulk(ctx, Contribution, contributions)

    by = ctx.staff.pk
    patterns = [p.key for p in policy.non_partnerships]
    changes, ticks, checks, reviews, review_parties, comments = [], [], [], [], [], []
    agreements = []
    for partnership, (stage_index, phase, _m, starts) in zip(created, plans, strict=True):
        pk = partnership.pk
        here = next(n for n, (_i, s, ph) in enumerate(steps)
                    if s.key == partnership.stage and ph.key == phase.key)
        previous = ""
        for n, (_i, s, ph) in enumerate(steps[:here + 1]):
            changes.append(dict(
                partnership_id=pk, from_stage=previous, to_stage=s.key, to_phase=ph.key,
                by_id=by, at=ctx.when(starts + datetime.timedelta(days=60 * n))))
            previous = s.key
        for s in stages[:stage_index]:
            for item in s.gate:
                ticks.append(GateTick(
                    partnership_id=pk, stage=s.key, item=item.key, by_id=by,
                    evidence=f"{rng.choice(EVIDENCE_DOCUMENTS)}, {starts:%B %Y}"))
        for item in stages[stage_index].gate:
            if rng.random() < 0.4:
                ticks.append(GateTick(partnership_id=pk, stage=stages[stage_index].key,
                                      item=item.key, by_id=by,
                                      evidence=rng.choice(EVIDENCE_DOCUMENTS)))
        found = [rng.choice(patterns)] if patterns and rng.random() < 0.05 else []
        checks.append(QualificationCheck(
            partnership_id=pk, answers={k: k in found for k in patterns},
            is_partnership=not found, patterns_found=found, by_id=by))
        if stage_index >= 2:
            for r in range(rng.randint(1, 2)):
                reviews.append(Review(
                    partnership_id=pk, held_on=ctx.today - datetime.timedelta(
                        days=180 * r + rng.randint(0, 90)),
                    objectives_met=rng.choice(list(Review.Met.values)),
                    principle_ratings={p.key: rng.randint(2, 5) for p in policy.principles},
                    contributions_delivered="Each party delivered what it promised.",
                    governance_working="The steering committee meets every quarter.",
                    recommendation=rng.choice(list(Review.Recommendation.values)), by_id=by))
                review_parties.append(pk)
        if stage_index >= 1 or phase == stages[0].phases[-1]:
            agreements.append((pk, stage_index >= 1))
        if rng.random() < scale.partnership_comment_share:
            for _ in range(rng.randint(1, 4)):
                comments.append(Comment(partnership_id=pk, author_id=by,
                                        text=rng.choice(COMMENTS)))
    insert_rows(ctx, StageChange, changes)
    bulk(ctx, GateTick, ticks)
    bulk(ctx, QualificationCheck, checks)
    reviews = bulk(ctx, Review, reviews)
    bulk(ctx, ReviewValue, [
        ReviewValue(review_id=review.pk, party_id=party.pk, rating=rng.randint(2, 5),
                    expected="Stronger capacity", received="Mostly what it expected")
        for review, pk in zip(reviews, review_parties, strict=True)
        for party in parties_of[pk]])
    bulk(ctx, Comment, comments)

    # The agreement's text is generated once, from the first partnership that has one,
    # and kept for the others: generating 10,000 MoUs would take longer than the benchmark.
    if agreements:
        from hamwe.partnerships.agreements.selectors import languages

        language = languages()[0][0]
        first = Partnership.objects.get(pk=agreements[0][0])
        built = content.build(partnership=first, by=ctx.staff, language=language, number=1)
        rows = bulk(ctx, Agreement, [
            Agreement(partnership_id=pk, number=1, language=language,
                      content=built["content"], principles=built["principles"],
                      states_all_principles=built["states_all_principles"],
                      checklist=built["checklist"], created_by_id=by,
                      status=Agreement.Status.SIGNED if signed else Agreement.Status.DRAFT)
            for pk, signed in agreements])
        bulk(ctx, Signature, [
            Signature(agreement_id=agreement.pk, party_id=party.pk,
                      signatory=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                      title=rng.choice(POSITIONS), recorded_by_id=by,
                      signed_on=ctx.today - datetime.timedelta(days=rng.randint(30, 2000)))
            for agreement in rows if agreement.status == Agreement.Status.SIGNED
            for party in parties_of[agreement.partnership_id]])


@generator
def scorecards(ctx):
    """Score-card rounds every half year, the newest still open and the rest closed (with
    the home NGO's self-scores, an interface meeting and its action plan). Invitations go
    to partner users; each answer scores a few of the round's indicators (the card grew
    over the years), a share of them with a reason or a suggestion; one in twenty is a
    focus group's consensus."""
    from hamwe.policy import selectors as policy_selectors
    from hamwe.scorecards.models import (
        Action,
        Answer,
        Indicator,
        InterfaceMeeting,
        Invitation,
        Round,
        Score,
        SelfScore,
    )

    rng, scale = ctx.rng, ctx.scale
    if not scale.rounds:
        return
    card = policy_selectors.policy_pack(policy_selectors.live_policy()).scorecard
    users = ctx.keys.get("partner_users", [])
    org_of = {u: o for o, us in ctx.keys.get("users_by_organisation", {}).items() for u in us}
    previous = None
    round_ids = []
    for r in range(scale.rounds):
        closes = ctx.today - datetime.timedelta(days=182 * (scale.rounds - 1 - r) - 20)
        is_open = r == scale.rounds - 1
        round_ = Round.objects.create(
            title=f"Partner score card {closes.year} {'H1' if closes.month <= 6 else 'H2'}",
            period=f"FY{closes.year} {'H1' if closes.month <= 6 else 'H2'}",
            opens_on=closes - datetime.timedelta(days=30), closes_on=closes,
            status=Round.Status.OPEN if is_open else Round.Status.CLOSED,
            scale_min=card.scale.minimum, scale_max=card.scale.maximum,
            high_grade=card.high_grade, min_group_scores=card.min_group_scores,
            min_group_comments=card.min_group_comments, previous=previous,
            created_by=ctx.staff)
        ctx.count(Round, 1)
        count = max(3, len(card.indicators) - (scale.rounds - 1 - r) // 5)
        indicators = bulk(ctx, Indicator, [
            Indicator(round=round_, key=item.key, text=item.text, source="policy", position=p)
            for p, item in enumerate(card.indicators[:count])])
        # Each indicator's "true" level, rising slowly over the rounds.
        level = {i.pk: rng.uniform(45, 75) + r * 0.3 for i in indicators}
        n_answers = scale.answers_per_round
        groups = n_answers // 20
        invited = rng.sample(users, min(len(users), int((n_answers - groups) * 1.3)))
        used = min(len(invited), n_answers - groups)
        insert_rows(ctx, Invitation, (
            dict(round_id=round_.pk, organisation_id=org_of[u], user_id=u, used=n < used)
            for n, u in enumerate(invited)))
        answers = [dict(id=uuid.uuid4(), round_id=round_.pk,
                        kind="group" if n < groups else "individual",
                        group_size=rng.randint(5, 15) if n < groups else 1)
                   for n in range(n_answers)]
        insert_rows(ctx, Answer, answers)
        lo, hi = scale.scores_per_answer
        scores = []
        for answer in answers:
            for indicator in rng.sample(indicators, min(len(indicators), rng.randint(lo, hi))):
                value = min(card.scale.maximum, max(card.scale.minimum, round(
                    rng.gauss(level[indicator.pk], 18))))
                reason = rng.choice(REASONS) if rng.random() < scale.comment_share else ""
                suggestion = rng.choice(SUGGESTIONS) if reason and rng.random() < 0.3 else ""
                scores.append(dict(id=uuid.uuid4(), answer_id=answer["id"],
                                   indicator_id=indicator.pk, score=value, reason=reason,
                                   suggestion=suggestion))
            if len(scores) >= 20_000:
                insert_rows(ctx, Score, scores)
                scores = []
        insert_rows(ctx, Score, scores)
        Round.objects.filter(pk=round_.pk).update(answers_received=len(answers))
        if not is_open:
            bulk(ctx, SelfScore, [
                SelfScore(indicator=i, score=min(100, round(level[i.pk] + rng.uniform(0, 20))),
                          reason="Our own reading of the year.", by=ctx.staff)
                for i in indicators])
            meeting = bulk(ctx, InterfaceMeeting, [InterfaceMeeting(
                round=round_, held_on=closes + datetime.timedelta(days=21),
                agreed="Share the budget earlier; hold reviews in the provinces.")])[0]
            present = rng.sample(ctx.organisations, min(len(ctx.organisations), 12))
            m2m(ctx, InterfaceMeeting.organisations, [(meeting.pk, o) for o in present])
            bulk(ctx, Action, [
                Action(round=round_, meeting=meeting, indicator=rng.choice(indicators),
                       text=rng.choice(SUGGESTIONS), owner=rng.choice(["home", "joint"]),
                       due_on=closes + datetime.timedelta(days=rng.randint(60, 240)),
                       status=rng.choice(list(Action.Status.values)))
                for _ in range(rng.randint(4, 8))])
        previous = round_
        round_ids.append(round_.pk)
    ctx.keys["rounds"] = round_ids


@generator
def strategy(ctx):
    """The strategy followed, if the live policy has one: two or three entries over the
    years for each indicator entered by hand (and for those whose measure is not computed
    yet), and one to three progress notes for each activity of the action plan."""
    from hamwe.strategy.models import ActivityUpdate, IndicatorEntry
    from hamwe.strategy.policy import current_strategy

    found = current_strategy()
    if found is None or found.strategy is None:
        return
    rng, start = ctx.rng, found.period.start
    span = max(1, (ctx.today - start).days)
    entries = []
    for _direction, indicator in found.indicators():
        if indicator.kind == "computed":
            from hamwe.policy.measures import implementation

            if implementation(indicator.measure.name) is not None:
                continue
        for _ in range(rng.randint(2, 3)):
            entries.append(IndicatorEntry(
                policy=found.policy, indicator=indicator.key,
                status=rng.choice(["on_track", "at_risk", "met"]),
                on=start + datetime.timedelta(days=rng.randint(0, span)),
                note="Judged on the partners' own assessments and our records.",
                entered_by=ctx.staff, entered_on=ctx.today))
    bulk(ctx, IndicatorEntry, entries)
    updates = []
    for activity in found.activities():
        first = found.calendar.period(activity.periods[0]).start if activity.periods else start
        for n in range(rng.randint(1, 3)):
            updates.append(ActivityUpdate(
                policy=found.policy, activity=activity.key,
                status=["under_way", "under_way", "done"][n] if n < 2 else "done",
                on=first + datetime.timedelta(days=120 * (n + 1)),
                note="Progress discussed at the quarterly review.", entered_by=ctx.staff,
                entered_on=ctx.today))
    bulk(ctx, ActivityUpdate, updates)


@generator
def reporting(ctx):
    """A narrative schedule per partnership, owed by its first partner party, and
    `reports_per_partnership` quarterly reports each (L: 100,000), in every state of the
    review, with the figures the review keeps on the row."""
    from hamwe.partnerships.models import Party
    from hamwe.policy.fiscal import Calendar
    from hamwe.policy.selectors import live_policy, policy_pack
    from hamwe.reporting.models import Report, Schedule

    calendar = Calendar.of(policy_pack(live_policy()))
    home = ctx.home.pk if ctx.home else None
    owner = {}
    for partnership, organisation in (Party.objects.exclude(organisation_id=home)
                                      .order_by("partnership_id", "pk")
                                      .values_list("partnership_id", "organisation_id")):
        owner.setdefault(partnership, organisation)
    schedules = bulk(ctx, Schedule, [
        Schedule(partnership_id=pk, organisation_id=owner[pk], report_type="narrative")
        for pk in ctx.partnerships if pk in owner])
    year, quarter = calendar.quarter_of(ctx.today)
    spans = []
    for _ in range(ctx.scale.reports_per_partnership):
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        spans.append(calendar.quarter(year, quarter))
    reports = []
    for schedule in schedules:
        for age, span in enumerate(spans):
            due = span.end + datetime.timedelta(days=30)
            state = ctx.rng.choice(["approved"] * (age + 1) + ["due", "submitted",
                                                               "in_review", "revision"])
            sent = 0 if state == "due" else ctx.rng.randint(1, 3)
            first = due + datetime.timedelta(days=ctx.rng.randint(-10, 15)) if sent else None
            reports.append(Report(
                schedule_id=schedule.pk, partnership_id=schedule.partnership_id,
                organisation_id=schedule.organisation_id, report_type="narrative",
                year=span.year, quarter=span.quarter, period_start=span.start,
                period_end=span.end, due_on=due, status=state, submissions=sent,
                comments=max(sent - 1, 0) * ctx.rng.randint(1, 4), first_submitted_on=first,
                approved_on=first + datetime.timedelta(days=ctx.rng.randint(3, 40))
                if state == "approved" else None))
    bulk(ctx, Report, reports, history=False)
    ctx.keys["reports"] = len(reports)
def networks(ctx):
    """Thematic networks of partners (`scale.networks`), each with 4-12 members (the
    initiator convening), its status and facilitation histories, a third handed over by
    the home organisation to a member, and two meetings with who came."""
    from hamwe.networks.models import (
        Facilitation,
        Meeting,
        Membership,
        Network,
        StatusChange,
    )
    from hamwe.partners.models import ThematicArea

    rng, scale = ctx.rng, ctx.scale
    if not scale.networks or not ctx.organisations:
        return
    themes = list(ThematicArea.objects.values_list("pk", flat=True))
    made, members_of = [], []
    for n in range(scale.networks):
        members = rng.sample(ctx.organisations, min(len(ctx.organisations),
                                                    rng.randint(*scale.members_per_network)))
        initiator = ctx.home.pk if rng.random() < 0.6 else members[0]
        set_up = ctx.today - datetime.timedelta(days=rng.randint(200, 2_000))
        made.append(Network(name=f"Bench network {n:04d}", theme_id=rng.choice(themes),
                            visibility="public" if rng.random() < 0.8 else "members",
                            initiated_by_id=initiator, facilitator_id=initiator,
                            set_up_on=set_up, status="active"))
        members_of.append([initiator, *[m for m in members if m != initiator]])
    bulk(ctx, Network, made)
    memberships, statuses, facilitations, meetings = [], [], [], []
    for network, members in zip(made, members_of, strict=True):
        memberships += [Membership(network=network, organisation_id=pk, joined_on=network.set_up_on,
                                   role="convenor" if i == 0 else "member")
                        for i, pk in enumerate(members)]
        statuses += [StatusChange(network=network, status="forming", since=network.set_up_on),
                     StatusChange(network=network, status="active",
                                  since=network.set_up_on + datetime.timedelta(days=60))]
        facilitations.append(Facilitation(network=network, organisation_id=members[0],
                                          since=network.set_up_on))
        if members[0] == ctx.home.pk and len(members) > 1 and rng.random() < 0.5:
            to = members[1]
            facilitations.append(Facilitation(
                network=network, organisation_id=to, handed_over_by_id=ctx.home.pk,
                since=network.set_up_on + datetime.timedelta(days=150)))
            network.facilitator_id = to
        meetings += [Meeting(network=network, title=f"Meeting {k + 1}",
                             held_on=network.set_up_on + datetime.timedelta(days=30 + 90 * k))
                     for k in range(2)]
    Network.objects.bulk_update([n for n in made if n.facilitator_id != n.initiated_by_id],
                                ["facilitator"])
    bulk(ctx, Membership, memberships)
    bulk(ctx, StatusChange, statuses)
    bulk(ctx, Facilitation, facilitations)
    bulk(ctx, Meeting, meetings)
    by_network = {network.pk: members for network, members in zip(made, members_of,
                                                                 strict=True)}
    m2m(ctx, Meeting.attended_by, [
        (meeting.pk, pk) for meeting in meetings
        for pk in by_network[meeting.network_id][:rng.randint(2, 6)]])


# Words the knowledge items are written in: each language's own, accents and all.
_KNOWLEDGE_WORDS = {
    "fr": ("réseau épargne crédit groupe femmes jeunes colline commune école club paix "
           "santé nutrition échange visite formation animateur leçon pratique réussite "
           "coopérative moulin manioc marché remboursement règle trésorière registre "
           "dialogue couple violence prévention écoute radio élevage semences récolte "
           "plaidoyer autorités confiance apprentissage Bujumbura Gitega Ngozi Muyinga"),
    "en": ("network savings credit group women youth hill commune school club peace "
           "health nutrition exchange visit training facilitator lesson practice success "
           "cooperative mill cassava market repayment rule treasurer register dialogue "
           "couple violence prevention listening radio livestock seeds harvest advocacy "
           "authorities trust learning Bujumbura Gitega Ngozi Muyinga"),
    "sv": ("nätverk sparande kredit grupp kvinnor unga kulle kommun skola klubb fred "
           "hälsa näring utbyte besök utbildning handledare lärdom exempel framgång "
           "kooperativ kvarn kassava marknad återbetalning regel kassör register dialog "
           "par våld förebyggande lyssnande radio boskap utsäde skörd påverkan "
           "myndigheter förtroende lärande Bujumbura Gitega Ngozi Muyinga"),
}


@generator
def knowledge(ctx):
    """Knowledge items, ten per organisation (S 5,000, L 50,000) in French (half),
    English and Swedish: a fifth internal, half shared with all partners, a tenth with
    chosen partners, a fifth public; nine in ten published. Origins: a partner (70%),
    the home organisation (20%) or both. Then the search index, built as the services
    keep it."""
    from hamwe.knowledge import search
    from hamwe.knowledge.models import Item

    rng, n = ctx.rng, ctx.scale.organisations * 10
    words = {lang: text.split() for lang, text in _KNOWLEDGE_WORDS.items()}
    kinds = {"lesson": 40, "practice": 25, "story": 15, "toolkit": 5, "model": 5, "study": 10}
    sharing = {"internal": 20, "partners": 50, "chosen": 10, "public": 20}
    languages = {"fr": 50, "en": 35, "sv": 15}

    def sentence(lang, lo, hi):
        return " ".join(rng.choice(words[lang]) for _ in range(rng.randint(lo, hi)))

    items = []
    for _ in range(n):
        lang = weighted(rng, languages)
        published = rng.random() < 0.9
        items.append(Item(
            kind=weighted(rng, kinds), title=sentence(lang, 4, 9).capitalize()[:200],
            summary=sentence(lang, 15, 30), body=sentence(lang, 60, 160), language=lang,
            sharing=weighted(rng, sharing), documented_by_id=ctx.staff.pk,
            published_on=ctx.today - datetime.timedelta(days=rng.randint(0, 1500))
            if published else None))
    bulk(ctx, Item, items)
    origins, chosen = [], []
    for item in items:
        roll = rng.random()
        if roll < 0.7 or ctx.home is None:
            origins.append((item.pk, rng.choice(ctx.organisations)))
        else:
            origins.append((item.pk, ctx.home.pk))
            if roll > 0.9:
                origins.append((item.pk, rng.choice(ctx.organisations)))
        if item.sharing == "chosen":
            chosen += [(item.pk, o) for o in set(rng.sample(ctx.organisations, 3))]
    m2m(ctx, Item.origins, origins)
    m2m(ctx, Item.shared_with, chosen)
    ids = [item.pk for item in items]
    for start in range(0, len(ids), 5000):
        search.index(ids[start:start + 5000])
    ctx.keys["knowledge_items"] = ids


@generator
def diligence_and_funding(ctx):
    """Due diligence of every partner on the live policy's checklist (answered by ~70%,
    reviewed for most of those, evidenced by a document), a risk flag for ~5%, and funding
    for ~60%: 2-6 sources a year over three years."""
    from hamwe.partners.diligence.selectors import checklist
    from hamwe.partners.models import (
        DiligenceItem,
        DiligenceRequirement,
        Document,
        Funding,
        FundingCategory,
        RiskFlag,
    )

    rng = ctx.rng
    if not DiligenceRequirement.objects.exists():
        bulk(ctx, DiligenceRequirement, [
            DiligenceRequirement(text="Audited accounts of the last financial year",
                                 evidence="Audited accounts", position=1),
            DiligenceRequirement(text="A safeguarding policy adopted by the board",
                                 evidence="Safeguarding policy", position=2)])
    keys = checklist().keys()
    statuses = ["met", "met", "met", "partly", "not_met", "not_applicable"]
    items, documents, flags, funding = [], [], [], []
    for pk in ctx.organisations:
        if rng.random() < 0.7:
            documents.append(Document(
                organisation_id=pk, kind="audited_accounts",
                dated=ctx.today - datetime.timedelta(days=rng.randint(30, 300)),
                expires_on=ctx.today + datetime.timedelta(days=rng.randint(-20, 400)),
                file=f"documents/{pk}/bench.pdf"))
            for key in keys:
                own = key.startswith("own-")
                reviewed = rng.random() < 0.8
                items.append(DiligenceItem(
                    organisation_id=pk, expectation="" if own else key,
                    requirement_id=int(key[4:]) if own else None,
                    partner_status=rng.choice(statuses),
                    partner_answered_on=ctx.today - datetime.timedelta(days=rng.randint(10, 90)),
                    status=rng.choice(statuses) if reviewed else "",
                    reviewer=ctx.staff if reviewed else None,
                    reviewed_on=ctx.today - datetime.timedelta(days=rng.randint(0, 9))
                    if reviewed else None))
        if rng.random() < 0.05:
            flags.append(RiskFlag(organisation_id=pk, level=rng.choice(
                ["observation", "yellow", "escalated", "red"]), category="financial",
                description="Late financial report.", raised_on=ctx.today))
        if rng.random() < 0.6:
            for year in range(ctx.today.year - 3, ctx.today.year):
                for n in range(rng.randint(2, 6)):
                    funding.append(Funding(
                        organisation_id=pk, year=year, source_name=f"Source {n}",
                        category=rng.choice(FundingCategory.values),
                        amount=Decimal(rng.randint(1_000, 90_000)), currency="USD"))
    documents = bulk(ctx, Document, documents)
    items = bulk(ctx, DiligenceItem, items)
    by_organisation = {d.organisation_id: d.pk for d in documents}
    m2m(ctx, DiligenceItem.evidence, [(i.pk, by_organisation[i.organisation_id])
                                      for i in items if i.status == "met"])
    bulk(ctx, RiskFlag, flags)
    bulk(ctx, Funding, funding)


def capacity(ctx):
    """A facilitated baseline for every partner and a follow-up for half of them, on the
    live policy's capacity framework: agreed scores for every criterion and the domain
    results stored as completion stores them."""
    from hamwe.capacity.framework import live_framework
    from hamwe.capacity.models import Assessment, DomainResult, Score

    rng = ctx.rng
    policy, framework = live_framework()
    if policy is None or not ctx.organisations:
        return
    levels = [level for level, _ in framework.levels]
    assessments, marks = [], []
    for pk in ctx.organisations:
        start = rng.uniform(levels[0], levels[-1] - 1)
        rounds = [("baseline", 400, 0.0)]
        if rng.random() < 0.5:
            rounds.append(("follow-up", 30, rng.uniform(-0.3, 0.9)))
        for kind, days, growth in rounds:
            on = ctx.today - datetime.timedelta(days=days)
            assessments.append(Assessment(
                organisation_id=pk, kind=kind, mode="facilitated", status="completed",
                policy_id=policy.pk, policy_version=policy.version,
                framework_version=framework.version, assessed_on=on, completed_on=on,
                created_by=ctx.staff))
            marks.append(start + growth)
    assessments = bulk(ctx, Assessment, assessments)
    scores, results = [], []
    now = ctx.when(ctx.today)
    for assessment, mark in zip(assessments, marks, strict=True):
        means = []
        for position, domain in enumerate(framework.domains):
            given = [max(levels[0], min(levels[-1], round(rng.gauss(mark, 0.7))))
                     for _ in domain.criteria]
            for criterion, level in zip(domain.criteria, given, strict=True):
                scores.append(Score(assessment_id=assessment.pk, domain=domain.key,
                                    criterion=criterion.key, side="agreed", level=level,
                                    updated_at=now))
            means.append(sum(given) / len(given))
            results.append(DomainResult(assessment_id=assessment.pk, domain=domain.key,
                                        score=round(means[-1], 4), criteria=len(given),
                                        position=position))
        assessment.overall = round(sum(means) / len(means), 4)
    bulk(ctx, Score, scores)
    bulk(ctx, DomainResult, results, history=False)
    Assessment.objects.bulk_update(assessments, ["overall"], batch_size=2000)
