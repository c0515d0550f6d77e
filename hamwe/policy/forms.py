"""A form for any part of the policy, built from the part's typed model.

Plain text and lists of lines are edited as text; choices as a select; nested
structures (a stage's phases, a domain's criteria, a measure) as a small YAML block.
The key is never edited: other records refer to it.
"""

import datetime
import types
import typing

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ValidationError

from . import format as fmt

_LONG = {"text", "description", "definition", "provenance", "evidence", "vision", "remedy",
         "question", "source_document"}
# The longest text of one field of a part (the shipped packs' longest is 3,311 characters).
POLICY_TEXT = 20_000
# Settings keys edited on the settings form; lists are edited part by part instead.
SETTINGS_FIELDS = ("title", "source_document", "provenance", "definition", "organisation",
                   "fiscal_year", "scorecard")
_SETTINGS_LISTS = {"scorecard": "indicators"}


def _kind(annotation):
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kind(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(args[0]) if len(args) == 1 else "yaml"
    if origin is typing.Literal:
        return "choice"
    if origin is list:
        (item,) = typing.get_args(annotation)
        return "lines" if _kind(item) == "text" else "yaml"
    if annotation is str:
        return "text"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    if annotation is datetime.date:
        return "date"
    return "yaml"


def _field(name, info, kind):
    label = name.replace("_", " ").capitalize()
    required = info.is_required()
    if kind == "text":
        widget = forms.Textarea(attrs={"rows": 4}) if name in _LONG else None
        return forms.CharField(label=label, required=required, widget=widget, strip=True,
                               max_length=POLICY_TEXT)
    if kind == "lines":
        return forms.CharField(
            label=label, required=False, widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("One item per line."), max_length=POLICY_TEXT,
        )
    if kind == "choice":
        choices = [(c, c) for c in typing.get_args(info.annotation)]
        return forms.ChoiceField(label=label, choices=choices, required=required)
    if kind == "int":
        return forms.IntegerField(label=label, required=required)
    if kind == "float":
        return forms.FloatField(label=label, required=required)
    if kind == "date":
        return forms.DateField(label=label, required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": 8, "class": "yaml"}),
        help_text=_("Written in YAML, as in the pack file."), max_length=POLICY_TEXT,
    )


class PartForm(forms.Form):
    """Edits `data`, the JSON of one part, validated by `model`."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, model: type[BaseModel], data_in: dict, version: int,
                 only=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.model, self.data_in = model, data_in
        self.kinds = {}
        self.initial["version"] = version
        for name, info in model.model_fields.items():
            if name in ("key", "indicators") or (only and name not in only):
                continue
            kind = _kind(info.annotation)
            self.kinds[name] = kind
            self.fields[name] = _field(name, info, kind)
            self.initial[name] = self._to_form(data_in.get(name), kind, name)

    def _to_form(self, value, kind, name):
        if value is None:
            return ""
        if kind == "lines":
            return "\n".join(value)
        if kind == "yaml":
            if isinstance(value, dict) and name in _SETTINGS_LISTS:
                value = {k: v for k, v in value.items() if k != _SETTINGS_LISTS[name]}
            return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).strip()
        return value

    def clean(self):
        cleaned = super().clean()
        data = dict(self.data_in)
        for name, kind in self.kinds.items():
            if name not in cleaned:
                continue
            value = cleaned[name]
            if kind == "lines":
                value = [line.strip() for line in value.splitlines() if line.strip()]
            elif kind == "yaml":
                try:
                    value = yaml.safe_load(value) if value.strip() else None
                except yaml.YAMLError as error:
                    self.add_error(name, _("Not valid YAML: %(e)s") % {"e": error})
                    continue
                if name in _SETTINGS_LISTS and isinstance(value, dict):
                    key = _SETTINGS_LISTS[name]
                    value[key] = self.data_in[name][key]
            elif kind == "date" and value:
                value = value.isoformat()
            if value in ("", None) and not self.model.model_fields[name].is_required():
                data.pop(name, None)
                continue
            data[name] = value
        if self.model is fmt.Pack:
            return self._clean_settings(data)
        try:
            self.cleaned_part = self.model.model_validate(data).model_dump(mode="json")
        except ValidationError as error:
            self._errors_from(error)
        return cleaned

    def _clean_settings(self, data):
        # The settings hold the pack's skeleton: check the edited keys with their models.
        for name in self.kinds:
            info = fmt.Pack.model_fields[name]
            try:
                from pydantic import TypeAdapter

                data[name] = TypeAdapter(info.annotation).dump_python(
                    TypeAdapter(info.annotation).validate_python(data.get(name)), mode="json"
                )
            except ValidationError as error:
                self._errors_from(error, prefix=name)
        self.cleaned_part = data
        return data

    def _errors_from(self, error, prefix=None):
        for e in error.errors():
            loc = (prefix, *e["loc"]) if prefix else e["loc"]
            field = loc[0] if loc and loc[0] in self.fields else None
            where = fmt.format_path(loc[1:]) if field and len(loc) > 1 else ""
            message = e["msg"].removeprefix("Value error, ")
            if e["type"] == "extra_forbidden":
                message = _("unknown key")
            self.add_error(field, f"{where}: {message}" if where else message)
