"""The lists that exist on main, offered for export (core.exports). Each reads under the
user's access (the owning app's `visible_to`) a chunk at a time, and shows a "never
publish" organisation as "Partner not disclosed" (the registry leaves it out).

A later app offers its own lists the same way, from its own `exports.py` imported in its
AppConfig.ready() (see docs/decisions.md): this module only covers the apps that were
there before the registry."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.exports import column, export_list, in_chunks, undisclosed
from hamwe.partners import selectors as partner_selectors
from hamwe.partners.models import Organisation
from hamwe.partnerships.models import Agreement, Partnership, Review
from hamwe.scorecards.models import Round
from hamwe.scorecards.results.selectors import round_results

CHUNK = 2000


@export_list("partners", title=gettext_lazy("Partners"), may=access.has_role)
def partners(user):
    qs = Organisation.objects.visible_to(user).filter(never_publish=False).order_by("pk")
    header, _rows = partner_selectors.export_rows(user=user, qs=qs.none())

    def rows():
        last = 0
        while True:
            batch = list(qs.filter(pk__gt=last)[:500])
            if not batch:
                return
            last = batch[-1].pk
            yield from partner_selectors.export_rows(user=user, qs=Organisation.objects.filter(
                pk__in=[o.pk for o in batch]).order_by("pk"))[1]

    return header, rows()


def _parties(partnership_ids):
    """Each partnership's parties as text, one query for a chunk of partnerships."""
    from hamwe.partnerships.models import Party

    names = {}
    for pid, name, never, role in (Party.objects.filter(partnership_id__in=partnership_ids)
                                   .order_by("partnership_id", "pk")
                                   .values_list("partnership_id", "organisation__name",
                                                "organisation__never_publish", "role")):
        label = dict(Party.Role.choices).get(role, role)
        names.setdefault(pid, []).append(f"{undisclosed(name, never)} ({label})")
    return names


@export_list("partnerships", title=gettext_lazy("Partnerships"), may=access.has_role)
def partnerships(user):
    header = [column(Partnership, n) for n in ("title", "kind", "status", "stage", "phase",
                                               "starts_on", "ends_on", "programme")]
    header.append(_("Parties"))
    qs = Partnership.objects.visible_to(user)

    def rows():
        for batch in in_chunks(qs, CHUNK):
            parties = _parties([p.pk for p in batch])
            for p in batch:
                yield [p.title, p.kind, p.get_status_display(), p.stage, p.phase,
                       p.starts_on, p.ends_on, p.programme, "; ".join(parties.get(p.pk, []))]

    return header, rows()


@export_list("agreements", title=gettext_lazy("Agreements"), may=access.has_role)
def agreements(user):
    header = [column(Partnership, "title"), column(Agreement, "number"),
              column(Agreement, "language"), column(Agreement, "status"),
              column(Agreement, "states_all_principles"), _("Signatures")]
    qs = Agreement.objects.filter(
        partnership__in=Partnership.objects.visible_to(user)).select_related("partnership")

    def rows():
        from hamwe.partnerships.models import Signature

        for batch in in_chunks(qs, CHUNK):
            signed = {}
            for aid, name, never, on in (Signature.objects.filter(agreement__in=batch)
                                         .values_list("agreement_id", "party__organisation__name",
                                                      "party__organisation__never_publish",
                                                      "signed_on")):
                signed.setdefault(aid, []).append(f"{undisclosed(name, never)} {on}")
            for a in batch:
                yield [a.partnership.title, a.number, a.language, a.get_status_display(),
                       _("yes") if a.states_all_principles else _("no"),
                       "; ".join(signed.get(a.pk, []))]

    return header, rows()


@export_list("reviews", title=gettext_lazy("Partnership reviews"), may=access.has_role)
def reviews(user):
    header = [column(Partnership, "title"), column(Review, "held_on"),
              column(Review, "objectives_met"), column(Review, "recommendation"),
              column(Review, "revise_agreement"), column(Review, "objectives_notes")]
    qs = Review.objects.filter(
        partnership__in=Partnership.objects.visible_to(user)).select_related("partnership")

    def rows():
        for batch in in_chunks(qs, CHUNK):
            for r in batch:
                yield [r.partnership.title, r.held_on, r.get_objectives_met_display(),
                       r.get_recommendation_display(),
                       _("yes") if r.revise_agreement else _("no"), r.objectives_notes]

    return header, rows()


@export_list("scorecard_results", title=gettext_lazy("Score-card results"),
             may=access.may_run_scorecards)
def scorecard_results(user):
    """The published figures only, as the results page shows them: withheld below the
    round's minimum group size (never an answer, never a count below it)."""
    header = [_("Round"), _("Period"), _("Indicator"), _("Answers"), _("Median"),
              _("Lowest"), _("Highest"), _("Note")]
    rounds = Round.objects.visible_to(user).filter(status=Round.Status.CLOSED) \
        .order_by("closes_on", "pk")

    def rows():
        for round_ in rounds.iterator(chunk_size=100):
            for r in round_results(round_, with_previous=False, comments=False).indicators:
                if r.shown:
                    yield [round_.title, round_.period, r.indicator.text, r.n, r.median,
                           r.minimum, r.maximum, ""]
                else:
                    yield [round_.title, round_.period, r.indicator.text, "", "", "", "",
                           str(r.withheld_note)]

    return header, rows()
