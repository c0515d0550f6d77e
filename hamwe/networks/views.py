import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors, apply_edit
from hamwe.partners.models import Organisation, Sector, ThematicArea

from . import graph as graphs
from . import selectors, services
from .forms import (
    AccompanimentForm,
    ActivityForm,
    GraphFilterForm,
    HandOverForm,
    LinkForm,
    MaturityForm,
    MeetingForm,
    MemberForm,
    NetworkForm,
    RegisterForm,
    StatusForm,
    StructureForm,
)
from .models import CommunityStructure, Network
from .policy import maturity_label

LINKS_PER_PAGE = 100


@role_required
@require_GET
def network_list(request):
    networks = selectors.networks_for_user(user=request.user, params=request.GET)
    return render(request, "networks/network_list.html", {
        "networks": networks,
        "themes": ThematicArea.objects.filter(networks__isnull=False).distinct(),
        "statuses": Network.Status.choices,
        "chosen": request.GET,
        "may_run": access.may_run_networks(request.user),
    })


def _save(request, form, service, *, success, back, **kwargs):
    """Run `service` with the valid form's data; on success, a message and `back`."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = service(by=request.user, data=form.changes(), **kwargs)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return saved, redirect(back(saved) if callable(back) else back)
    return None, None


def _form_page(request, form, *, title, back, network=None, structure=None):
    return render(request, "networks/form.html", {
        "form": form, "title": title, "back": back, "network": network,
        "structure": structure})


@requires(access.may_run_networks)
@require_http_methods(["GET", "POST"])
def network_create(request):
    form = NetworkForm(request.POST or None)
    members = form.cleaned_data.get("members", ()) if form.is_bound and form.is_valid() else ()
    _saved, done = _save(request, form, services.network_create, members=members,
                         success=_("The network was set up."),
                         back=lambda network: network.get_absolute_url())
    return done or _form_page(request, form, title=_("Set up a network"),
                              back="networks:list")


@role_required
@require_GET
def network_detail(request, pk):
    network = selectors.network_for_user(user=request.user, pk=pk)
    return render(request, "networks/network_detail.html", {
        "network": network, **selectors.network_page(network),
        "may_run": access.may_run_networks(request.user),
        "may_keep": access.may_keep_network(request.user, network),
    })


def _members(network):
    return Organisation.objects.filter(network_memberships__network=network).order_by("name")


def _network_form(request, pk, *, form_class, service, title, success, keeper=False,
                  **extra):
    fetch = selectors.network_for_keeper if keeper else selectors.network_for_editor
    network = fetch(user=request.user, pk=pk)
    kwargs = {"members": _members(network)} if form_class.__dict__.get("member_fields") \
        or getattr(form_class, "member_fields", ()) else {}
    form = form_class(request.POST or None, **kwargs)
    m2m = {}
    if form.is_bound and form.is_valid():
        m2m = {name: list(form.cleaned_data[name]) for name in getattr(form, "m2m", ())}
    _saved, done = _save(request, form, service, network=network, success=success,
                         back=network.get_absolute_url(), **m2m, **extra)
    return done or _form_page(request, form, title=title, back=network.get_absolute_url(),
                              network=network)


@role_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    return _network_form(request, pk, form_class=MemberForm, service=services.member_add,
                         title=_("Add a member"), success=_("Member added."))


@role_required
@require_http_methods(["GET", "POST"])
def status_add(request, pk):
    return _network_form(request, pk, form_class=StatusForm, service=services.status_change,
                         title=_("Change the status"), success=_("Status recorded."))


@role_required
@require_http_methods(["GET", "POST"])
def hand_over(request, pk):
    return _network_form(request, pk, form_class=HandOverForm,
                         service=services.facilitation_hand_over,
                         title=_("Hand facilitation over"),
                         success=_("Facilitation handed over."))


@role_required
@require_http_methods(["GET", "POST"])
def meeting_add(request, pk):
    return _network_form(request, pk, form_class=MeetingForm, service=services.meeting_record,
                         title=_("Record a meeting"), success=_("Meeting recorded."),
                         keeper=True)


@role_required
@require_http_methods(["GET", "POST"])
def activity_add(request, pk):
    return _network_form(request, pk, form_class=ActivityForm,
                         service=services.activity_record,
                         title=_("Record a joint activity"),
                         success=_("Joint activity recorded."), keeper=True)


@role_required
@require_http_methods(["GET", "POST"])
def link_add(request, pk):
    return _network_form(request, pk, form_class=LinkForm, service=services.link_add,
                         title=_("Link to a regional or international network"),
                         success=_("Link recorded."), keeper=True)


# --- The graph --------------------------------------------------------------------------


def _graph_for(request):
    filters = graphs.Filters.from_params(request.GET)
    return filters, graphs.build(user=request.user, filters=filters)


@role_required
@require_GET
def graph_page(request):
    """The graph drawn (Cytoscape.js, this page only) beside the same facts as lists and
    tables, which phones, readers without JavaScript and screen readers get."""
    _filters, result = _graph_for(request)
    names = result.organisations
    sectors = dict(Sector.choices)
    found_bridges, found_isolated = graphs.analysed(result)
    bridges = [{"organisation": names[pk], "id": pk, "betweenness": score, "cut": cut}
               for pk, score, cut in found_bridges]
    isolated = [names[pk] for pk in found_isolated]
    links = [{"a": names[a], "b": names[b], "title": entry["title"], "id": entry["id"],
              "among": entry["without_home"]} for a, b, entry in result.partnerships]
    links.sort(key=lambda link: (not link["among"], link["title"], link["a"]["name"]))
    page = Paginator(links, LINKS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    members = {}
    for organisation_id, network_id, role in result.memberships:
        members.setdefault(network_id, []).append((names[organisation_id], role))
    return render(request, "networks/graph.html", {
        "form": GraphFilterForm(request.GET or None),
        "query": query.urlencode(),
        "bridges": bridges,
        "isolated": isolated,
        "links": page,
        "among": sum(1 for link in links if link["among"]),
        "with_home": sum(1 for link in links if not link["among"]),
        "networks": [{"network": row, "members": sorted(
            members.get(pk, []), key=lambda member: member[0]["acronym"] or member[0]["name"])}
                     for pk, row in sorted(result.networks.items(),
                                           key=lambda item: item[1]["name"])],
        "nodes": len(names),
        "sectors": [(key, sectors[key]) for key in sectors],
    })


@role_required
@require_GET
def graph_data(request):
    """The drawing's elements (JSON); `took_ms` is what building them cost the server."""
    started = time.perf_counter()
    _filters, result = _graph_for(request)
    data = graphs.as_data(result)
    data["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(data)


# --- Community structures ---------------------------------------------------------------


@role_required
@require_GET
def structure_list(request):
    structures = list(selectors.structures_for_user(user=request.user, params=request.GET))
    for structure in structures:
        steps = list(structure.steps.all())
        structure.first = steps[0] if steps else None
        structure.latest = steps[-1] if steps else None
        structure.latest_label = maturity_label(steps[-1].level) if steps else ""
    return render(request, "networks/structure_list.html", {
        "structures": structures, "kinds": CommunityStructure.Kind.choices,
        "chosen": request.GET, "may_run": access.may_run_networks(request.user)})


@requires(access.may_run_networks)
@require_http_methods(["GET", "POST"])
def structure_create(request):
    form = StructureForm(request.POST or None)
    _saved, done = _save(request, form, services.structure_create,
                         success=_("The community structure is now followed."),
                         back=lambda structure: structure.get_absolute_url())
    return done or _form_page(request, form, title=_("Follow a community structure"),
                              back="networks:structures")


@role_required
@require_GET
def structure_detail(request, pk):
    structure = selectors.structure_for_user(user=request.user, pk=pk)
    steps = [(step, maturity_label(step.level)) for step in structure.steps.all()]
    return render(request, "networks/structure_detail.html", {
        "structure": structure, "steps": steps,
        "accompaniments": structure.accompaniments.select_related("organisation"),
        "may_run": access.may_run_networks(request.user)})


def _structure_form(request, pk, *, form_class, service, title, success):
    structure = selectors.structure_for_editor(user=request.user, pk=pk)
    form = form_class(request.POST or None)
    _saved, done = _save(request, form, service, structure=structure, success=success,
                         back=structure.get_absolute_url())
    return done or _form_page(request, form, title=title, back=structure.get_absolute_url(),
                              structure=structure)


@role_required
@require_http_methods(["GET", "POST"])
def maturity_add(request, pk):
    return _structure_form(request, pk, form_class=MaturityForm,
                           service=services.maturity_record, title=_("Record its maturity"),
                           success=_("Maturity recorded."))


@role_required
@require_http_methods(["GET", "POST"])
def accompaniment_add(request, pk):
    return _structure_form(request, pk, form_class=AccompanimentForm,
                           service=services.accompaniment_add,
                           title=_("Add an accompanying organisation"),
                           success=_("Accompanying organisation added."))


@role_required
@require_http_methods(["GET", "POST"])
def structure_register(request, pk):
    structure = selectors.structure_for_editor(user=request.user, pk=pk)
    form = RegisterForm(request.POST or None, instance=structure)
    if request.method == "POST" and form.is_valid():
        def update(*, data, expected_version):
            return services.structure_register(structure=structure, by=request.user,
                                               data=data, expected_version=expected_version)

        saved, form = apply_edit(request, form, update,
                                 success_message=_("Registration recorded."),
                                 fresh_form=lambda current: RegisterForm(instance=current))
        if saved:
            return redirect(structure.get_absolute_url())
    return _form_page(request, form, title=_("Registered as an organisation of its own"),
                      back=structure.get_absolute_url(), structure=structure)
