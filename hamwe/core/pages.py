"""How a page applies an edit: the service decides, the form shows what went wrong.

Plain helpers shared by every app's views (not an app itself).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError

from .records import EditConflict


def add_service_errors(form, error, fields=None):
    """Show a service's ValidationError on the form: under the field it names (mapped
    through `fields` when the service's names differ from the form's), else at the top."""
    fields = fields or {}
    if hasattr(error, "error_dict"):
        for name, texts in error.message_dict.items():
            name = fields.get(name, name)
            shown = name in form.fields and not form.fields[name].widget.is_hidden
            form.add_error(name if shown else None, texts)
    else:
        form.add_error(None, error.messages)


def apply_edit(request, form, update, *, success_message, fresh_form):
    """Save a valid VersionedForm through `update(data=..., expected_version=...)`.

    Returns (saved, form). On an edit conflict nothing is saved and the form is replaced
    by `fresh_form(current)`, showing the record as the other editor left it; when the
    service refuses, its reasons go on the form.
    """
    try:
        update(data=form.changes(), expected_version=form.expected_version())
    except EditConflict as conflict:
        messages.error(request, conflict.message)
        return False, fresh_form(conflict.current)
    except ValidationError as error:
        add_service_errors(form, error)
        return False, form
    messages.success(request, success_message)
    return True, form


# --- Lists ---------------------------------------------------------------------------------

_MARK = 2_147_483_647  # an id no row has yet, standing for the row's own


def row_url(name):
    """`function(pk) -> the URL of route `name` for that pk`, reversed once: a list of 25
    rows then costs one `reverse()`, not 25."""
    from django.urls import reverse

    pattern = reverse(name, args=[_MARK])
    head, tail = pattern.split(str(_MARK), 1)
    return lambda pk: f"{head}{pk}{tail}"


def known_count(paginator, count):
    """Give `paginator` a count already known (counted with other figures in one query),
    so it does not run its own COUNT."""
    paginator.count = count
    return paginator
