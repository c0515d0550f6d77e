"""The isolation sweep's view of the partner registry: a sample for every route of this
app and of its API (each pointing at organisation A), and the state of the registry that
someone who may not must never change (see hamwe/tests/samples.py)."""

from hamwe.partners.forms import ContactForm, OrganisationForm
from hamwe.partners.models import Organisation
from hamwe.tests.samples import EDITS_A, HOME_EDITORS, api, current, form_data, page, read

# A payload never carries A's private markers: a page that shows the data it was sent
# back would otherwise look like a leak (and an outsider does not know them).
NOT_SECRET = {"notes": "Changed by the sweep", "registration_number": "REG-SWEEP"}


def _org(ctx):
    return {"pk": ctx.org_a.pk}


def _contact(ctx):
    return {"pk": ctx.org_a.pk, "contact_pk": ctx.contact_a.pk}


PAGE_SAMPLES = {
    "partners:list": read(),
    "partners:export": read(lambda ctx: {"fmt": "csv"}),
    "partners:export#xlsx": read(lambda ctx: {"fmt": "xlsx"}),
    "partners:detail": read(_org),
    "partners:create": page(
        post=lambda ctx: form_data(OrganisationForm(), name="Created by the sweep", sector="cso"),
        writers=HOME_EDITORS, guard="may_edit_registry"),
    "partners:edit": page(
        _org,
        post=lambda ctx: form_data(OrganisationForm(instance=current(ctx.org_a)), **NOT_SECRET),
        writers=EDITS_A, guard="may_edit_organisation"),
    "partners:contact_create": page(
        _org,
        post=lambda ctx: form_data(ContactForm(), name="Added by the sweep",
                                   email="added@sweep.example"),
        writers=EDITS_A, guard="may_edit_organisation"),
    "partners:contact_edit": page(
        _contact,
        post=lambda ctx: form_data(ContactForm(instance=current(ctx.contact_a)),
                                   name="Renamed by the sweep", email="renamed@sweep.example"),
        writers=EDITS_A, guard="may_edit_organisation"),
    "partners:contact_delete": page(
        _contact, post=lambda ctx: {}, writers=EDITS_A, guard="may_edit_organisation"),
}
API_SAMPLES = {  # /api/v1/: POST creates on a list, PUT and PATCH update, DELETE removes
    "v1:organisation-list": api(
        writes=("POST",),
        body=lambda ctx: {"name": "Created by the sweep", "sector": "cso", "country": "BI"},
        writers=HOME_EDITORS, guard="may_edit_registry"),
    "v1:organisation-detail": api(
        _org, writes=("PUT", "PATCH"),
        body=lambda ctx: {"name": "Renamed by the sweep", "sector": "cso", **NOT_SECRET,
                          "version": current(ctx.org_a).version},
        writers=EDITS_A, guard="may_edit_organisation"),
    "v1:contact-list": api(
        writes=("POST",),
        body=lambda ctx: {"organisation": ctx.org_a.pk, "name": "Added by the sweep",
                          "email": "added@sweep.example"},
        writers=EDITS_A, guard=("may_keep_some_contacts", "may_edit_organisation")),
    "v1:contact-detail": api(
        lambda ctx: {"pk": ctx.contact_a.pk}, writes=("PUT", "PATCH", "DELETE"),
        body=lambda ctx: {"organisation": ctx.org_a.pk, "name": "Renamed by the sweep",
                          "email": "renamed@sweep.example",
                          "version": current(ctx.contact_a).version},
        writers=EDITS_A, guard="may_edit_organisation"),
}

SAMPLES = {**PAGE_SAMPLES, **API_SAMPLES}


def registry_state(org):
    """A's record and contacts, and which organisations the registry holds."""
    org.refresh_from_db()
    return (
        (org.name, org.notes, org.registration_number, org.version),
        tuple(org.contacts.order_by("pk").values_list("pk", "name", "email", "version")),
        tuple(Organisation.objects.order_by("pk").values_list("pk", flat=True)),
    )
