"""Knowledge items as a list to take away (core.exports): the items the reader may see
(their own organisation's, and those shared with it), with their origins; a "never
publish" organisation shown as "Partner not disclosed"."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.exports import column, export_list, in_chunks, undisclosed

from .models import Item


def _origins(item_ids):
    """Each item's origin organisations as text, one query for a chunk of items."""
    through = Item.origins.through
    names = {}
    for iid, name, never in (through.objects.filter(item_id__in=item_ids)
                             .order_by("item_id", "organisation__name")
                             .values_list("item_id", "organisation__name",
                                          "organisation__never_publish")):
        names.setdefault(iid, []).append(undisclosed(name, never))
    return names


@export_list("knowledge_items", title=gettext_lazy("Knowledge items"), may=access.has_role)
def items(user):
    header = [column(Item, n) for n in ("kind", "title", "language", "sharing",
                                  "published_on", "origins", "summary")]
    qs = Item.objects.visible_to(user).distinct()  # shared with it through several origins

    def rows():
        for batch in in_chunks(qs):
            origins = _origins([i.pk for i in batch])
            for i in batch:
                yield [i.get_kind_display(), i.title, i.get_language_display(),
                       i.get_sharing_display(), i.published_on or _("draft"),
                       "; ".join(origins.get(i.pk, [])), i.summary]

    return header, rows()
