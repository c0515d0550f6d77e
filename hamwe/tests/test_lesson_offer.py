"""Offering a lesson to the knowledge hub goes through one registered receiver."""

import pytest

from hamwe.core import registries


@pytest.fixture
def no_receiver(monkeypatch):
    monkeypatch.setattr(registries, "_LESSON_RECEIVER", [])


def _lesson():
    return registries.Lesson(
        title="Savings groups meet after the harvest", text="Attendance doubled.",
        organisation_ids=(7,), language="fr", source="report-section:1",
        source_label="Report Q1",
    )


def test_without_a_receiver_the_step_is_not_offered(no_receiver):
    assert registries.lessons_received() is False
    with pytest.raises(LookupError):
        registries.offer_lesson(_lesson(), by=None)


def test_the_receiver_gets_the_lesson_and_its_author(no_receiver):
    received = []

    @registries.receives_lessons
    def keep(lesson, *, by):
        received.append((lesson.source, by))
        return "/knowledge/1/"

    assert registries.lessons_received() is True
    assert registries.offer_lesson(_lesson(), by="someone") == "/knowledge/1/"
    assert received == [("report-section:1", "someone")]
