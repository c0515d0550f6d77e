"""Form helpers shared by every app's pages."""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


class VersionedForm(forms.ModelForm):
    """Carries the version the editor started from, so a later save can spot a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def expected_version(self):
        return self.cleaned_data.get("version") or self.instance.version

    def changes(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


# --- Filter controls, rendered in Python --------------------------------------------------
# A list page's filters are a dozen selects with a few dozen options: Django renders each
# option through a widget template, which cost a list page more than its rows did.
# `quick_control` writes the same HTML directly, for the widgets filters use.


def _attrs(attrs):
    return "".join(f' {k}="{escape(v)}"' for k, v in attrs.items() if v not in (None, False))


def _selected(bound_field):
    value = bound_field.value()
    if value is None:
        value = []
    elif not isinstance(value, (list, tuple)):
        value = [value]
    return {str(v) for v in value}


def _choices(widget):
    for value, label in widget.choices:
        # As Django's widget templates do: a label that is HTML (a policy text marked as
        # not yet translated, "[EN]") keeps its markup; any other is escaped.
        yield ("" if value is None else str(value)), conditional_escape(label)


def quick_control(bound_field) -> SafeString:
    """The HTML of a filter's control: as Django's widget templates write it, for a
    select or a list of checkboxes; any other widget through Django itself."""
    widget = bound_field.field.widget
    name, id_, selected = bound_field.html_name, bound_field.auto_id, _selected(bound_field)
    if isinstance(widget, forms.CheckboxSelectMultiple):
        items = "".join(
            f'<li><label><input type="checkbox" name="{escape(name)}" value="{escape(value)}" '
            f'id="{escape(id_)}_{n}"{" checked" if value in selected else ""}> {label}'
            "</label></li>"
            for n, (value, label) in enumerate(_choices(widget)))
        return mark_safe(f'<ul{_attrs({"id": id_, **widget.attrs})}>{items}</ul>')
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        options = "".join(
            f'<option value="{escape(value)}"{" selected" if value in selected else ""}>'
            f"{label}</option>" for value, label in _choices(widget))
        return mark_safe(
            f'<select{_attrs({"name": name, "id": id_, **widget.attrs})}>{options}</select>')
    return bound_field.as_widget()


def filter_controls(form, *, skip=()) -> list[dict]:
    """A filter form's visible fields as the list pages lay them out: id, label, control,
    errors (hidden ones, e.g. the partnership list's party, the page prints itself)."""
    return [
        {"name": bound.name, "id": bound.id_for_label, "label": bound.label,
         "control": quick_control(bound), "errors": bound.errors}
        for bound in form.visible_fields() if bound.name not in skip
    ]
