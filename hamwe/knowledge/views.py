"""Pages of the knowledge hub: search and list, an item with its attachments, adoptions
and uses, sharing a new item (a partner from a phone), publishing, learning events, and
the public page of success stories and toolkits.

Every read goes through `selectors` (which start from the access rule); who may write is
asked of `access` through the selectors' `*_for_editor` helpers or `@requires`. Every
form works without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors, apply_edit, known_count
from hamwe.core.uploads import file_response

from . import search, selectors, services
from .forms import (
    AdoptionForm,
    AttachmentForm,
    EventForm,
    ItemForm,
    NewItemForm,
    ParticipationForm,
    PublishForm,
    SearchForm,
    UseForm,
)


@role_required
@require_GET
def item_list(request):
    """Search and browse what the reader may read: ranked, the words found marked."""
    form = SearchForm(request.GET or None, user=request.user)
    query, filters = "", {}
    if form.is_valid():
        query, filters = form.cleaned_data["q"], form.filters()
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    results = search.search(request.user, query, filters=filters,
                            offset=(number - 1) * search.PAGE, limit=search.PAGE)
    paginator = known_count(Paginator(range(results.count), search.PAGE), results.count)
    page = paginator.get_page(number)
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "knowledge/item_list.html", {
        "form": form, "results": results, "page": page, "params": params.urlencode(),
        "may_share": access.may_share_knowledge(request.user),
        "may_publish": access.may_publish_knowledge(request.user),
    })


@requires(access.may_share_knowledge)
@require_http_methods(["GET", "POST"])
def item_new(request):
    form = NewItemForm(request.POST or None, user=request.user,
                       language=translation.get_language())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.item_create(
                by=request.user, kind=data["kind"], title=data["title"],
                summary=data["summary"], body=data["body"], language=data["language"],
                origins=data["origins"], sharing=data["sharing"],
                thematic_areas=data["thematic_areas"],
                programme_models=data["programme_models"], provinces=data["provinces"],
                name_origins=data["name_origins"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if access.may_publish_knowledge(request.user):
                messages.success(request, _("The item was recorded as a draft: publish it "
                                            "when it is ready."))
            else:
                messages.success(request, _("Thank you: your item was sent to the home "
                                            "organisation, which publishes it."))
            return redirect("knowledge:item_detail", pk=item.pk)
    return render(request, "knowledge/item_form.html", {
        "form": form, "item": None, "may_publish": access.may_publish_knowledge(request.user)})


@role_required
@require_GET
def item_detail(request, pk):
    item = selectors.item_for_user(user=request.user, pk=pk)
    return _detail(request, item)


def _detail(request, item, *, status=200, **forms):
    user = request.user
    origins = selectors.origin_ids(item)
    adoptions = list(selectors.adoptions_of(item=item, user=user))
    for adoption in adoptions:
        adoption.may_confirm = access.may_confirm_adoption(user, adoption, origins)
    may_publish = access.may_publish_knowledge(user)
    return render(request, "knowledge/item_detail.html", {
        "item": item,
        "adoptions": adoptions,
        "uses": list(selectors.uses_of(item=item, user=user)[:20]),
        "may_edit": access.may_edit_item(user, origins, draft=item.is_draft),
        "may_publish": may_publish,
        "may_adopt": not item.is_draft and access.may_share_knowledge(user),
        "may_record_use": access.may_record_use(user),
        "publish_form": forms.get("publish_form") or (PublishForm(initial={
            "sharing": item.sharing, "shared_with": list(item.shared_with.all())})
            if may_publish else None),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "use_form": forms.get("use_form") or UseForm(),
    }, status=status)


@role_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = selectors.item_for_editor(user=request.user, pk=pk)
    form = ItemForm(request.POST or None, instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved, form = apply_edit(
            request, form,
            lambda **kw: services.item_update(item=item, by=request.user, **kw),
            success_message=_("The item was saved."),
            fresh_form=lambda current: ItemForm(instance=current, user=request.user))
        if saved:
            return redirect("knowledge:item_detail", pk=item.pk)
    return render(request, "knowledge/item_form.html", {"form": form, "item": item})


@role_required
@require_POST
def item_publish(request, pk):
    item = selectors.item_for_publisher(user=request.user, pk=pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.item_publish(item=item, by=request.user, sharing=form.cleaned_data["sharing"],
                                  shared_with=form.cleaned_data["shared_with"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The item is published."))
            return redirect("knowledge:item_detail", pk=item.pk)
    return _detail(request, item, status=400, publish_form=form)


@role_required
@require_POST
def attachment_add(request, pk):
    item = selectors.item_for_editor(user=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(item=item, by=request.user, upload=form.cleaned_data["file"],
                                    name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The file was attached."))
            return redirect("knowledge:item_detail", pk=item.pk)
    return _detail(request, item, status=400, attachment_form=form)


@role_required
@require_GET
def attachment(request, pk, attachment_pk):
    found = selectors.attachment_for_user(user=request.user, item_pk=pk, pk=attachment_pk)
    return file_response(found.file)


@requires(access.may_share_knowledge)
@require_http_methods(["GET", "POST"])
def adoption_new(request, pk):
    item = selectors.item_for_user(user=request.user, pk=pk)
    origins = selectors.origin_ids(item)
    form = AdoptionForm(request.POST or None, user=request.user, item=item, origin_ids=origins)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.adoption_record(item=item, by=request.user,
                                     organisation=data["organisation"],
                                     taken_up_in=data["taken_up_in"],
                                     adopted_on=data["adopted_on"], effect=data["effect"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The adoption was recorded: the other side is asked "
                                        "to confirm it."))
            return redirect("knowledge:item_detail", pk=item.pk)
    return render(request, "knowledge/adoption_form.html", {"form": form, "item": item})


@role_required
@require_POST
def adoption_confirm(request, pk, adoption_pk):
    adoption = selectors.adoption_for_confirmer(user=request.user, item_pk=pk, pk=adoption_pk)
    services.adoption_confirm(adoption=adoption, by=request.user)
    messages.success(request, _("The adoption is confirmed."))
    return redirect("knowledge:item_detail", pk=pk)


@requires(access.may_record_use)
@require_POST
def use_record(request, pk):
    item = selectors.item_for_user(user=request.user, pk=pk)
    form = UseForm(request.POST)
    if not form.is_valid():
        return _detail(request, item, status=400, use_form=form)
    services.use_record(item=item, by=request.user, kind=form.cleaned_data["kind"],
                        purpose=form.cleaned_data["purpose"])
    messages.success(request, _("Thank you: your use of this item was noted."))
    return redirect("knowledge:item_detail", pk=item.pk)


# Learning events ------------------------------------------------------------------------


@role_required
@require_GET
def event_list(request):
    events = selectors.events_for_list(request.user).order_by("-held_on", "-pk")[:100]
    return render(request, "knowledge/event_list.html", {
        "events": events, "may_record": access.may_publish_knowledge(request.user)})


@requires(access.may_publish_knowledge)
@require_http_methods(["GET", "POST"])
def event_new(request):
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.event_record(
                by=request.user, title=data["title"], kind=data["kind"],
                held_on=data["held_on"], place=data["place"], shared=data["shared"],
                participants=[(o, 1) for o in data["participants"]],
                practices=data["practices"].splitlines(),
                challenges=data["challenges"].splitlines())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The learning event was recorded."))
            return redirect("knowledge:event_detail", pk=event.pk)
    return render(request, "knowledge/event_form.html", {"form": form})


@role_required
@require_GET
def event_detail(request, pk):
    event = selectors.event_for_user(user=request.user, pk=pk)
    return _event(request, event)


def _event(request, event, *, status=200, form=None):
    if form is None and access.may_publish_knowledge(request.user):
        form = ParticipationForm(user=request.user)
    participations = list(event.participations.all())
    return render(request, "knowledge/event_detail.html", {
        "event": event, "items": selectors.event_items(event=event, user=request.user),
        "participations": participations,
        "people": sum(p.people for p in participations), "participation_form": form,
    }, status=status)


@role_required
@require_POST
def event_participation(request, pk):
    """Who came from where: one organisation's count added, corrected or taken off."""
    event = selectors.event_for_organiser(user=request.user, pk=pk)
    form = ParticipationForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.event_participation_set(event=event, organisation=data["organisation"],
                                             people=data["people"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The participants were updated."))
            return redirect("knowledge:event_detail", pk=event.pk)
    event = selectors.event_for_user(user=request.user, pk=pk)
    return _event(request, event, status=400, form=form)


# The public page ------------------------------------------------------------------------


@require_GET
def public(request):
    """Success stories and toolkits marked public, for anyone: no sign-in, no script;
    an origin is named only when the item allows it."""
    try:
        number = max(1, min(int(request.GET.get("page", 1)), 1000))
    except ValueError:
        number = 1
    items, more = selectors.public_items(page=number)
    for item in items:
        item.named = selectors.public_origin_names(item)
    return render(request, "knowledge/public.html", {
        "items": items, "next": number + 1 if more else None,
        "previous": number - 1 if number > 1 else None})


