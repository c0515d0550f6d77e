"""What is due in the knowledge hub (registered by KnowledgeConfig.ready): adoptions
waiting for the user's side to confirm them, and for home admins and staff the drafts
waiting to be published. One query each."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider

from . import selectors


@due_provider("knowledge-adoptions", label=gettext_lazy("Adoptions to confirm"), order=60,
              audience=access.may_be_asked)
def adoptions(user, *, today):
    return [
        DueItem(
            kind="knowledge-adoptions",
            title=_("Confirm that %(organisation)s adopted “%(item)s”") % {
                "organisation": a.organisation, "item": a.item.title},
            url=reverse("knowledge:item_detail", args=[a.item_id]) + "#adoptions",
            detail=a.taken_up_in,
        )
        for a in selectors.adoptions_to_confirm(user).order_by("adopted_on", "pk")[:50]
    ]


@due_provider("knowledge-drafts", label=gettext_lazy("Knowledge to publish"), order=61,
              audience=access.may_publish_knowledge, by_email=False)
def drafts(user, *, today):
    return [
        DueItem(kind="knowledge-drafts",
                title=_("Review and publish “%(item)s”") % {"item": item.title},
                url=reverse("knowledge:item_detail", args=[item.pk]))
        for item in selectors.drafts_to_publish(user)[:50]
    ]
