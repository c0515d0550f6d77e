"""Loading a pack is all or nothing, keeps history, and export round-trips."""

from pathlib import Path

import pytest

from hamwe.policy import selectors, services
from hamwe.policy.models import Policy, PolicyPart, PolicyVersion
from hamwe.policy.validation import PackInvalid, parse, parse_file

HERE = Path(__file__).parent
SMALL = HERE / "small-pack.yaml"


def small(**changes):
    pack = parse_file(SMALL)
    return pack.model_copy(update=changes)


def test_load_cuts_the_pack_into_parts_and_makes_it_live(db):
    policy = services.policy_load(pack=small())
    assert policy.is_live and policy.version == 1
    sections = set(policy.parts.values_list("section", flat=True))
    assert {"settings", "principle", "stage", "direction", "indicator", "activity"} <= sections
    indicator = policy.parts.get(section="indicator")
    assert indicator.parent.key == "sd1"


def test_export_then_load_round_trips_unchanged(db):
    original = small()
    policy = services.policy_load(pack=original)
    exported = selectors.pack_yaml(selectors.policy_for_export(policy))
    again = parse(exported, file="exported.yaml")
    assert again == original
    assert services.policy_load(pack=again).version == 1  # identical: a no-op
    assert PolicyVersion.objects.count() == 1


def test_newer_version_updates_in_place_and_keeps_history(db):
    first = services.policy_load(pack=small())
    principle = first.parts.get(section="principle", key="equity")
    newer = parse(
        SMALL.read_text()
        .replace("version: 1", "version: 2")
        .replace("text: Equity between partners", "text: Equity between all partners")
    )
    policy = services.policy_load(pack=newer)
    assert policy.pk == first.pk and policy.version == 2
    principle.refresh_from_db()  # the same row, so whatever refers to it stays attached
    assert principle.data["text"] == "Equity between all partners"
    assert list(policy.versions.values_list("version", flat=True)) == [2, 1]
    assert principle.history.count() == 2


def test_changed_content_without_a_newer_version_is_refused(db):
    services.policy_load(pack=small())
    changed = small(title="Another title")
    with pytest.raises(services.VersionRefused):
        services.policy_load(pack=changed)
    assert Policy.objects.get().title == "Mini"


def test_a_failure_mid_load_leaves_nothing_half_written(db, monkeypatch):
    services.policy_load(pack=small())
    before = sorted(PolicyPart.objects.values_list("section", "key", "data"))

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_make_live", boom)
    newer = small(version=2, title="Changed")
    with pytest.raises(RuntimeError):
        services.policy_load(pack=newer)
    assert sorted(PolicyPart.objects.values_list("section", "key", "data")) == before
    assert Policy.objects.get().version == 1 and PolicyVersion.objects.count() == 1


def test_loading_another_pack_moves_the_live_flag(db):
    services.policy_load(pack=small())
    services.policy_load(pack=small(pack="other", title="Other"))
    assert list(Policy.objects.live().values_list("pack", flat=True)) == ["other"]


def test_planted_mistakes_are_all_reported_with_paths_and_lines():
    with pytest.raises(PackInvalid) as invalid:
        parse_file(HERE / "planted-mistakes.yaml")
    found = {(p.path, p.line) for p in invalid.value.problems}
    assert ("strategy.activities[0].responsable", 44) in found
    assert ("cycle.loops.scoping[0]", 18) in found
    assert ("strategy.directions[0].indicators[0].deadline", 42) in found
    assert ("strategy.activities[0].direction", 44) in found


def test_editing_a_part_is_validated_audited_and_marks_the_export(db, personas):
    policy = services.policy_load(pack=small())
    activity = policy.parts.get(section="activity")
    broken = {**activity.data, "direction": "nowhere"}
    with pytest.raises(PackInvalid):
        services.policy_part_update(
            part=activity, by=personas["admin"], data=broken, expected_version=activity.version
        )
    fixed = {**activity.data, "text": "Do it together"}
    services.policy_part_update(
        part=activity, by=personas["admin"], data=fixed, expected_version=activity.version
    )
    activity.refresh_from_db()
    assert activity.data["text"] == "Do it together"
    assert activity.history.first().history_user == personas["admin"]
    policy.refresh_from_db()
    exported = selectors.policy_for_export(policy)
    assert exported.version == 2 and exported.strategy.activities[0].text == "Do it together"


def test_check_command_exits_0_on_a_valid_pack_and_1_listing_every_problem(capsys):
    from django.core.management import call_command

    call_command("policy", "check", str(SMALL))
    assert "valid (mini, version 1)" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_code:
        call_command("policy", "check", str(HERE / "planted-mistakes.yaml"))
    assert exit_code.value.code == 1
    err = capsys.readouterr().err
    assert "planted-mistakes.yaml:44: strategy.activities[0].responsable: unknown key" in err
    assert "4 problem(s)" in err


def test_load_and_export_commands(db, tmp_path, capsys):
    from django.core.management import call_command

    call_command("policy", "load", str(SMALL))
    out = tmp_path / "out.yaml"
    call_command("policy", "export", "-o", str(out))
    assert parse_file(out) == parse_file(SMALL)


def test_the_composed_pack_follows_edits_and_forgets_rolled_back_ones(db, personas):
    from django.db import transaction

    policy = services.policy_load(pack=small())
    part = policy.parts.get(section="principle")
    original = part.data["text"]
    assert selectors.policy_pack(Policy.objects.get()).principles[0].text == original
    with transaction.atomic():
        services.policy_part_update(part=part, by=personas["admin"],
                                    data={**part.data, "text": "Rolled back"},
                                    expected_version=part.version)
        inside = selectors.policy_pack(Policy.objects.get())
        assert inside.principles[0].text == "Rolled back"
        transaction.set_rollback(True)
    assert selectors.policy_pack(Policy.objects.get()).principles[0].text == original
    services.policy_part_update(part=part, by=personas["admin"],
                                data={**part.data, "text": "Committed"},
                                expected_version=part.version)
    assert selectors.policy_pack(Policy.objects.get()).principles[0].text == "Committed"
