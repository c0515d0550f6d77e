"""The demo's sample data: a fictional home NGO in Burundi, its partner registry and logins.

Every organisation and person here is invented (names mix Kirundi words with descriptive
nouns, as Burundian organisations' names often do); any likeness to a real one is chance.
Websites and e-mail addresses use the reserved `.example` domain.

`load_demo()` is idempotent: records are found by name or e-mail and created only when
missing, so running `hamwe demo` again adds nothing. Only the shared password changes: a
new one is made and set on every run, so the one printed always works.
"""

import datetime
import random
import re
import secrets
import unicodedata

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

        for user in users:
            # A new password each run, set without a save so the audit trail stays quiet.
            user.set_password(password)
            User.objects.filter(pk=user.pk).update(password=user.password)

    return {"users": logins, "password": password}


def _get_or_create_organisation(data, *, by):
    if data["is_home"]:
        existing = Organisation.objects.filter(is_home=True).first()
    else:
        existing = Organisation.objects.filter(name=data["name"]).first()
    if existing is not None:
        return existing, False
    return organisation_create(by=by, data=data), True
