"""Object graphs of people's records, made through the services."""

import datetime

from hamwe.accounts.models import Role
from hamwe.accounts.tests.factories import UserFactory
from hamwe.people import services


def staff(name, role=Role.STAFF):
    slug = name.lower().replace(" ", ".")
    return UserFactory(email=f"{slug}@home.example", full_name=name, role=role)


def appointment(*, by, user=None, name="", manager=None, position="partnership-officer",
                starts_on=datetime.date(2024, 1, 1), ends_on=None):
    return services.appointment_create(by=by, position=position, user=user, name=name,
                                       manager=manager, starts_on=starts_on, ends_on=ends_on)


def rate_all(evaluation, score=3, comment=""):
    return [{"competency": key, "score": score, "comment": comment}
            for key in evaluation.competencies]
