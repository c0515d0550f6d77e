"""The access rule lives in accounts/access.py, and nothing reads around it.

Outside `accounts` and `core`, no code or template may read a user's role or partner-admin
flag, or set simple-history's private author attribute: every "may this user ..." is a
named predicate in `accounts.access`, and every write records its author through
`core.records.save_as` / `delete_as` / `update_versioned`.
"""

import re
from pathlib import Path

import pytest

HAMWE = Path(__file__).resolve().parents[1]
# The two packages that own these, and the demo, which creates its users with their roles
# (as `hamwe createadmin` does) and decides nothing about access.
ALLOWED = ("accounts", "core", "demo")

FORBIDDEN = {
    "a user's role": re.compile(
        r"\b(?:user|by|recipient|member|request\.user|self\.request\.user)\.role\b"
        r"|\brole(?:__in)?\s*=\s*\(?Role\.|\busers__role\b|\bRole\.(?:ADMIN|STAFF|VIEWER|PARTNER)\b"
        r"|\b(?:user|by|request\.user)\.get_role_display\b"
    ),
    "the partner-admin flag": re.compile(r"\bis_partner_admin\b"),
    "simple-history's author attribute": re.compile(r"\b_history_user\b"),
}


def offences(text):
    """(line number, what) for every forbidden read in `text`."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for what, pattern in FORBIDDEN.items():
            if pattern.search(line):
                found.append((number, what))
    return found


def _sources():
    for path in sorted(HAMWE.rglob("*")):
        if path.suffix not in (".py", ".html", ".txt") or not path.is_file():
            continue
        parts = path.relative_to(HAMWE).parts
        if parts[0] in ALLOWED or "migrations" in parts or "tests" in parts or "locale" in parts:
            continue
        if path.name == "conftest.py":
            continue
        yield path


def test_nothing_outside_accounts_and_core_reads_roles_or_writes_authors():
    problems = [
        f"{path.relative_to(HAMWE.parent)}:{number}: reads {what}"
        for path in _sources()
        for number, what in offences(path.read_text(encoding="utf-8"))
    ]
    assert not problems, (
        "Ask a predicate in hamwe/accounts/access.py (or use core.records.save_as) "
        "instead:\n" + "\n".join(problems)
    )


@pytest.mark.parametrize(
    "line",
    [
        'if user.role != "partner":',
        "{% if may_manage_users or user.is_partner_admin %}",
        "row._history_user = by",
        "User.objects.filter(role__in=(Role.ADMIN, Role.STAFF))",
        "Organisation.objects.filter(users__role=Role.PARTNER)",
    ],
)
def test_the_scan_catches_each_kind_of_offence(line):
    assert offences(line)


def test_the_scan_leaves_a_party_role_alone():
    assert not offences("leads = [p for p in parties if p.role == Party.Role.LEAD]")
