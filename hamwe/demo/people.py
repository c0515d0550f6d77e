"""The demo's people (data/people.yaml): fictional staff in the key positions of the live
policy (one without an account, one who held a position before), a consultation of the
partners on the competencies with enough answers to pass the minimum group rule, and
evaluations in two fiscal years: last year's completed (self, manager, partners' feedback
from enough partners, a development plan partly done), this year's under way."""

import datetime

from hamwe.accounts.models import Role
from hamwe.people import services
from hamwe.people.models import Appointment, Consultation, Evaluation
from hamwe.people.policy import fiscal_calendar

from .accounts import _home_fields, _login
from .data import read


def build(demo, rng):
    table = read("people").get(demo.pack.pack)
    positions = {p.key for p in demo.pack.people.key_positions}
    if not table or not positions or Appointment.objects.exists():
        return
    users = {"staff": demo.staff or demo.admin, "admin": demo.admin}
    for row in table["staff"]:
        user = _login(demo, email=row["email"], full_name=row["name"],
                      fields=_home_fields(Role.STAFF))
        users[row["key"]] = user
    today = demo.today
    appointments = []
    for row in table["appointments"]:
        if row["position"] not in positions:
            continue
        holder = users.get(row["holder"])
        appointments.append(services.appointment_create(
            by=demo.admin, position=row["position"], user=holder,
            name="" if holder else row["holder"], manager=users[row["manager"]],
            starts_on=today.replace(year=today.year - row["since"], day=1)))
    for row in table.get("past", []):
        if row["position"] in positions:
            past = services.appointment_create(
                by=demo.admin, position=row["position"], name=row["holder"],
                starts_on=today.replace(year=today.year - 3 - row["years"], day=1))
            services.appointment_end(
                appointment=past, by=demo.admin, expected_version=past.version,
                ends_on=today.replace(year=today.year - 3, day=1) - datetime.timedelta(days=1))
    _consultation(demo, rng, table)
    _evaluations(demo, rng, table, appointments)
    demo.notes.append(
        f"People: {len(appointments)} staff in key positions; evaluations of the last two "
        "fiscal years (seen by the person, their manager and admins).")


def _consultation(demo, rng, table):
    """Every partner with a login is asked; enough answer anonymously to pass the
    minimum group rule (scores and comments), so their input is shown."""
    if Consultation.objects.exists():
        return
    partners = demo.respondents + demo.partner_logins
    organisations = {u.organisation_id: u.organisation for u in partners}
    consultation = services.consultation_create(
        by=demo.staff or demo.admin, title=table["consultation"],
        closes_on=demo.today + datetime.timedelta(days=21),
        organisations=list(organisations.values()))
    keys = [c.key for c in demo.pack.people.competencies]
    comments = table["comments"]
    # The printed partner admins answer under their name (their home page then has
    # nothing left to do here; their colleagues may still answer), the others anonymously.
    named = [u for u in demo.partner_admins.values() if u.is_active]
    anonymous = [u for u in demo.respondents if u.is_active]
    for i, user in enumerate(named + anonymous):
        inputs = [{"competency": key, "importance": rng.choice((3, 4, 4, 3, 2)),
                   "comment": comments[(i + n) % len(comments)] if n == i % len(keys) else ""}
                  for n, key in enumerate(keys)]
        services.consultation_answer(consultation=consultation, user=user, inputs=inputs,
                                     named=user in named)


def _evaluations(demo, rng, table, appointments):
    calendar = fiscal_calendar()
    this_year = calendar.year_of(demo.today)
    last = calendar.year(this_year - 1)
    feedback_from = [u for u in demo.respondents if u.is_active]
    for n, appointment in enumerate(a for a in appointments if a.user_id):
        manager = appointment.manager
        if Evaluation.objects.filter(appointment=appointment).exists():
            continue
        # Last year's, completed in its last month.
        done = services.evaluation_start(by=manager, appointment=appointment,
                                         year=this_year - 1)
        keys = done.competencies
        services.self_assess(evaluation=done, by=appointment.user, on=last.end - datetime.timedelta(
            days=40), ratings=[{"competency": k, "score": rng.choice((2, 3, 3, 4)),
                                "comment": table["self_comment"] if i == 0 else ""}
                               for i, k in enumerate(keys)])
        if n == 0:  # partners' feedback on the first person: enough to be shown
            services.feedback_invite(evaluation=done, by=manager, users=feedback_from[:6])
            for user in feedback_from[:6]:
                services.feedback_give(evaluation=done, user=user, score=rng.choice((3, 4)),
                                       comment=rng.choice(table["comments"]))
        low = n == len(appointments) - 2  # one person not yet positively evaluated
        services.manager_assess(
            evaluation=done, by=manager, on=last.end - datetime.timedelta(days=20),
            ratings=[{"competency": k, "score": 2 if low else rng.choice((3, 3, 4)),
                      "comment": table["manager_comment"] if i == 0 else ""}
                     for i, k in enumerate(keys)])
        for i, text in enumerate(table["actions"][: 2 + n % 2]):
            action = services.action_add(
                evaluation=done, by=manager, text=text, competency=keys[i % len(keys)],
                due_on=last.end + datetime.timedelta(days=90 * (i + 1)))
            if i == 0:
                services.action_done(action=action, by=appointment.user,
                                     expected_version=action.version,
                                     done_on=last.end + datetime.timedelta(days=60))
        # This year's, started; the first person has assessed themselves.
        current = services.evaluation_start(by=manager, appointment=appointment,
                                            year=this_year)
        if n == 0:
            services.self_assess(evaluation=current, by=appointment.user, ratings=[
                {"competency": k, "score": 3, "comment": ""} for k in keys])
