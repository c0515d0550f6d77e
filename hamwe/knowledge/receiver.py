"""The receiver of lessons offered elsewhere in Hamwe (a partner report's lessons, an
appreciative-inquiry session's propositions): each becomes a draft knowledge item, once."""

from django.urls import reverse

from hamwe.core.registries import receives_lessons

from . import services


@receives_lessons
def receive(lesson, *, by) -> str:
    item = services.lesson_receive(lesson=lesson, by=by)
    return reverse("knowledge:item_detail", args=[item.pk])
