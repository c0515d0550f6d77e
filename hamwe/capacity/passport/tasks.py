"""Background work of the passport, run by the task worker (`hamwe db_worker`)."""

from django.utils import translation
from django_tasks import task

from hamwe.core import prepared

from ..models import PassportDocument
from . import documents
from .selectors import passport


@task()
def render_passport(document_id, language):
    """Draw a partner's passport (a second or two) and keep it; older drawings of the
    same partner are dropped once the new one is there."""
    document = (PassportDocument.objects.select_related("organisation")
                .filter(pk=document_id).first())
    if document is None or document.ready:
        return
    prepared.start(document, total=1)
    try:
        with translation.override(language):  # the policy's words in that language too
            data = passport(document.organisation)
        content = documents.passport_pdf(data, language)
    except Exception as error:  # noqa: BLE001 (shown on the page; logged with its trace)
        prepared.fail(document, error)
        return
    prepared.finish(document, documents.filename(document.organisation), content)
    for old in PassportDocument.objects.filter(organisation=document.organisation).exclude(
            pk=document.pk):
        old.file.delete(save=False)
        old.delete()
