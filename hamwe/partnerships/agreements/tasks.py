"""Background work of the agreements area, run by the task worker (`hamwe db_worker`)."""

from django_tasks import task

from hamwe.core import prepared

from ..models import AgreementDocument
from . import documents


@task()
def render_document(document_id):
    """Render a version's PDF or DOCX (seconds, for a PDF) and keep it; drafts' older
    renderings of the same version are dropped once the new one is there."""
    document = (AgreementDocument.objects.select_related("agreement__partnership")
                .filter(pk=document_id).first())
    if document is None or document.ready:
        return
    prepared.start(document, total=1)
    try:
        content = documents.render(document.agreement, document.format)
    except Exception as error:  # noqa: BLE001 (shown on the page; logged with its trace)
        prepared.fail(document, error)
        return
    name = documents.filename(document.agreement, document.format)
    prepared.finish(document, name, content)
    older = (AgreementDocument.objects.filter(agreement=document.agreement,
                                              format=document.format)
             .exclude(pk=document.pk))
    for old in older:
        old.file.delete(save=False)
        old.delete()
