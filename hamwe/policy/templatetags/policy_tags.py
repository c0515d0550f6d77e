from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hamwe.policy.localise import Untranslated, language_name, mark_html

register = template.Library()


@register.filter
def language_in_text(code):
    """A language's name as written within a sentence of the active language."""
    return language_name(code)


@register.filter
def plain(text):
    """A policy text without its markup, for places that take none (<title>)."""
    return str(text)


@register.filter(needs_autoescape=True)
def policy_lines(text, autoescape=True):
    """linebreaksbr that keeps the mark of an untranslated text."""
    from django.utils.html import conditional_escape

    escaped = conditional_escape(str(text)) if autoescape else str(text)
    html = mark_safe(escaped.replace("\n", "<br>"))
    if isinstance(text, Untranslated):
        return mark_html(html, text.language)
    return html


@register.simple_tag(takes_context=True)
def edit_part(context, section, key):
    """An edit link for one part of the policy, shown to those who may edit it."""
    if not context.get("may_edit"):
        return ""
    pk = context["part_ids"].get(f"{section}:{key}")
    if pk is None:
        return ""
    return format_html('<a class="edit-part" href="{}">{}</a>',
                       reverse("policy:edit", args=[pk]), _("Edit"))


@register.simple_tag
def provenance(source):
    if source == "hamwe-default":
        return format_html('<span class="tag default" title="{}">{}</span>',
                           _("Not in the source policy: a default Hamwe proposes."),
                           _("Hamwe default"))
    return ""


@register.simple_tag
def measure_status(name):
    """A measure's description, and whether Hamwe computes it yet."""
    from hamwe.policy.measures import CATALOGUE, implementation

    spec = CATALOGUE[name]
    if implementation(name) is not None:
        return format_html('<span title="{}">{}</span>', spec.description, name)
    return format_html(
        '<span title="{}">{}</span> <span class="tag">{}</span>', spec.description, name,
        _("computed once the %(module)s module is in place") % {"module": spec.module},
    )


@register.simple_tag
def fact_status(name):
    """A gate item's fact: ticked by the record, or by hand until its module is in place."""
    from hamwe.policy.facts import CATALOGUE, is_established_by_record

    spec = CATALOGUE.get(name)
    if spec is None:
        return ""
    if is_established_by_record(name):
        return format_html('<span class="tag" title="{}">{}</span>', spec.description,
                           _("ticked by the record"))
    return format_html(
        '<span class="tag" title="{}">{}</span>', spec.description,
        _("ticked by the record once the %(module)s module is in place") % {
            "module": spec.module},
    )
