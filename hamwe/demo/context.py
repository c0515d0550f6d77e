"""What the demo's steps share: the day it is built, the live policy pack, the password,
and what each step made that later steps build on."""

import datetime
from dataclasses import dataclass, field

from hamwe.policy import selectors as policy_selectors

HOME = "home"  # how the tables name the home organisation


@dataclass
class Demo:
    today: datetime.date
    pack: object  # the live policy, as a hamwe.policy.format.Pack
    password: str
    admin: object = None  # the demo admin: who records what home staff would
    staff: object = None
    themes: dict = field(default_factory=dict)  # key in registry.yaml -> ThematicArea
    groups: dict = field(default_factory=dict)  # key -> ImpactGroup
    provinces: dict = field(default_factory=dict)  # ISO code -> Province
    organisations: dict = field(default_factory=dict)  # acronym (or HOME) -> Organisation
    partner_admins: dict = field(default_factory=dict)  # organisation pk -> partner admin
    partner_logins: list = field(default_factory=list)  # printed partner users
    respondents: list = field(default_factory=list)  # partner users who answer score cards
    logins: list = field(default_factory=list)  # (label, e-mail), printed at start
    users: list = field(default_factory=list)  # every login that shares the password
    notes: list = field(default_factory=list)  # lines printed after the logins
    documents: int = 0  # organisations' documents in the registry

    @classmethod
    def start(cls, *, today, password):
        policy = policy_selectors.live_policy()
        if policy is None:
            raise LookupError("No live policy: load one with `hamwe policy load`.")
        return cls(today=today, pack=policy_selectors.policy_pack(policy), password=password)

    @property
    def home(self):
        return self.organisations[HOME]
