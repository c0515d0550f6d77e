"""What is checked before an IATI file is made: errors stop it; warnings are shown and
the user may publish with them, which the publication records. The checks are local
(no remote validator whose rules could go stale) and the schema is checked last, on the
file itself."""

import dataclasses

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclasses.dataclass
class Check:
    level: str  # "error" or "warning"
    message: str
    about: str = ""  # the partnership's title, or "" for the file

    def as_dict(self):
        return dataclasses.asdict(self)


def organisation_checks(*, publisher, home):
    checks = []
    if publisher is None or not publisher.identifier:
        checks.append(Check("error", _("Give the home organisation's IATI identifier first.")))
    if home is None:
        checks.append(Check("error", _("The registry has no home organisation.")))
    elif not home.iati_type:
        checks.append(Check("warning", _("The home organisation has no IATI type: it is "
                                         "published as “Other” (90).")))
    return checks


def activity_checks(*, publisher, home, entries):
    checks = organisation_checks(publisher=publisher, home=home)
    if not entries:
        checks.append(Check("error", _("No partnership is chosen for publication.")))
    for entry in entries:
        partnership, title = entry.partnership, entry.partnership.title
        parties = list(partnership.parties.all())
        if not partnership.starts_on:
            checks.append(Check("warning", _("No start date: the date it was recorded is "
                                             "published as the planned start."), title))
        if not list(partnership.thematic_areas.all()):
            checks.append(Check("warning", _("No thematic area: the activity has no sector."),
                                title))
        if not any((p.iati_role or (1 if p.role == "funding" else 4)) == 4 for p in parties):
            checks.append(Check("warning", _("No implementing party."), title))
        hidden = sum(1 for p in parties if p.organisation.never_publish)
        if hidden:
            checks.append(Check("warning", ngettext(
                "%(n)s party is marked “never publish”: it appears only as “Partner not "
                "disclosed”, with its role and type.",
                "%(n)s parties are marked “never publish”: they appear only as “Partner not "
                "disclosed”, with their role and type.", hidden) % {"n": hidden}, title))
        if partnership.is_partnership is False:
            checks.append(Check("warning", _("The qualification check found this is not a "
                                             "partnership."), title))
        if entry.mou_agreed:
            signed = any(a.status == "signed" for a in partnership.agreements.all())
            if not signed:
                checks.append(Check("warning", _("The parties agreed to publish the MoU, but "
                                                 "no version is signed: it is not linked."),
                                    title))
            elif not publisher or not publisher.documents_url:
                checks.append(Check("warning", _("The MoU is not linked: give the address of "
                                                 "published documents."), title))
    return checks
