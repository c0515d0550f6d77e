"""The demo's sample data: a fictional home NGO in Burundi, its partner registry and logins.

Every organisation and person here is invented (names mix Kirundi words with descriptive
nouns, as Burundian organisations' names often do); any likeness to a real one is chance.
Websites and e-mail addresses use the reserved `.example` domain.

The partnerships among them are taken through the live policy's partnership cycle by the
partnerships' services, as staff would (qualification check, phases, gate ticks with
evidence, agreements generated, sent and signed, reviews, a few revision loops), so their
audit trail and stage history are real. Kinds, stages, gates and patterns are read from
the policy, so the demo runs on any pack (`hamwe demo --pack kic`); a policy must be live.

`load_demo()` is idempotent: records are found by name, title or e-mail and created only
when missing, so running `hamwe demo` again adds nothing. Only the shared password
changes: a new one is made and set on every run, so the one printed always works.
"""

import datetime
import random
import re
import secrets
import unicodedata
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction

from hamwe.accounts.models import Role, User
from hamwe.partners.models import (
    SECTOR_IATI_TYPE,
    Contact,
    IatiOrganisationType,
    ImpactGroup,
    LegalStatus,
    Organisation,
    Province,
    Sector,
    ThematicArea,
)
from hamwe.partners.services import contact_create, organisation_create, organisation_update
from hamwe.partnerships.agreements.selectors import agreement_parties
from hamwe.partnerships.agreements.selectors import languages as agreement_languages
from hamwe.partnerships.agreements.services import (
    agreement_generate,
    agreement_send,
    signature_add,
)
from hamwe.partnerships.cycle.services import (
    REVIEW_INTERVAL_DAYS,
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

SEED = 2013

# From CARE Burundi's partnership strategy.
THEMATIC_AREAS = [
    "Economic empowerment of women",
    "Governance",
    "Sexual and reproductive health and rights",
    "Gender-based violence",
    "Education",
    "Climate change",
    "Food security and nutrition",
    "Peacebuilding",
]
ECON, GOV, SRHR, GBV, EDU, CLIMATE, FOOD, PEACE = THEMATIC_AREAS

IMPACT_GROUPS = [
    "Vulnerable women",
    "Orphans and vulnerable children",
    "Youth",
    "Smallholder farmers",
    "People living with disabilities",
]
WOMEN, OVC, YOUTH, FARMERS, PLWD = IMPACT_GROUPS

# The 18 provinces in use 2015-2025 (loaded by partners' migration 0002).
PROVINCE_CODES = [
    "BI-BB", "BI-BM", "BI-BL", "BI-BR", "BI-CA", "BI-CI", "BI-GI", "BI-KR", "BI-KY",
    "BI-KI", "BI-MA", "BI-MU", "BI-MY", "BI-MW", "BI-NG", "BI-RM", "BI-RT", "BI-RY",
]

P = Organisation.Presence
L = LegalStatus

HOME = {
    "name": "Umoja International Burundi Office",
    "acronym": "UIB",
    "sector": Sector.INTERNATIONAL_NGO,
    "province": "BI-BM",
    "commune": "Mukaza",
    "presence": P.NATIONAL,
    "legal_status": L.NGO,
    "themes": [ECON, GBV, SRHR, FOOD],
    "groups": [WOMEN, YOUTH],
    "description": (
        "A fictional international NGO that works in Burundi through local partners, "
        "so that women and girls, youth and smallholder farmers claim their rights and "
        "earn a living with dignity."
    ),
}

# name, acronym, sector, province, commune, presence, legal status, themes, groups,
# description, and optionally an IATI type other than the sector's usual one.
PARTNERS = [
    # Civil society organisations
    ("Collectif des femmes Twiyunge de Muyinga", "CFTM", Sector.CIVIL_SOCIETY, "BI-MY",
     "Muyinga", P.PROVINCIAL, L.ASSOCIATION, [ECON, GBV], [WOMEN],
     "Brings together women's associations of Muyinga to run savings groups and to speak "
     "up against violence in the home.", 24),
    ("Amizero Rural Savings Network", "ARSN", Sector.CIVIL_SOCIETY, "BI-NG", "Ngozi",
     P.PROVINCIAL, L.NGO, [ECON, FOOD], [WOMEN, FARMERS],
     "Trains and links village savings and loan associations in the northern provinces "
     "and helps them reach small loans for farming."),
    ("Association Umucyo pour la Santé des Jeunes", "AUSJ", Sector.CIVIL_SOCIETY, "BI-GI",
     "Gitega", P.PROVINCIAL, L.ASSOCIATION, [SRHR], [YOUTH],
     "Runs youth-friendly corners in health centres and peer educators in schools on "
     "sexual and reproductive health."),
    ("Ukuri Women's Rights Forum", "UWRF", Sector.CIVIL_SOCIETY, "BI-BM", "Mukaza",
     P.NATIONAL, L.NGO, [GBV, GOV], [WOMEN],
     "A national forum of women's rights organisations that documents gender-based "
     "violence and advocates for laws that protect survivors."),
    ("Observatoire Turashoboye de la Gouvernance Locale", "OTGL", Sector.CIVIL_SOCIETY,
     "BI-BM", "Ntahangwa", P.NATIONAL, L.ASSOCIATION, [GOV, PEACE], [YOUTH, WOMEN],
     "Follows communal budgets and development plans and trains citizens to take part "
     "in communal planning."),
    ("Ubuntu Children's Hope Initiative", "UCHI", Sector.CIVIL_SOCIETY, "BI-KI",
     "Kirundo", P.PROVINCIAL, L.ASSOCIATION, [EDU], [OVC],
     "Keeps orphans and vulnerable children in school with school kits, tutoring and "
     "support to foster families.", 24),
    ("Action Ineza pour l'Inclusion des Personnes Handicapées", "AIIPH",
     Sector.CIVIL_SOCIETY, "BI-GI", "Giheta", P.PROVINCIAL, L.ASSOCIATION, [EDU, GOV],
     [PLWD],
     "Works for inclusive schools and for people living with disabilities to be heard in "
     "communal decisions."),
    ("Réseau Mugisha des Paysans Agro-écologistes", "RMPA", Sector.CIVIL_SOCIETY,
     "BI-KY", "Kayanza", P.PROVINCIAL, L.ASSOCIATION, [FOOD, CLIMATE], [FARMERS],
     "A network of farmer field schools that spreads agro-ecological practices, seed "
     "banks and soil conservation on the hills of the north."),
    ("Tuzamurane Peace Network", "TPN", Sector.CIVIL_SOCIETY, "BI-CI", "Rugombo",
     P.PROVINCIAL, L.ASSOCIATION, [PEACE, GOV], [YOUTH],
     "Trains young mediators and runs dialogue spaces between returnees and residents "
     "along the north-western border.", 24),
    ("Association Ituze des Mères Éducatrices", "AIME", Sector.CIVIL_SOCIETY, "BI-RT",
     "Rutana", P.HEAD_OFFICE, L.ASSOCIATION, [EDU, GBV], [WOMEN, OVC],
     "Mothers' clubs that follow girls' school attendance and help pregnant girls return "
     "to school."),
    ("Green Umurima Climate Action", "GUCA", Sector.CIVIL_SOCIETY, "BI-MU", "Bukeye",
     P.HEAD_OFFICE, L.ASSOCIATION, [CLIMATE, FOOD], [FARMERS, YOUTH],
     "Young agronomists who plant trees with farmers, protect watersheds and teach "
     "climate-smart farming."),
    ("Centre Inyenyeri d'Écoute et d'Accompagnement", "CIEA", Sector.CIVIL_SOCIETY,
     "BI-MA", "Makamba", P.HEAD_OFFICE, L.ASSOCIATION, [GBV, SRHR], [WOMEN],
     "A listening centre that gives survivors of gender-based violence counselling, "
     "legal aid and referral to health services."),
    ("Initiative Terimbere pour l'Emploi des Jeunes", "ITEJ", Sector.CIVIL_SOCIETY,
     "BI-RM", "Rumonge", P.HEAD_OFFICE, L.ASSOCIATION, [ECON], [YOUTH],
     "Offers vocational training and start-up coaching to out-of-school young people of "
     "the lakeside communes."),
    ("Alliance Umutima pour la Nutrition Communautaire", "AUNC", Sector.CIVIL_SOCIETY,
     "BI-KR", "Buhiga", P.PROVINCIAL, L.ASSOCIATION, [FOOD], [OVC, WOMEN],
     "Runs cooking demonstrations, kitchen gardens and growth monitoring for children "
     "under five with community health workers."),
    # Community-based groups and social movements
    ("Groupement des femmes Akanyoni de Kiremba", "GFAK", Sector.COMMUNITY, "BI-NG",
     "Kiremba", P.HEAD_OFFICE, L.INFORMAL, [ECON], [WOMEN],
     "Thirty women who save together every week and run a small cassava-flour mill."),
    ("Coopérative Umuceri Mwiza des riziculteurs de Gihanga", "CUMG", Sector.COMMUNITY,
     "BI-BB", "Gihanga", P.HEAD_OFFICE, L.COOPERATIVE, [FOOD, ECON], [FARMERS],
     "A rice growers' cooperative that buys inputs together, stores the harvest and sells "
     "it when prices are better."),
    ("Club des jeunes Sangwe de Busoni", "CJSB", Sector.COMMUNITY, "BI-KI", "Busoni",
     P.HEAD_OFFICE, L.INFORMAL, [SRHR, PEACE], [YOUTH],
     "A youth club that uses theatre and football to talk about health, peace and "
     "living together."),
    ("Umugezi Village Savings Group", "UVSG", Sector.COMMUNITY, "BI-CA", "Cankuzo",
     P.HEAD_OFFICE, L.INFORMAL, [ECON], [WOMEN],
     "A village savings and loan group whose members started small businesses in "
     "tailoring, soap-making and petty trade."),
    ("Comité communautaire Imboneza de protection de l'enfant de Gisuru", "CCIPE",
     Sector.COMMUNITY, "BI-RY", "Gisuru", P.HEAD_OFFICE, L.INFORMAL, [EDU], [OVC],
     "Volunteers on the hills who spot children at risk, follow them up and refer them "
     "to the communal social services."),
    ("Association des potières Ikibindi de Mwaro", "APIM", Sector.COMMUNITY, "BI-MW",
     "Kayokwe", P.HEAD_OFFICE, L.ASSOCIATION, [ECON], [WOMEN],
     "Potters who revive traditional pottery and sell it together in Mwaro and "
     "Bujumbura markets."),
    ("Coopérative caféicole Umusozi Mwiza de Matongo", "COCUM", Sector.COMMUNITY, "BI-KY",
     "Matongo", P.HEAD_OFFICE, L.COOPERATIVE, [FOOD, CLIMATE], [FARMERS],
     "Coffee growers who run their own washing station and share the premium from "
     "better-quality coffee."),
    ("Groupe de dialogue communautaire Ikiyago de Kanyosha", "GDCI", Sector.COMMUNITY,
     "BI-BL", "Kanyosha", P.HEAD_OFFICE, L.INFORMAL, [PEACE, GBV], [YOUTH, WOMEN],
     "Neighbours who meet monthly to settle disputes peacefully and to speak about "
     "violence against women."),
    ("Mutuelle de solidarité Inka Yacu de Mutaho", "MSIY", Sector.COMMUNITY, "BI-GI",
     "Mutaho", P.HEAD_OFFICE, L.ASSOCIATION, [FOOD], [FARMERS, PLWD],
     "A livestock solidarity chain: each family that receives a cow passes on the first "
     "calf to a neighbour."),
    ("Groupe d'entraide Tubane Neza de Matana", "GETN", Sector.COMMUNITY, "BI-BR",
     "Matana", P.HEAD_OFFICE, L.INFORMAL, [ECON, GOV], [PLWD],
     "A self-help group of people living with disabilities who save together and claim "
     "access to public services."),
    # Private sector
    ("Umucyo Solar Solutions SARL", "USS", Sector.PRIVATE, "BI-BM", "Ntahangwa",
     P.NATIONAL, L.COMPANY, [CLIMATE], [FARMERS],
     "Sells and services solar lamps and irrigation pumps on credit through rural "
     "agents.", 72),
    ("Imvura Agro-Processing SARL", "IMAP", Sector.PRIVATE, "BI-GI", "Gitega",
     P.PROVINCIAL, L.COMPANY, [FOOD, ECON], [FARMERS],
     "Buys maize, beans and soya from farmer groups and makes fortified flour for the "
     "national market.", 72),
    ("Microfinance Umwizero SA", "MFU", Sector.PRIVATE, "BI-NG", "Ngozi", P.PROVINCIAL,
     L.COMPANY, [ECON], [WOMEN, FARMERS],
     "A microfinance institution with group loans for women and seasonal credit for "
     "farmers.", 72),
    ("Ikirenga Digital Services SPRL", "IDS", Sector.PRIVATE, "BI-BM", "Mukaza",
     P.HEAD_OFFICE, L.COMPANY, [EDU, ECON], [YOUTH],
     "A small software and training company that teaches young people digital skills."),
    # Public sector
    ("Programme communal Ubuntu d'appui aux ménages vulnérables de Kiremba", "PCUK",
     Sector.PUBLIC, "BI-NG", "Kiremba", P.HEAD_OFFICE, L.PUBLIC_BODY, [ECON, GOV],
     [WOMEN, OVC],
     "A programme of the communal administration that targets social support to the "
     "poorest households.", 11),
    ("Service communal Imbere Heza d'action sociale de Busoni", "SCIHB", Sector.PUBLIC,
     "BI-KI", "Busoni", P.HEAD_OFFICE, L.PUBLIC_BODY, [GBV, EDU], [OVC, PLWD],
     "The communal social service that follows up children and survivors referred by "
     "community committees.", 11),
    ("Office national Isoko des points d'eau ruraux", "ONIPER", Sector.PUBLIC, "BI-BM",
     "Mukaza", P.NATIONAL, L.PUBLIC_BODY, [CLIMATE, FOOD], [FARMERS],
     "A public office that builds and maintains rural springs and water points with "
     "communal water committees."),
    ("Centre provincial Amagara de santé reproductive de Gitega", "CPASR", Sector.PUBLIC,
     "BI-GI", "Gitega", P.HEAD_OFFICE, L.PUBLIC_BODY, [SRHR], [WOMEN, YOUTH],
     "The provincial referral centre for family planning and maternal health.", 15),
    ("Bureau Akazi Keza pour l'emploi des jeunes", "BAKEJ", Sector.PUBLIC, "BI-BM",
     "Muha", P.NATIONAL, L.PUBLIC_BODY, [ECON], [YOUTH],
     "A public employment bureau that places young graduates in internships and "
     "supports youth cooperatives."),
    # Research and academic institutions
    ("Institut Inkingi de Recherche Agronomique", "IIRA", Sector.RESEARCH, "BI-GI",
     "Gitega", P.PROVINCIAL, L.PUBLIC_BODY, [FOOD, CLIMATE], [FARMERS],
     "Breeds and tests drought-tolerant bean and cassava varieties with farmer groups."),
    ("Centre de recherche Ubwenge sur le genre et le développement", "CRUGD",
     Sector.RESEARCH, "BI-BM", "Mukaza", P.HEAD_OFFICE, L.ASSOCIATION, [GBV, ECON],
     [WOMEN],
     "Studies women's access to land and income and publishes policy briefs in French "
     "and Kirundi."),
    ("Ikirere Centre for Climate Research", "ICCR", Sector.RESEARCH, "BI-BR", "Bururi",
     P.HEAD_OFFICE, L.ASSOCIATION, [CLIMATE], [FARMERS],
     "Collects rainfall and soil data on the hills and turns it into seasonal advice for "
     "farmers."),
    ("Laboratoire Ubuzima d'études en santé publique", "LUESP", Sector.RESEARCH, "BI-NG",
     "Ngozi", P.HEAD_OFFICE, L.ASSOCIATION, [SRHR, FOOD], [WOMEN, YOUTH],
     "A university-linked team that runs household surveys on nutrition and maternal "
     "health."),
    # Media
    ("Radio communautaire Inzira FM", "RCIF", Sector.MEDIA, "BI-KI", "Kirundo",
     P.PROVINCIAL, L.ASSOCIATION, [GOV, PEACE], [YOUTH],
     "A community radio whose call-in programmes let listeners question their local "
     "leaders.", 24),
    ("Umurage Youth Media Collective", "UYMC", Sector.MEDIA, "BI-BM", "Ntahangwa",
     P.NATIONAL, L.ASSOCIATION, [PEACE, SRHR], [YOUTH],
     "Young journalists who produce podcasts and radio dramas on peace and health.", 22),
    ("Journal paysan Isuka", "JPI", Sector.MEDIA, "BI-GI", "Gitega", P.NATIONAL,
     L.COMPANY, [FOOD, CLIMATE], [FARMERS],
     "A monthly farmers' paper in Kirundi with market prices, weather and farming "
     "advice.", 70),
    ("Radio rurale Umwigisha FM", "RRUF", Sector.MEDIA, "BI-MA", "Nyanza-Lac",
     P.PROVINCIAL, L.ASSOCIATION, [EDU, GBV], [OVC, WOMEN],
     "A rural radio with school lessons on air and a weekly programme on violence "
     "against women.", 22),
    # Donors and foundations
    ("Fondation Inshuti pour l'Enfance", "FIE", Sector.DONOR, "BI-BM", "Mukaza",
     P.NATIONAL, L.FOUNDATION, [EDU], [OVC],
     "A Burundian foundation that funds small education projects of local "
     "associations."),
    ("Kvarnbacken Foundation for Rural Futures", "KFRF", Sector.DONOR, None, "",
     P.INTERNATIONAL, L.FOUNDATION, [FOOD, ECON], [FARMERS, WOMEN],
     "A Swedish family foundation that gives multi-year grants to farmer organisations "
     "in East Africa."),
    ("Fonds Imena pour les femmes entrepreneures", "FIFE", Sector.DONOR, "BI-BM",
     "Ntahangwa", P.NATIONAL, L.FOUNDATION, [ECON], [WOMEN],
     "A women's fund that gives small grants and mentoring to women-led enterprises."),
    ("Umusambi Climate Grants Trust", "UCGT", Sector.DONOR, "BI-BM", "Mukaza",
     P.NATIONAL, L.FOUNDATION, [CLIMATE], [FARMERS, YOUTH],
     "Pools money from several donors for community climate adaptation projects."),
    # International NGOs
    ("Harvest Circle International", "HCI", Sector.INTERNATIONAL_NGO, "BI-BM", "Mukaza",
     P.INTERNATIONAL, L.NGO, [FOOD], [FARMERS, OVC],
     "An international NGO working on food security and school feeding in the Great "
     "Lakes region."),
    ("Kindling Education Worldwide", "KEW", Sector.INTERNATIONAL_NGO, "BI-BM", "Mukaza",
     P.INTERNATIONAL, L.NGO, [EDU], [OVC, YOUTH],
     "Supports teacher training and reading clubs in primary schools."),
    ("Tisserands de Paix International", "TPI", Sector.INTERNATIONAL_NGO, "BI-BM",
     "Ntahangwa", P.INTERNATIONAL, L.NGO, [PEACE, GOV], [YOUTH],
     "A peacebuilding NGO that accompanies local dialogue and reconciliation "
     "initiatives."),
    ("Clearspring Health International", "CHI", Sector.INTERNATIONAL_NGO, "BI-BM",
     "Muha", P.INTERNATIONAL, L.NGO, [SRHR], [WOMEN, YOUTH],
     "Works with health districts on family planning and maternal and newborn health."),
]

# Community groups have no IATI code of their own: "Other".
IATI_TYPE = {**SECTOR_IATI_TYPE, Sector.COMMUNITY: IatiOrganisationType.OTHER}

# Where each sector registers (fictional numbers).
REGISTRATION = {
    L.ASSOCIATION: ("Ministère de l'Intérieur", "ASBL/530/{n:04d}/{year}"),
    L.NGO: ("Ministère de l'Intérieur", "ASBL/530/{n:04d}/{year}"),
    L.COOPERATIVE: ("Agence de promotion des coopératives", "COOP/{n:03d}/{year}"),
    L.COMPANY: ("Registre du commerce et des sociétés, Bujumbura", "RC/BJA/{n:05d}/{year}"),
    L.FOUNDATION: ("Ministère de l'Intérieur", "FOND/{n:03d}/{year}"),
}
INGO_REGISTRATION = ("Ministère des Affaires étrangères", "ONGE/{n:03d}/{year}")
FOREIGN_REGISTRATION = ("Länsstyrelsen (Sweden)", "802{n:03d}-{year}")

STAFF_SIZE = {
    Sector.CIVIL_SOCIETY: (6, 45),
    Sector.COMMUNITY: (0, 4),
    Sector.PRIVATE: (8, 120),
    Sector.PUBLIC: (5, 60),
    Sector.RESEARCH: (10, 80),
    Sector.MEDIA: (5, 30),
    Sector.DONOR: (3, 15),
    Sector.INTERNATIONAL_NGO: (25, 150),
}

GIVEN_NAMES = [
    "Jeanine", "Claudette", "Aline", "Pascal", "Emmanuel", "Désiré", "Béatrice", "Fabrice",
    "Godelieve", "Espérance", "Jean-Marie", "Francine", "Gérard", "Nadine", "Léonidas",
    "Chantal", "Diane", "Eric", "Spès", "Léocadie", "Dieudonné", "Annick", "Clarisse",
    "Egide", "Joselyne", "Révérien", "Consolate", "Innocent", "Odette", "Thierry",
]
SURNAMES = [
    "Niyonzima", "Hakizimana", "Irakoze", "Bizimana", "Ntakirutimana", "Niyonkuru",
    "Manirakiza", "Havyarimana", "Nduwimana", "Ndikumana", "Kwizera", "Iradukunda",
    "Uwimana", "Nimbona", "Habonimana", "Nizigiyimana", "Bigirimana", "Ciza", "Nahimana",
    "Sindayigaya", "Ntirampeba", "Mpawenimana", "Nibigira", "Barutwanayo",
]
WOMEN_NAMES = {
    "Jeanine", "Claudette", "Aline", "Béatrice", "Godelieve", "Espérance", "Francine",
    "Nadine", "Chantal", "Diane", "Spès", "Léocadie", "Annick", "Clarisse", "Joselyne",
    "Consolate", "Odette",
}
# French positions: (for a man, for a woman).
POSITIONS = {
    Sector.COMMUNITY: [("Président", "Présidente"), ("Trésorier", "Trésorière"),
                       ("Secrétaire", "Secrétaire")],
    Sector.PUBLIC: [("Chef de service", "Cheffe de service"),
                    ("Chargé de programme", "Chargée de programme"),
                    ("Comptable", "Comptable")],
}
DEFAULT_POSITIONS = [
    "Coordinator", "Programme manager", "Finance officer", "Accountant",
    "Monitoring and evaluation officer", "Communication officer",
]
HEAD_POSITIONS = {
    Sector.CIVIL_SOCIETY: "Coordinator",
    Sector.RESEARCH: "Director",
    Sector.MEDIA: "Station manager",
    Sector.PRIVATE: "Managing director",
    Sector.DONOR: "Programme director",
    Sector.INTERNATIONAL_NGO: "Country director",
}

# Edits made after creation, so the audit trail shows changes: acronym -> successive edits.
EDITS = {
    "AUSJ": [
        {"staff_size": 18},
        {"description": (
            "Runs youth-friendly corners in eleven health centres and peer educators in "
            "secondary schools on sexual and reproductive health and rights."
        )},
    ],
    "ARSN": [{"staff_size": 27}],
    "CFTM": [{
        "staff_size": 9,
        "description": (
            "Brings together 42 women's associations of Muyinga to run savings groups, "
            "to speak up against violence in the home and to stand in hill elections."
        ),
    }],
}

# Partner organisations that get portal users: acronym -> (admin's name, user's name).
PARTNER_USERS = {
    "ARSN": ("Claudette Irakoze", "Pascal Nimbona"),
    "RCIF": ("Désiré Habonimana", "Aline Ciza"),
}

HOME_USERS = [
    ("Admin", "admin@hamwe.example", "Demo admin", Role.ADMIN),
    ("Staff", "staff@hamwe.example", "Demo staff", Role.STAFF),
    ("Viewer", "viewer@hamwe.example", "Demo viewer", Role.VIEWER),
]


def _slug(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


def _phone(rng, prefix="22"):
    return f"+257 {prefix} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(3))


def _organisation_data(rng, spec, provinces, is_home=False):
    """All fields of one organisation, drawn the same way on every run."""
    acronym = spec["acronym"]
    sector = spec["sector"]
    slug = _slug(acronym)
    founded = rng.randint(1985, 2020)
    low, high = STAFF_SIZE[sector]
    data = {
        "name": spec["name"],
        "acronym": acronym,
        "sector": sector,
        "iati_type": spec.get("iati_type") or IATI_TYPE.get(sector),
        "description": spec["description"],
        "is_home": is_home,
        "legal_status": spec["legal_status"],
        "country": "BI" if spec["province"] else "SE",
        "province": provinces[spec["province"]] if spec["province"] else None,
        "commune": spec["commune"],
        "presence": spec["presence"],
        "founded_year": founded,
        "staff_size": rng.randint(low, high),
        "website": f"https://{slug}.example",
        "email": f"info@{slug}.example",
        "phone": _phone(rng) if spec["province"] else f"+46 8 {rng.randint(100, 999)} "
        f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
    }
    registration = None
    if not spec["province"]:
        registration = FOREIGN_REGISTRATION
    elif sector == Sector.INTERNATIONAL_NGO:
        registration = INGO_REGISTRATION
    elif spec["legal_status"] in REGISTRATION:
        registration = REGISTRATION[spec["legal_status"]]
    if registration:
        year = rng.randint(founded, min(founded + 3, 2021))
        authority, pattern = registration
        data["registration_authority"] = authority
        data["registration_number"] = pattern.format(n=rng.randint(1, 999), year=year)
        data["registered_on"] = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    if spec["province"] and sector != Sector.COMMUNITY:
        data["address"] = f"B.P. {rng.randint(100, 9999)} {spec['commune']}"

    present = []
    if spec["presence"] in (P.NATIONAL,):
        present = list(PROVINCE_CODES)
    elif spec["presence"] in (P.PROVINCIAL, P.INTERNATIONAL):
        others = [c for c in PROVINCE_CODES if c != spec["province"]]
        present = ([spec["province"]] if spec["province"] else []) + rng.sample(
            others, rng.randint(2, 5)
        )
    data["provinces"] = [provinces[c] for c in sorted(present)]
    return data


def _contacts_data(rng, spec, used_names):
    """One to three contact persons, the first of them the main contact."""
    slug = _slug(spec["acronym"])
    sector = spec["sector"]
    head = HEAD_POSITIONS.get(sector, "Coordinator")
    if not spec["province"]:
        head = "Programme officer for Burundi"
    positions = POSITIONS.get(sector) or [
        (p, p) for p in [head, *(p for p in DEFAULT_POSITIONS if p != head)]
    ]
    count = 1 if sector == Sector.COMMUNITY and rng.random() < 0.4 else rng.randint(1, 3)
    contacts = []
    for i in range(min(count, len(positions))):
        while True:
            given, surname = rng.choice(GIVEN_NAMES), rng.choice(SURNAMES)
            if (given, surname) not in used_names:
                used_names.add((given, surname))
                break
        local = f"{_slug(given)}.{_slug(surname)}"
        contacts.append(
            {
                "name": f"{given} {surname}",
                "position": positions[i][given in WOMEN_NAMES],
                "email": f"{local}@{slug}.example",
                "phone": _phone(rng, prefix=rng.choice(["79", "71", "68", "61", "69"])),
                "is_primary": i == 0,
            }
        )
    return contacts


def _specs():
    keys = ("name", "acronym", "sector", "province", "commune", "presence",
            "legal_status", "themes", "groups", "description", "iati_type")
    for row in PARTNERS:
        yield dict(zip(keys, row if len(row) == len(keys) else (*row, None), strict=True))


def _home_user(email, full_name, role):
    wanted = {"role": role, "organisation": None, "is_partner_admin": False,
              "is_active": True, "is_superuser": role == Role.ADMIN}
    return _login(email, full_name, wanted, by=None)


def _partner_user(email, full_name, organisation, *, is_admin, by):
    wanted = {"role": Role.PARTNER, "organisation": organisation,
              "is_partner_admin": is_admin, "is_active": True, "is_superuser": False}
    return _login(email, full_name, wanted, by=by)


def _login(email, full_name, wanted, *, by):
    """A demo login with the role it is shown with: created if missing, put right if changed."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=full_name)
    elif all(getattr(user, k) == v for k, v in wanted.items()):
        return user
    for name, value in wanted.items():
        setattr(user, name, value)
    user._history_user = by
    user.save()
    return user


# --- Partnerships -------------------------------------------------------------------------
#
# Each walks through the live policy's cycle by the services (so the audit trail, the stage
# history, the checks, the reviews and the agreements are real). Kinds, stages, phases, gate
# items, principles and non-partnership patterns are read from the policy, never named here:
# a partnership says only how far along the cycle it is (`level`, 0-3: the start of the
# cycle, running, being reviewed, sustaining its outcomes) and whether it carries out a
# funded project ("operational") or pursues a common agenda ("strategic").

HOME_ACRONYM = HOME["acronym"]
R = Party.Role

# The non-partnership a relationship shows: words to find it in the policy's patterns
# (by key or label, in English or Swedish), else the pattern at that position.
NOT_A_PARTNERSHIP = {
    "procurement": (("procur", "upphandl"), 1),
    "grant": (("grant", "donation", "bidrag"), 2),
    "fixed-contract": (("fixed", "leverans", "uppdrag"), 3),
}


def _pt(title, mode, level, parties, themes, groups, provinces, programme, vision,
        objectives, **extra):
    """One demo partnership. `parties`: (acronym, role), the lead first. `extra`:
    initiated_by (an acronym; else the home organisation if a party, else the first
    party), not_a (a NOT_A_PARTNERSHIP key), draft (an agreement drafted, first stage),
    loop (a review sent it back round the cycle), due (next review in this many days,
    negative when overdue), ended."""
    return {"title": title, "mode": mode, "level": level, "parties": parties,
            "themes": themes, "groups": groups, "provinces": provinces,
            "programme": programme, "vision": vision, "objectives": objectives, **extra}


OP, ST = "operational", "strategic"

PARTNERSHIPS = [
    _pt("Village savings and loans scale-up in Ngozi", OP, 3,
        [(HOME_ACRONYM, R.LEAD), ("ARSN", R.IMPLEMENTING), ("GFAK", R.IMPLEMENTING)],
        [ECON], [WOMEN], ["BI-NG"], "Women on the Move - Ngozi",
        "Women of Ngozi save, borrow and invest together, and run businesses that last.",
        ["Set up and train 400 village savings and loan associations",
         "Link mature groups to microfinance and to local markets",
         "Half of the members run an income-generating activity after two years"],
        loop=True),
    _pt("Joint research on women's land rights", ST, 2,
        [("CRUGD", R.KNOWLEDGE), (HOME_ACRONYM, R.TECHNICAL), ("UWRF", R.ADVOCACY)],
        [ECON, GBV], [WOMEN], ["BI-GI", "BI-NG", "BI-KI"], "Land rights evidence for advocacy",
        "Women inherit, own and use land on an equal footing with men.",
        ["Document how women gain and lose access to land in three provinces",
         "Publish a policy brief in French and Kirundi",
         "Bring the findings to the national debate on the succession law"],
        initiated_by="CRUGD", due=-9),
    _pt("Improved cookstoves for VSLA members", OP, 1,
        [(HOME_ACRONYM, R.LEAD), ("ARSN", R.IMPLEMENTING), ("USS", R.TECHNICAL)],
        [CLIMATE, ECON], [WOMEN], ["BI-NG", "BI-KY"], "Clean cooking for savings groups",
        "Savings group members cook with less wood and smoke, and earn from selling stoves.",
        ["Train 60 women as stove builders and sellers",
         "Sell 5,000 improved stoves on savings-group credit",
         "Measure the wood saved in 200 households"]),
    _pt("Peace clubs network in Makamba", ST, 2,
        [("RRUF", R.ADVOCACY), ("CIEA", R.IMPLEMENTING), (HOME_ACRONYM, R.TECHNICAL)],
        [PEACE, GBV], [YOUTH, WOMEN], ["BI-MA"], "Peace clubs of the south",
        "Young people of Makamba settle conflicts peacefully and speak out against violence.",
        ["Start 40 peace clubs in schools and on the hills",
         "Broadcast a monthly radio debate prepared by the clubs",
         "Refer survivors of violence the clubs meet to the listening centre"],
        loop=True),
    _pt("Drought-tolerant bean varieties with farmer field schools", OP, 3,
        [(HOME_ACRONYM, R.LEAD), ("IIRA", R.KNOWLEDGE), ("RMPA", R.IMPLEMENTING)],
        [FOOD, CLIMATE], [FARMERS], ["BI-KY", "BI-MU"], "Resilient harvests",
        "Farmers of the northern hills harvest enough beans in a dry season.",
        ["Test six drought-tolerant bean varieties in 30 farmer field schools",
         "Multiply the preferred seed through community seed banks",
         "Share the results with the national seed programme"]),
    _pt("Youth-friendly SRH corners in Gitega health centres", OP, 1,
        [(HOME_ACRONYM, R.LEAD), ("AUSJ", R.IMPLEMENTING), ("CPASR", R.TECHNICAL)],
        [SRHR], [YOUTH], ["BI-GI"], "Healthy youth, Gitega",
        "Young people of Gitega get the sexual and reproductive health services they need.",
        ["Open youth-friendly corners in eleven health centres",
         "Train 80 peer educators in secondary schools",
         "Double the number of young people using family planning services"],
        due=5),
    _pt("Radio call-in programme on gender-based violence in Kirundo", OP, 2,
        [(HOME_ACRONYM, R.FUNDING), ("RCIF", R.ADVOCACY), ("SCIHB", R.IMPLEMENTING)],
        [GBV], [WOMEN], ["BI-KI"], "Voices against violence",
        "Violence against women is talked about openly in Kirundo, and survivors get help.",
        ["Broadcast a weekly call-in programme with the communal social service",
         "Answer listeners' cases through the referral pathway",
         "Train the radio's journalists to report on violence safely"]),
    _pt("Citizen scorecards on communal budgets in Kirundo", ST, 1,
        [("OTGL", R.LEAD), ("RCIF", R.ADVOCACY)],
        [GOV], [YOUTH], ["BI-KI"], "Open communal budgets",
        "Citizens of Kirundo know and influence how their commune spends its budget.",
        ["Score the communal budget with citizens each year",
         "Air the results and the answers of the communal council"],
        initiated_by="OTGL"),
    _pt("Listeners' clubs for children's rights in Busoni", ST, 0,
        [("RCIF", R.ADVOCACY), ("UCHI", R.IMPLEMENTING), ("CJSB", R.IMPLEMENTING)],
        [EDU], [OVC, YOUTH], ["BI-KI"], "Children's voices on air",
        "Children of Busoni are heard on the radio and in the commune.",
        ["Start ten listeners' clubs run by young people",
         "Produce a monthly programme on children's rights"],
        initiated_by="RCIF", draft=True),
    _pt("Group loans for savings groups graduating to microfinance", OP, 2,
        [("ARSN", R.LEAD), ("MFU", R.TECHNICAL)],
        [ECON], [WOMEN, FARMERS], ["BI-NG", "BI-KY"], "From savings to credit",
        "Mature savings groups borrow at fair terms to grow their members' businesses.",
        ["Design a group loan for savings groups with three years of records",
         "Reach 150 groups with loans repaid on time"],
        initiated_by="ARSN"),
    _pt("Solar lamps for community health workers", OP, 0,
        [(HOME_ACRONYM, R.LEAD), ("USS", R.TECHNICAL)],
        [CLIMATE], [WOMEN], ["BI-NG", "BI-MY"], "Community health workers' kits",
        "Community health workers can see their patients at night.",
        ["Deliver 600 solar lamps with a one-year warranty"],
        not_a="procurement"),
    _pt("Fortified flour for school canteens", OP, 3,
        [(HOME_ACRONYM, R.LEAD), ("IMAP", R.TECHNICAL), ("AUNC", R.IMPLEMENTING)],
        [FOOD], [OVC], ["BI-KR", "BI-GI"], "School meals from local farms",
        "Children in Karuzi and Gitega eat a nutritious meal at school every day.",
        ["Buy maize and soya from farmer groups for fortified flour",
         "Supply 40 school canteens",
         "Train parents' committees to run the canteens"],
        ended=True),
    _pt("Rice storage and collective marketing in Gihanga", OP, 1,
        [(HOME_ACRONYM, R.LEAD), ("CUMG", R.IMPLEMENTING)],
        [FOOD, ECON], [FARMERS], ["BI-BB"], "Rice value chain, Imbo plain",
        "Rice growers of Gihanga sell when prices are fair, not when they must.",
        ["Build a warehouse for 300 tonnes managed by the cooperative",
         "Introduce a warehouse receipt system with a local bank"]),
    _pt("Climate-smart watershed restoration in Muramvya", OP, 2,
        [(HOME_ACRONYM, R.LEAD), ("GUCA", R.IMPLEMENTING), ("ICCR", R.KNOWLEDGE)],
        [CLIMATE], [FARMERS, YOUTH], ["BI-MU"], "Green hills",
        "The hills of Muramvya keep their soil and water, and their farmers their harvest.",
        ["Restore 500 hectares of degraded slopes with trees and terraces",
         "Monitor soil loss and rainfall on ten plots",
         "Employ 300 young people in restoration work"]),
    _pt("Seasonal rainfall advice for farmers by radio and paper", ST, 3,
        [("ICCR", R.KNOWLEDGE), ("JPI", R.ADVOCACY), ("RMPA", R.IMPLEMENTING)],
        [CLIMATE, FOOD], [FARMERS], ["BI-BR", "BI-KY"], "Weather for farmers",
        "Farmers plan their season with reliable advice on the rains.",
        ["Turn seasonal forecasts into advice in Kirundi before each season",
         "Publish it in the farmers' paper and through farmer field schools"],
        initiated_by="ICCR"),
    _pt("Household nutrition baseline in Ngozi and Kayanza", OP, 0,
        [(HOME_ACRONYM, R.LEAD), ("LUESP", R.KNOWLEDGE)],
        [FOOD, SRHR], [WOMEN], ["BI-NG", "BI-KY"], "Nutrition programme baseline",
        "Programmes on nutrition start from reliable data.",
        ["Deliver the baseline survey report of 1,200 households"],
        not_a="fixed-contract"),
    _pt("Small grant to the potters of Mwaro", OP, 0,
        [(HOME_ACRONYM, R.FUNDING), ("APIM", R.IMPLEMENTING)],
        [ECON], [WOMEN], ["BI-MW"], "Women's enterprise fund",
        "The potters of Mwaro sell more of their work.",
        ["Buy a kiln and take part in two trade fairs"],
        not_a="grant"),
    _pt("Girls back to school with mothers' clubs in Rutana", OP, 2,
        [(HOME_ACRONYM, R.LEAD), ("AIME", R.IMPLEMENTING), ("FIE", R.FUNDING)],
        [EDU, GBV], [OVC, WOMEN], ["BI-RT"], "Every girl in school",
        "Every girl of Rutana finishes primary school, including girls who became mothers.",
        ["Run 60 mothers' clubs that follow girls' attendance",
         "Help 300 girls who dropped out return to school"],
        due=11),
    _pt("Inclusive schools in Gitega", OP, 1,
        [("AIIPH", R.LEAD), ("KEW", R.FUNDING)],
        [EDU], [PLWD, OVC], ["BI-GI"], "Schools for all",
        "Children with disabilities learn in their local school with their neighbours.",
        ["Make 20 schools accessible", "Train 120 teachers in inclusive education"],
        initiated_by="KEW"),
    _pt("Youth employment and digital skills in Rumonge", OP, 0,
        [(HOME_ACRONYM, R.LEAD), ("ITEJ", R.IMPLEMENTING), ("IDS", R.TECHNICAL)],
        [ECON, EDU], [YOUTH], ["BI-RM"], "Digital jobs for lakeside youth",
        "Out-of-school young people of Rumonge earn a living from digital skills.",
        ["Train 400 young people in digital skills",
         "Place half of them in internships or jobs"],
        draft=True),
    _pt("Social protection targeting with Kiremba commune", OP, 3,
        [(HOME_ACRONYM, R.LEAD), ("PCUK", R.IMPLEMENTING), ("GFAK", R.IMPLEMENTING)],
        [ECON, GOV], [WOMEN, OVC], ["BI-NG"], "Social safety nets, Ngozi",
        "The poorest households of Kiremba get the support meant for them.",
        ["Identify the poorest households with the community",
         "Link them to savings groups and communal support"],
        due=-4),
    _pt("Rural water points with communal committees", OP, 1,
        [("ONIPER", R.LEAD), (HOME_ACRONYM, R.FUNDING), ("UCGT", R.FUNDING)],
        [CLIMATE, FOOD], [FARMERS], ["BI-RY", "BI-CA"], "Water close to home",
        "Families of Ruyigi and Cankuzo fetch clean water less than 500 metres from home.",
        ["Build or repair 80 springs", "Train a water committee for each spring"],
        initiated_by="ONIPER"),
    _pt("Coffee quality and women's share of the premium in Matongo", OP, 2,
        [("COCUM", R.LEAD), (HOME_ACRONYM, R.TECHNICAL), ("KFRF", R.FUNDING)],
        [FOOD, ECON], [FARMERS, WOMEN], ["BI-KY"], "Fair coffee",
        "Women coffee growers of Matongo earn their share of better coffee.",
        ["Raise the share of fully washed coffee to 80%",
         "Pay the quality premium to women growers' own accounts"],
        initiated_by="COCUM"),
    _pt("Livestock solidarity chain in Mutaho", OP, 3,
        [(HOME_ACRONYM, R.LEAD), ("MSIY", R.IMPLEMENTING)],
        [FOOD], [FARMERS, PLWD], ["BI-GI"], "Cows for manure and milk",
        "Every family of the chain has manure for its fields and milk for its children.",
        ["Pass on 300 calves through the solidarity chain",
         "Train community animal health workers"]),
    _pt("Youth media for peace ahead of communal elections", ST, 2,
        [("UYMC", R.LEAD), ("TPI", R.TECHNICAL), ("GDCI", R.IMPLEMENTING)],
        [PEACE, GOV], [YOUTH], ["BI-BM", "BI-BL"], "Peaceful elections",
        "Young people shape a peaceful election campaign instead of being used in it.",
        ["Produce 24 podcasts and radio dramas on peaceful elections",
         "Hold dialogues between young party members in Kanyosha"],
        initiated_by="UYMC"),
    _pt("Family planning outreach in Gitega and Karuzi", OP, 1,
        [("CHI", R.LEAD), (HOME_ACRONYM, R.TECHNICAL), ("CPASR", R.IMPLEMENTING)],
        [SRHR], [WOMEN, YOUTH], ["BI-GI", "BI-KR"], "Family planning for all",
        "Women and couples choose if and when to have children.",
        ["Run mobile family planning clinics on market days",
         "Train community health workers to counsel couples"],
        initiated_by="CHI"),
    _pt("Dialogue spaces for returnees in Cibitoke", ST, 0,
        [("TPN", R.LEAD), (HOME_ACRONYM, R.TECHNICAL)],
        [PEACE], [YOUTH], ["BI-CI"], "Living together",
        "Returnees and residents of Cibitoke live together in peace.",
        ["Set up dialogue spaces on land disputes in five communes"],
        initiated_by="TPN"),
    _pt("Savings groups in Cankuzo and Ruyigi", OP, 1,
        [(HOME_ACRONYM, R.LEAD), ("UVSG", R.IMPLEMENTING), ("ARSN", R.TECHNICAL)],
        [ECON], [WOMEN], ["BI-CA", "BI-RY"], "Women on the Move - East",
        "Women of the east save and invest together as their neighbours in the north do.",
        ["Train 200 new savings groups with experienced members as coaches",
         "Set up a network of groups in each commune"]),
    _pt("Joint advocacy for the law on gender-based violence", ST, 3,
        [("UWRF", R.LEAD), (HOME_ACRONYM, R.ADVOCACY), ("CIEA", R.IMPLEMENTING)],
        [GBV, GOV], [WOMEN], ["BI-BM", "BI-MA"], "Protect survivors",
        "The law on gender-based violence is applied and protects survivors.",
        ["Monitor how courts apply the law",
         "Propose amendments with survivors' organisations"],
        initiated_by="UWRF"),
    _pt("School feeding with local produce in Kirundo", OP, 0,
        [("HCI", R.LEAD), (HOME_ACRONYM, R.TECHNICAL), ("UCHI", R.IMPLEMENTING)],
        [FOOD, EDU], [OVC], ["BI-KI"], "Home-grown school meals",
        "Children of Kirundo eat a daily school meal grown by their parents.",
        ["Supply 25 schools with meals from local farmer groups"],
        initiated_by="HCI", draft=True),
]

IATI_ROLES = {R.LEAD: Party.IatiRole.ACCOUNTABLE, R.FUNDING: Party.IatiRole.FUNDING,
              R.IMPLEMENTING: Party.IatiRole.IMPLEMENTING}

RESPONSIBILITIES = {
    R.LEAD: ["Holds the contract and coordinates the joint work plan",
             "Consolidates the narrative and financial reports for all parties"],
    R.IMPLEMENTING: ["Runs the activities in the field, with the communities",
                     "Collects monitoring data and reports every quarter"],
    R.TECHNICAL: ["Trains and coaches the field teams",
                  "Quality-assures the tools and methods"],
    R.FUNDING: ["Provides the agreed funds on the agreed schedule",
                "Takes part in the yearly review"],
    R.KNOWLEDGE: ["Designs the studies and analyses the data",
                  "Shares findings with every party before publishing them"],
    R.ADVOCACY: ["Carries the joint messages to decision makers and the public",
                 "Mobilises members, listeners and allies"],
}

OWN_OBJECTIVES = {
    Sector.INTERNATIONAL_NGO: "Learn what makes the approach work at scale, for its "
    "country strategy",
    Sector.CIVIL_SOCIETY: "Strengthen its own capacity and its standing with local "
    "authorities",
    Sector.COMMUNITY: "Grow its members' incomes and their voice on the hill",
    Sector.PRIVATE: "Reach new rural customers with a business that pays for itself",
    Sector.PUBLIC: "Deliver its public mandate with better targeting and follow-up",
    Sector.RESEARCH: "Publish evidence from the field and train young researchers",
    Sector.MEDIA: "Grow its audience with programmes listeners ask for",
    Sector.DONOR: "See its funds reach people directly and learn from the results",
}

RISKS = {
    Sector.INTERNATIONAL_NGO: "Reputation, if the results fall short of what was promised",
    Sector.CIVIL_SOCIETY: "Staff time taken from its other work; delays in transfers",
    Sector.COMMUNITY: "Members' savings and time, if the activity does not pay",
    Sector.PRIVATE: "Stock and credit given to customers who do not pay",
    Sector.PUBLIC: "Expectations raised in the commune beyond its budget",
    Sector.RESEARCH: "Findings that displease some of those studied",
    Sector.MEDIA: "Pressure on its journalists when programmes criticise leaders",
    Sector.DONOR: "Funds misused or results not reached",
}

# sector -> (kind, description, estimated value in millions of BIF or None)
CONTRIBUTIONS = {
    Sector.INTERNATIONAL_NGO: [
        ("money", "Project funds for activities and partner staff", (120, 600)),
        ("staff", "A programme officer, half of her time", (18, 40)),
        ("expertise", "Technical advice and training of trainers", (6, 20)),
    ],
    Sector.CIVIL_SOCIETY: [
        ("staff", "Field animators and a project coordinator", (15, 60)),
        ("in_kind", "Office space and motorbikes in the province", (3, 12)),
        ("expertise", "Knowledge of the communities and their languages", None),
    ],
    Sector.COMMUNITY: [
        ("in_kind", "Members' time for meetings and training", (1, 5)),
        ("money", "Members' savings put into the common fund", (1, 8)),
        ("in_kind", "A storage room and land for demonstrations", (1, 4)),
    ],
    Sector.PRIVATE: [
        ("in_kind", "Products at cost and after-sales service", (10, 60)),
        ("expertise", "Business and market know-how", (4, 15)),
        ("money", "Co-investment in rural sales agents", (20, 90)),
    ],
    Sector.PUBLIC: [
        ("staff", "Time of the service's social workers and officers", (5, 20)),
        ("in_kind", "Meeting rooms and registers of beneficiaries", (1, 5)),
    ],
    Sector.RESEARCH: [
        ("expertise", "Study design, data analysis and publication", (10, 45)),
        ("staff", "Two researchers and the field enumerators", (15, 50)),
    ],
    Sector.MEDIA: [
        ("in_kind", "Weekly airtime for the partnership's programmes", (4, 20)),
        ("staff", "Journalists and a producer", (6, 18)),
    ],
    Sector.DONOR: [
        ("money", "Grant funds put into the joint budget", (150, 800)),
        ("expertise", "Grant management and learning events", None),
    ],
}
MONEY = ("money", "Funds for the joint work plan", (50, 300))

EVIDENCE_DOCUMENTS = [
    "Minutes of the partners' meeting", "Joint work plan, signed by the parties",
    "Quarterly progress report", "Report of the joint field visit",
    "Steering committee minutes", "E-mail exchange filed on the partnership record",
    "Financial report with supporting documents", "Notes of the partners' workshop",
]


def _pattern(policy, not_a):
    """The policy's non-partnership pattern for one of NOT_A_PARTNERSHIP's relationships."""
    patterns = policy.non_partnerships
    if not patterns:
        return None
    words, position = NOT_A_PARTNERSHIP[not_a]
    for pattern in patterns:
        if any(word in f"{pattern.key} {pattern.label}".lower() for word in words):
            return pattern
    return patterns[position % len(patterns)]


def _stage_targets(plans, count):
    """Each partnership's stage index: its level (0-3) spread over the policy's stages,
    then one moved into any stage left empty, so every stage has partnerships."""
    targets = [0 if p["not_a"] else round(p["level"] * (count - 1) / 3) for p in plans]
    for stage in range(count):
        if stage in targets:
            continue
        movable = [i for i, t in enumerate(targets)
                   if not plans[i]["not_a"] and targets.count(t) > 1]
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
    turns = {}
    chosen = []
    for plan in plans:
        pool = tuple((funded if plan["mode"] == OP else other) or [k.key for k in kinds])
        n = turns.get(pool, 0)
        turns[pool] = n + 1
        chosen.append(pool[n % len(pool)])
    return chosen


def _plan_dates(prng, spec, today):
    """Start, end and the last review's date, older the further along the cycle."""
    level = spec["level"]
    first_year, last_year = [(2026, 2026), (2023, 2025), (2019, 2022), (2014, 2018)][level]
    year = prng.randint(first_year, last_year)
    starts = datetime.date(year, prng.randint(1, 12), 1)
    if level == 0:  # planned to start at the turn of the year, if known yet
        starts = None if prng.random() < 0.3 else datetime.date(2026, 12, prng.choice([1, 15]))
    if spec.get("ended"):
        ends = datetime.date(min(year + 6, today.year - 1), 6, 30)
    elif spec.get("not_a") and starts:
        ends = datetime.date(starts.year + 1, prng.randint(3, 9), 30)  # a short contract
    elif spec["mode"] == OP and starts:
        ends = datetime.date(starts.year + prng.randint(3, 5), starts.month, 1) \
            - datetime.timedelta(days=1)
        if ends < datetime.date(2027, 6, 30) and level > 0:  # extended, still running
            ends = datetime.date(2027 + prng.randint(0, 2), *prng.choice([(6, 30), (12, 31)]))
    else:
        ends = None  # strategic partnerships are open-ended
    if spec.get("due") is not None:
        last_review = today - datetime.timedelta(days=REVIEW_INTERVAL_DAYS - spec["due"])
    elif spec.get("ended"):
        last_review = ends - datetime.timedelta(days=90)
    else:
        last_review = today - datetime.timedelta(days=prng.randint(20, 150))
    return starts, ends, last_review


def _partnership_plans(rng, policy, organisations, today):
    """Everything about each demo partnership, drawn the same way on every run."""
    plans, loops = [], 0
    for spec in PARTNERSHIPS:
        # Each its own generator, so skipping one that exists changes nothing for the next.
        prng = random.Random(rng.getrandbits(32))
        starts, ends, last_review = _plan_dates(prng, spec, today)
        plans.append({**spec, "prng": prng, "not_a": spec.get("not_a"), "loop_turn": loops,
                      "starts": starts, "ends": ends, "last_review": last_review})
        loops += bool(spec.get("loop"))
    for plan, target, kind in zip(plans, _stage_targets(plans, len(policy.stages)),
                                  _kinds(policy, plans), strict=True):
        plan["stage"], plan["kind"] = target, kind
        phases = policy.stages[target].phases
        if plan["not_a"]:
            plan["phase"] = 0
        elif plan.get("ended"):
            plan["phase"] = len(phases) - 1
        elif plan.get("draft"):
            plan["phase"] = len(phases) - 1 - plan["prng"].randint(0, min(1, len(phases) - 1))
        else:
            plan["phase"] = plan["prng"].randrange(len(phases))
        initiator = plan.get("initiated_by") or (
            HOME_ACRONYM if any(a == HOME_ACRONYM for a, _r in plan["parties"])
            else plan["parties"][0][0]
        )
        plan["initiator"] = organisations[initiator]
    return plans


class _Walk:
    """Takes one partnership through the cycle by the services, as staff would."""

    def __init__(self, *, policy, plan, by, partner_admins, today):
        self.policy, self.plan, self.by, self.today = policy, plan, by, today
        self.partner_admins = partner_admins
        self.prng = plan["prng"]
        self.stages = policy.stages
        self.review_stage = min(
            (policy.stage_index(k) for k, to in policy.pack.cycle.loops.items()
             if to and policy.stage_index(k) >= 0),
            default=max(len(self.stages) - 2, 0),
        )
        self.revised_on = None

    def run(self, partnership, parties):
        plan, policy = self.plan, self.policy
        self.partnership, self.parties = partnership, parties
        pattern = _pattern(policy, plan["not_a"]) if plan["not_a"] else None
        self._check(found=pattern.key if pattern else None, occasion="record")
        loops = [policy.stage_index(k) for k in policy.loops_from(
            self.stages[self.review_stage].key)]
        loops = [i for i in loops if 0 <= i < self.review_stage]
        loop_to = loops[plan["loop_turn"] % len(loops)] if (
            plan.get("loop") and loops and plan["stage"] >= self.review_stage) else None
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
                    self._move(back.key, back.phases[-1].key, note=(
                        "The review asked to revise the agreement: back to "
                        f"{back.name} to agree the changes with every party."))
                    self._agreement(sign=True, revised=True)
                    here, loop_to = loop_to, None
                    continue
                self._review(Review.Recommendation.SUSTAIN)
            for item in stage.gate:
                gate_tick(partnership=self._fresh(), by=self.by, item=item.key,
                          evidence=self._evidence(item))
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
        keys = [p.key for p in stage.phases]
        for key in keys[keys.index(current.phase) + 1:index + 1]:
            self._move(stage.key, key)

    def _evidence(self, item):
        start = self.plan["starts"] or self.today
        low = min(start, self.today).toordinal()
        high = max(low, min(self.plan["last_review"], self.today).toordinal())
        when = datetime.date.fromordinal(self.prng.randint(low, high))
        evidence = f"{self.prng.choice(EVIDENCE_DOCUMENTS)}, {when:%B %Y}"
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
            signed_on = self.revised_on + datetime.timedelta(days=self.prng.randint(14, 45))
        else:
            signed_on = (self.plan["starts"] or self.today) - datetime.timedelta(
                days=self.prng.randint(7, 45))
        for party in agreement_parties(agreement):
            contact = party.organisation.contacts.filter(is_primary=True).first()
            # A partner with demo logins records its own signature.
            by = self.partner_admins.get(party.organisation_id, self.by)
            signature_add(agreement=agreement, party=party, by=by, data={
                "signatory": contact.name, "title": contact.position,
                "signed_on": min(signed_on + datetime.timedelta(
                    days=self.prng.randint(0, 6)), self.today),
            })
        return agreement

    def _review(self, recommendation):
        held = self.plan["last_review"]
        revise = recommendation == Review.Recommendation.REVISE
        if revise:  # the review before the last: it sent the partnership back
            held -= datetime.timedelta(days=self.prng.randint(150, 250))
            self.revised_on = held
        met = self.prng.choice([Review.Met.FULLY, Review.Met.PARTLY, Review.Met.PARTLY])
        review_record(
            partnership=self._fresh(), by=self.by,
            data={
                "held_on": held,
                "objectives_met": Review.Met.PARTLY if revise else met,
                "objectives_notes": (
                    "Most targets for the year were reached; the partners agreed on what "
                    "held the others back." if not revise else
                    "Activities are late in two communes; the budget lines no longer fit "
                    "the work plan."),
                "principle_ratings": {p.key: self.prng.randint(2 if revise else 3, 5)
                                      for p in self.policy.principles},
                "contributions_delivered": "Each party delivered what it promised, a few "
                "in-kind contributions late.",
                "governance_working": "The steering committee meets every quarter; "
                "decisions are shared in writing.",
                "membership_change": "No party joins or leaves.",
                "revise_agreement": revise,
                "recommendation": recommendation,
            },
            values=[
                {"party": party, "rating": self.prng.randint(3, 5),
                 "expected": OWN_OBJECTIVES[party.organisation.sector],
                 "received": "Mostly what it expected"}
                for party in self.parties
            ],
            answers={p.key: False for p in self.policy.non_partnerships},
        )


def _contributions(prng, sector, *, money):
    """Two or three contributions of a party's sector, with a money one if it funds."""
    template = CONTRIBUTIONS[sector]
    chosen = [template[0], *prng.sample(template[1:], prng.randint(1, len(template) - 1))]
    if money and not any(kind == "money" for kind, _d, _v in chosen):
        chosen.insert(0, MONEY)
    rows = []
    for kind, description, value in chosen:
        estimate = None
        if value:
            estimate = Decimal(prng.randint(*value)) * 1_000_000 + Decimal(
                prng.randint(0, 19) * 50_000)
        rows.append({"kind": kind, "description": description,
                     "estimated_value": estimate, "currency": "BIF"})
    return rows


def _load_partnerships(*, rng, organisations, themes, groups, provinces, by, partner_admins):
    """Create the demo partnerships that do not exist yet; return how many were made."""
    policy = current_policy()
    today = datetime.date.today()
    plans = _partnership_plans(rng, policy, organisations, today)
    existing = set(Partnership.objects.values_list("title", flat=True))
    created = 0
    for plan in plans:
        if plan["title"] in existing:
            continue
        prng = plan["prng"]
        kind = policy.kinds[plan["kind"]]
        funded = plan["mode"] == OP or kind.funding_expected == "yes"
        next_review = None
        if plan["stage"] > 0 or plan.get("draft"):
            next_review = today + datetime.timedelta(
                days=plan["due"] if plan.get("due") is not None else prng.randint(40, 170))
        data = {
            "title": plan["title"],
            "kind": plan["kind"],
            "shared_vision": plan["vision"],
            "joint_objectives": "\n".join(f"- {line}" for line in plan["objectives"]),
            "initiated_by": plan["initiator"],
            "programme": plan["programme"],
            "starts_on": plan["starts"],
            "ends_on": plan["ends"],
            "has_funding": funded,
            "next_review_on": next_review,
            "thematic_areas": [themes[t] for t in plan["themes"]],
            "impact_groups": [groups[g] for g in plan["groups"]],
            "provinces": [provinces[c] for c in plan["provinces"]],
        }
        parties = []
        for acronym, role in plan["parties"]:
            organisation = organisations[acronym]
            parties.append({
                "organisation": organisation,
                "role": role,
                "iati_role": IATI_ROLES.get(role),
                "own_objectives": OWN_OBJECTIVES[organisation.sector],
                "responsibilities": "\n".join(f"- {r}" for r in RESPONSIBILITIES[role]),
                "risks": RISKS[organisation.sector],
            })
        partnership = partnership_create(by=by, data=data, parties=parties)
        rows = list(partnership.parties.select_related("organisation"))
        payer = next((p for p in rows if p.role == R.FUNDING), None) or next(
            (p for p in rows if p.organisation.is_home), rows[0])
        for party in rows:
            # A partner with demo logins records its own contributions.
            recorder = partner_admins.get(party.organisation_id, by)
            for contribution in _contributions(
                prng, party.organisation.sector, money=funded and party == payer
            ):
                contribution_add(party=party, by=recorder, data=contribution)
        _Walk(policy=policy, plan=plan, by=by, partner_admins=partner_admins, today=today).run(
            partnership, rows)
        created += 1
    return created


def load_demo() -> dict:
    """Create the demo data where missing; return the logins and their (new) password."""
    rng = random.Random(SEED)
    password = secrets.token_urlsafe(9)
    with transaction.atomic():
        themes = {
            name: ThematicArea.objects.get_or_create(name=name)[0] for name in THEMATIC_AREAS
        }
        groups = {name: ImpactGroup.objects.get_or_create(name=name)[0] for name in IMPACT_GROUPS}
        provinces = {p.code: p for p in Province.objects.filter(code__in=PROVINCE_CODES)}

        home_users = [_home_user(email, name, role) for _label, email, name, role in HOME_USERS]
        admin = home_users[0]

        used_names = set()
        organisations = {}
        for spec, is_home in [(HOME, True), *((s, False) for s in _specs())]:
            data = _organisation_data(rng, spec, provinces, is_home=is_home)
            contacts = _contacts_data(rng, spec, used_names)
            data["thematic_areas"] = [themes[t] for t in spec["themes"]]
            data["impact_groups"] = [groups[g] for g in spec["groups"]]
            organisation, created = _get_or_create_organisation(data, by=admin)
            organisations[spec["acronym"]] = organisation
            if not created:
                continue
            for contact in contacts:
                if not Contact.objects.filter(
                    organisation=organisation, name=contact["name"]
                ).exists():
                    contact_create(organisation=organisation, by=admin, data=contact)
            for edit in EDITS.get(spec["acronym"], []):
                organisation = organisation_update(
                    organisation=organisation, by=admin, data=edit,
                    expected_version=organisation.version,
                )

        logins = [(label, user.email) for (label, *_rest), user in zip(
            HOME_USERS, home_users, strict=True
        )]
        users = list(home_users)
        partner_admins = {}
        for acronym, (admin_name, user_name) in PARTNER_USERS.items():
            organisation = organisations[acronym]
            slug = _slug(acronym)
            partner_admin = _partner_user(
                f"admin@{slug}.example", admin_name, organisation, is_admin=True, by=admin
            )
            partner = _partner_user(
                f"{_slug(user_name.split()[0])}@{slug}.example", user_name, organisation,
                is_admin=False, by=admin,
            )
            logins += [
                (f"Partner admin ({acronym})", partner_admin.email),
                (f"Partner ({acronym})", partner.email),
            ]
            users += [partner_admin, partner]
            partner_admins[organisation.pk] = partner_admin

        _load_partnerships(
            rng=rng, organisations=organisations, themes=themes, groups=groups,
            provinces=provinces, by=admin, partner_admins=partner_admins,
        )

        # A new password each run, set without a save so the audit trail stays quiet; hashed
        # once, as every demo login shares it (a slow hash per login adds seconds).
        User.objects.filter(pk__in=[user.pk for user in users]).update(
            password=make_password(password)
        )

    return {"users": logins, "password": password}


def _get_or_create_organisation(data, *, by):
    if data["is_home"]:
        existing = Organisation.objects.filter(is_home=True).first()
    else:
        existing = Organisation.objects.filter(name=data["name"]).first()
    if existing is not None:
        return existing, False
    return organisation_create(by=by, data=data), True
