"""The isolation sweep's view of the registry's documents and reference data: sample URL
arguments for their routes (all pointing at organisation A's records), the objects they
point at, and the state of A's documents that outsiders must never change.

A's document carries A's private markers (in its note and inside its file), so a page,
an API answer or a download that reached partner B would show up as a leak.
"""

from hamwe.conftest import SECRET_NOTE, SECRET_REGISTRATION
from hamwe.partners.models import Document, ImpactGroup, ThematicArea

DOCUMENT_SAMPLES = {
    "partners:document_add": lambda ctx: {"pk": ctx.org_a.pk},
    **{
        f"partners:{name}": lambda ctx: {"pk": ctx.org_a.pk, "document_pk": ctx.document_a.pk}
        for name in ("document_edit", "document_delete", "document_file")
    },
}
API_SAMPLES = {  # /api/v1/ endpoints of this app added with the documents
    "v1:document-list": lambda ctx: {},
    "v1:document-detail": lambda ctx: {"pk": ctx.document_a.pk},
    "v1:document-file": lambda ctx: {"pk": ctx.document_a.pk},
    "v1:thematic-area-list": lambda ctx: {},
    "v1:thematic-area-detail": lambda ctx: {"pk": ctx.thematic_area.pk},
    "v1:impact-group-list": lambda ctx: {},
    "v1:impact-group-detail": lambda ctx: {"pk": ctx.impact_group.pk},
}

SAMPLES = {**DOCUMENT_SAMPLES, **API_SAMPLES}

# A PDF whose content is one of A's secrets: only A's users and the home organisation may
# ever download it.
SECRET_PDF = b"%PDF-1.4\n% " + SECRET_REGISTRATION.encode() + b"\n%%EOF\n"


def context_of(org):
    """Objects the samples point at: a document of A (its statutes) and reference rows."""
    import datetime

    from django.core.files.base import ContentFile

    document = Document(
        organisation=org, kind=Document.Kind.STATUTES, dated=datetime.date(2024, 3, 1),
        note=f"Statutes as amended ({SECRET_NOTE})",
    )
    document.file.save("statutes.pdf", ContentFile(SECRET_PDF), save=False)
    document.save()
    return {
        "document_a": document,
        "thematic_area": ThematicArea.objects.get_or_create(
            name="Education", defaults={"name_fr": "Éducation", "name_sv": "Utbildning"})[0],
        "impact_group": ImpactGroup.objects.get_or_create(
            name="Youth", defaults={"name_fr": "Jeunes", "name_sv": "Unga"})[0],
    }


def document_state(org):
    """Everything about A's documents that a write could change."""
    return tuple(
        Document.objects.filter(organisation=org)
        .order_by("pk")
        .values_list("pk", "version", "kind", "dated", "expires_on", "note", "file")
    )
