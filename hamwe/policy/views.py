from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hamwe.accounts import access
from hamwe.accounts.decorators import role_required
from hamwe.core.fragments import fragment
from hamwe.core.records import EditConflict

from . import format as fmt
from . import localise, selectors, services
from . import parts as pack_parts
from .forms import SETTINGS_FIELDS, PartForm
from .models import PolicyPart
from .validation import PackInvalid


@role_required
def policy_overview(request):
    """The live policy, readable by every signed-in user: transparency is a principle."""
    policy = selectors.live_policy()
    if policy is None:
        return render(request, "policy/none.html", status=404)
    reader = localise.reading_language(translation.get_language())
    source = selectors.source_pack(policy)
    # ?text=source: the policy's own words, whatever the reader's language.
    show_source = request.GET.get("text") == "source" or reader == source.language
    pack = source if show_source else selectors.policy_pack(policy, reader)
    may_edit = access.may_edit_policy(request.user)

    def render_body():
        done, total = localise.coverage(source, reader)
        part_ids = {
            f"{section}:{key}": pk
            for section, key, pk in policy.parts.values_list("section", "key", "pk")
            if section != pack_parts.TRANSLATION
        }
        return render_to_string("policy/_overview_body.html", {
            "policy": policy, "pack": pack, "part_ids": part_ids,
            "reading": {
                "source": show_source, "source_language": source.language,
                "reader": reader, "translation": source.translations.get(reader),
                "missing": total - done,
            },
            "may_edit": may_edit,
            "versions": policy.versions.select_related("loaded_by")[:10],
        }, request=None)

    # The same for every reader of one language with the same rights: rendered once per
    # process while the policy's stamp is unchanged (every edit and load changes it).
    body = (fragment("policy-overview", (policy.pk, policy.stamp, reader, show_source,
                                         may_edit), render_body)
            if policy.stamp else render_body())
    return render(request, "policy/overview.html", {"pack": pack, "body": body})


@role_required
def policy_export(request):
    policy = selectors.live_policy()
    if policy is None:
        raise PermissionDenied
    text = selectors.pack_yaml(selectors.policy_for_export(policy))
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{policy.pack}.yaml"'
    return response


def _model_for(part):
    if part.section == "settings":
        return fmt.Pack
    return pack_parts.BY_NAME[part.section].model


@role_required
@require_http_methods(["GET", "POST"])
def policy_part_edit(request, pk):
    # Editing the policy is an admin's task; everyone reads it.
    if not access.may_edit_policy(request.user):
        raise PermissionDenied
    part = get_object_or_404(
        PolicyPart.objects.select_related("policy").exclude(section=pack_parts.TRANSLATION),
        pk=pk, policy__is_live=True,
    )
    only = SETTINGS_FIELDS if part.section == "settings" else None
    form = PartForm(request.POST or None, model=_model_for(part), data_in=part.data,
                    version=part.version, only=only)
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_part_update(part=part, by=request.user, data=form.cleaned_part,
                                        expected_version=form.cleaned_data["version"])
        except EditConflict as conflict:
            messages.error(request, conflict.message)
            return redirect("policy:edit", pk=part.pk)
        except PackInvalid as invalid:
            for problem in invalid.problems:
                form.add_error(None, f"{problem.path}: {problem.message}")
        else:
            messages.success(request, _("The policy was updated."))
            return redirect(f"{reverse('policy:overview')}#{part.section}-{part.key}")
    history = part.history.select_related("history_user")[:20]
    return render(request, "policy/part_form.html",
                  {"form": form, "part": part, "history": history})
