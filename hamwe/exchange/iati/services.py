"""Writes of IATI publishing: the publisher's settings, the partnerships chosen, and the
files made (each recorded with who made it and the warnings they accepted)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from hamwe.core.records import save_as, update_versioned

from ..models import IatiActivity, IatiPublisher, Publication
from . import build, selectors


@transaction.atomic
def publisher_save(*, by, data, expected_version=None) -> IatiPublisher:
    current = IatiPublisher.objects.first()
    if current is None:
        return save_as(IatiPublisher(**data), by=by)
    return update_versioned(current, by=by, expected_version=expected_version or
                            current.version, changes=data)


@transaction.atomic
def activity_choose(*, partnership, by, mou_agreed=False) -> IatiActivity:
    entry = IatiActivity.objects.filter(partnership=partnership).first()
    if entry is None:
        return save_as(IatiActivity(partnership=partnership, mou_agreed=mou_agreed,
                                    chosen_by=by), by=by)
    return update_versioned(entry, by=by, expected_version=entry.version,
                            changes={"mou_agreed": mou_agreed})


@transaction.atomic
def activity_drop(*, entry, by) -> None:
    from hamwe.core.records import delete_as

    delete_as(entry, by=by)


def publish(*, kind, by, accept_warnings=False) -> Publication:
    """Make the file: refused while a check finds an error, or finds warnings the user
    did not accept; the schema is checked on the file before it is kept."""
    publisher, home = selectors.publisher(), selectors.home()
    if kind == Publication.Kind.ORGANISATION:
        checks, entries = selectors.organisation_checks(), []
    else:
        entries = selectors.entries()
        checks = selectors.activity_checks(entries=entries)
    errors = [c for c in checks if c.level == "error"]
    warnings = [c for c in checks if c.level == "warning"]
    if errors:
        raise ValidationError([c.message for c in errors])
    if warnings and not accept_warnings:
        raise ValidationError(_("The checks found warnings: publish with warnings, or "
                                "correct them first."))
    language = translation.get_language() or "en"
    if kind == Publication.Kind.ORGANISATION:
        content = build.organisation_file(publisher=publisher, home=home, language=language)
    else:
        content = build.activity_file(publisher=publisher, home=home, entries=entries,
                                      stages=selectors.stages(), language=language)
    problems = build.validate(content, kind)
    if problems:
        raise ValidationError([_("The file does not follow the IATI 2.03 schema: %(problem)s")
                               % {"problem": p} for p in problems[:5]])
    publication = Publication(kind=kind, made_by=by, activities=len(entries),
                              warnings=[c.as_dict() for c in warnings])
    publication.file.save(f"iati-{kind}.xml", ContentFile(content), save=False)
    publication.save()
    return publication
