"""The partnership record pages: the list, one partnership on one screen, and the forms
for the record, its parties, their contributions and comments.

Every read goes through `selectors` (which start from the access rule); every write
fetches what it changes through a selector's `*_for_editor` (404 or 403) or asks an
`access.may_*` predicate, then calls `services`.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.forms import filter_controls
from hamwe.core.pages import add_service_errors, apply_edit, known_count, row_url

from ..cycle.selectors import latest_check
from ..models import Partnership
from ..policy import current_policy
from . import selectors, services
from .forms import (
    CommentForm,
    ContributionForm,
    FirstPartyFormSet,
    NewPartyForm,
    PartnershipForm,
    PartyForm,
)

PAGE_SIZE = 25


class PolicyNames:
    """Names and texts of the live policy, looked up by the keys records keep. A key the
    policy no longer has (an older version's) is shown as the key itself."""

    def __init__(self):
        try:
            self.policy = current_policy()
        except ImproperlyConfigured:
            self.policy = None
        pack = self.policy.pack if self.policy else None
        self.kinds = {k.key: k for k in pack.partnership_kinds} if pack else {}
        self.stages = {s.key: s for s in pack.cycle.stages} if pack else {}
        self.patterns = {p.key: p for p in pack.non_partnerships} if pack else {}

    def kind(self, key):
        kind = self.kinds.get(key)
        return kind.name if kind else key

    def stage(self, key):
        stage = self.stages.get(key)
        return stage.name if stage else key

    def phase(self, stage_key, key):
        stage = self.stages.get(stage_key)
        phase = next((p for p in stage.phases if p.key == key), None) if stage else None
        return phase.name if phase else key

    def pattern(self, key):
        pattern = self.patterns.get(key)
        return (
            {"text": pattern.text, "label": pattern.label}
            if pattern
            else {"text": key, "label": key}
        )

    def name_rows(self, partnerships):
        for p in partnerships:
            p.kind_name = self.kind(p.kind)
            p.stage_name = self.stage(p.stage)
            p.phase_name = self.phase(p.stage, p.phase)


def _chips(query, name, counts, order, label):
    """Counts as links: each sets its filter (or, when already set, clears it)."""
    selected = query.get(name, "")
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    chips = []
    for key in keys:
        link = query.copy()
        if key == selected:
            link.pop(name, None)
        else:
            link[name] = key
        chips.append(
            {
                "label": label(key) or "—",
                "count": counts[key],
                "query": link.urlencode(),
                "selected": key == selected,
            }
        )
    return chips


def _party_tags(parties):
    return format_html_join("", '<span class="tag" title="{}">{}</span>',
                            ((name, acronym or name) for name, acronym in parties))


def _rows(rows, names):
    """The list's rows, as the template prints them (plain dicts: cheap to render)."""
    rows = list(rows)
    parties = selectors.parties_of(row["id"] for row in rows)
    url = row_url("partnerships:detail")
    statuses = dict(Partnership.Status.choices)
    see_the_check = _("see the check")
    return [
        {
            "url": url(p["id"]), "title": p["title"],
            "flag": _("not a partnership: %(label)s")
            % {"label": p["relationship_label"] or see_the_check}
            if p["is_partnership"] is False else "",
            "kind": names.kind(p["kind"]), "stage": names.stage(p["stage"]),
            "phase": names.phase(p["stage"], p["phase"]),
            "parties": _party_tags(parties.get(p["id"], [])),
            "status": p["status"], "status_label": statuses.get(p["status"], p["status"]),
        }
        for p in rows
    ]


@role_required
def partnership_list(request):
    names = PolicyNames()
    filterset, qs, counts = selectors.partnership_list(
        user=request.user, params=request.GET, policy=names.policy
    )
    paginator = known_count(Paginator(qs, PAGE_SIZE), counts["total"])
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": _rows(page.object_list, names),
        "query": query.urlencode(),
        "total": counts["total"],
        "kind_chips": _chips(query, "kind", counts["by_kind"], list(names.kinds), names.kind),
        "stage_chips": _chips(query, "stage", counts["by_stage"], list(names.stages), names.stage),
        "may_edit": access.may_edit_partnership(request.user),
    }
    if request.htmx:
        return render(request, "partnerships/_list_results.html", context)
    context.update({
        "search": request.GET.get("q", ""),
        "filter": filterset,  # its hidden party field, and the party's name
        "controls": filter_controls(filterset.form, skip=("q",)),
        "filters_open": any(request.GET.get(bound.name)
                            for bound in filterset.form.visible_fields() if bound.name != "q"),
    })
    return render(request, "partnerships/list.html", context)


def _detail_context(request, partnership, comment_form=None):
    user = request.user
    names = PolicyNames()
    names.name_rows([partnership])
    parties = list(partnership.parties.all())
    totals = {}
    for party in parties:
        party.may_contribute = access.may_act_for_party(user, party)
        for contribution in party.contributions.all():
            if contribution.estimated_value is not None:
                currency = contribution.currency or "—"
                totals[currency] = totals.get(currency, 0) + contribution.estimated_value
    check = latest_check(partnership)
    may_comment = access.may_comment(user)
    return {
        "partnership": partnership,
        # The cycle and agreement panels are the policy's: without one they stay out.
        "policy_loaded": names.policy is not None,
        "kind": names.kinds.get(partnership.kind),
        "parties": parties,
        "funding_totals": sorted(totals.items()),
        "check": check,
        "patterns_found": [names.pattern(key) for key in check.patterns_found] if check else [],
        "comments": selectors.comments_of(partnership),
        "may_comment": may_comment,
        "comment_form": comment_form or (CommentForm() if may_comment else None),
        "may_edit": access.may_edit_partnership(user, partnership),
        "may_see_audit": access.may_see_audit(user),
        "audit": selectors.audit_entries(user=user, partnership=partnership),
    }


