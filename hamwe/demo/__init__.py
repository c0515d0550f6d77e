"""The demo's sample data: the home organisation the live policy pack names, a partner
registry of every sector in Burundi, partnerships through the policy's cycle, score cards,
the strategy followed (with an annual report), and the logins to see them with.

Every partner organisation and person is invented (names mix Kirundi words with descriptive
nouns, as Burundian organisations' names often do); any likeness to a real one is chance.
Websites and e-mail addresses use the reserved `.example` domain. The home organisation is
the pack's own (`organisation.name`): CARE Burundi on `care-burundi`, KIC on `kic`.

The data are tables in `data/*.yaml`; one module per area builds its part through that
app's services, as staff and partners would, so the demo is valid by construction and its
audit trail is real. The areas run in the order of STEPS: an app that lands later adds its
module and one entry here. Each step gets a random generator of its own, seeded by its
name, so the demo is the same on every run (on the same day: dates are counted from today)
and a new step changes nothing in the others.

`load_demo()` is idempotent: records are found by name, title or e-mail and created only
when missing, so running `hamwe demo` again adds nothing. Only the shared password
changes: a new one is made and set on every run, so the one printed always works.
"""

import random
import secrets
import time

from django.db import transaction
from django.utils import timezone

from . import (
    accounts,
    capacity,
    diligence,
    documents,
    exchange,
    home,
    knowledge,
    networks,
    partnerships,
    people,
    registry,
    reporting,
    scorecards,
    strategy,
)
from .context import Demo

SEED = 2013

STEPS = [
    ("home users", accounts.home_users),
    ("registry", registry.build),
    ("partner users", accounts.partner_users),
    ("access changes", accounts.access_changes),
    ("documents", documents.build),
    ("due diligence", diligence.baseline),
    ("partnerships", partnerships.build),
    ("score cards", scorecards.build),
    ("reports", reporting.build),
    ("networks", networks.build),
    ("knowledge", knowledge.build),
    ("due diligence follow-up and funding", diligence.build),
    ("people", people.build),
    ("capacity", capacity.build),
    ("data in and out", exchange.build),
    ("strategy", strategy.build),
    ("home pages", home.build),
]


def load_demo() -> dict:
    """Build what is missing of the demo on the live policy; return the logins, their
    (new) password, the home organisation's name, notes for the banner and how long each
    step took."""
    demo = Demo.start(today=timezone.localdate(), password=secrets.token_urlsafe(9))
    seconds = {}
    with transaction.atomic():
        for name, step in STEPS:
            started = time.perf_counter()
            step(demo, random.Random(f"{SEED} {name}"))
            seconds[name] = time.perf_counter() - started
        accounts.share_password(demo)
    return {
        "users": demo.logins,
        "password": demo.password,
        "home": demo.home.name,
        "notes": demo.notes,
        "seconds": seconds,
    }


def other_home(pack):
    """The home organisation already in the database when it is not the one `pack`
    names (the database holds the demo of another pack), else None."""
    return registry.other_home(pack)