@role_required
def partnership_detail(request, pk):
    partnership = selectors.partnership_for_user(user=request.user, pk=pk, whole=True)
    return render(request, "partnerships/detail.html", _detail_context(request, partnership))


def _detail_url(pk, anchor=""):
    url = reverse("partnerships:detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def _no_policy(request):
    return render(request, "policy/none.html", status=404)


@requires(access.may_edit_partnership)
@require_http_methods(["GET", "POST"])
def partnership_create(request):
    policy = PolicyNames().policy
    if policy is None:
        return _no_policy(request)
    data = request.POST or None
    form = PartnershipForm(data, user=request.user, policy=policy)
    parties = FirstPartyFormSet(data, prefix="parties", form_kwargs={"user": request.user})
    if request.method == "POST" and all([form.is_valid(), parties.is_valid()]):
        try:
            partnership = services.partnership_create(
                by=request.user, data=form.changes(), parties=parties.parties()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The partnership was recorded."))
            return redirect("partnerships:detail", pk=partnership.pk)
    return render(request, "partnerships/form.html", {"form": form, "parties": parties})


@role_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request, pk):
    partnership = selectors.partnership_for_editor(user=request.user, pk=pk, whole=True)
    policy = PolicyNames().policy
    if policy is None:
        return _no_policy(request)
    form = PartnershipForm(
        request.POST or None, instance=partnership, user=request.user, policy=policy
    )
    if request.method == "POST" and form.is_valid():
        saved, form = apply_edit(
            request,
            form,
            partial(services.partnership_update, partnership=partnership, by=request.user),
            success_message=_("Changes saved."),
            fresh_form=lambda current: PartnershipForm(
                instance=current, user=request.user, policy=policy
            ),
        )
        if saved:
            return redirect("partnerships:detail", pk=pk)
    return render(request, "partnerships/form.html", {"form": form, "partnership": partnership})


@role_required
@require_http_methods(["GET", "POST"])
def party_add(request, pk):
    partnership = selectors.partnership_for_editor(user=request.user, pk=pk, whole=True)
    form = NewPartyForm(request.POST or None, user=request.user, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_add(partnership=partnership, by=request.user, data=form.changes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Party added."))
            return redirect(_detail_url(pk, "parties"))
    return render(
        request, "partnerships/party_form.html", {"form": form, "partnership": partnership}
    )


@role_required
@require_http_methods(["GET", "POST"])
def party_edit(request, pk, party_pk):
    party = selectors.party_for_editor(user=request.user, partnership_pk=pk, pk=party_pk)
    form = PartyForm(request.POST or None, instance=party)
    if request.method == "POST" and form.is_valid():
        saved, form = apply_edit(
            request,
            form,
            partial(services.party_update, party=party, by=request.user),
            success_message=_("Party saved."),
            fresh_form=lambda current: PartyForm(instance=current),
        )
        if saved:
            return redirect(_detail_url(pk, "parties"))
    return render(
        request,
        "partnerships/party_form.html",
        {"form": form, "partnership": party.partnership, "party": party},
    )


@role_required
@require_POST
def party_remove(request, pk, party_pk):
    party = selectors.party_for_editor(user=request.user, partnership_pk=pk, pk=party_pk)
    try:
        services.party_remove(party=party, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(organisation)s is no longer a party.") % {"organisation": party.organisation.name},
        )
    return redirect(_detail_url(pk, "parties"))


@role_required
@require_http_methods(["GET", "POST"])
def contribution_add(request, pk, party_pk):
    party = selectors.party_for_contributor(user=request.user, partnership_pk=pk, pk=party_pk)
    form = ContributionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_add(party=party, by=request.user, data=form.changes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Contribution added."))
            return redirect(_detail_url(pk, f"party-{party.pk}"))
    return render(
        request,
        "partnerships/contribution_form.html",
        {"form": form, "partnership": party.partnership, "party": party},
    )


@role_required
@require_http_methods(["GET", "POST"])
def contribution_edit(request, pk, contribution_pk):
    contribution = selectors.contribution_for_editor(
        user=request.user, partnership_pk=pk, pk=contribution_pk
    )
    party = contribution.party
    form = ContributionForm(request.POST or None, instance=contribution)
    if request.method == "POST" and form.is_valid():
        saved, form = apply_edit(
            request,
            form,
            partial(services.contribution_update, contribution=contribution, by=request.user),
            success_message=_("Contribution saved."),
            fresh_form=lambda current: ContributionForm(instance=current),
        )
        if saved:
            return redirect(_detail_url(pk, f"party-{party.pk}"))
    return render(
        request,
        "partnerships/contribution_form.html",
        {
            "form": form,
            "partnership": party.partnership,
            "party": party,
            "contribution": contribution,
        },
    )


@role_required
@require_POST
def contribution_delete(request, pk, contribution_pk):
    contribution = selectors.contribution_for_editor(
        user=request.user, partnership_pk=pk, pk=contribution_pk
    )
    party_pk = contribution.party_id
    services.contribution_delete(contribution=contribution, by=request.user)
    messages.success(request, _("Contribution removed."))
    return redirect(_detail_url(pk, f"party-{party_pk}"))


@role_required
@require_POST
def comment_add(request, pk):
    partnership = selectors.partnership_for_user(user=request.user, pk=pk, whole=True)
    if not access.may_comment(request.user):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                partnership=partnership, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Comment added."))
            return redirect(_detail_url(pk, "comments"))
    return render(
        request,
        "partnerships/detail.html",
        _detail_context(request, partnership, comment_form=form),
    )
