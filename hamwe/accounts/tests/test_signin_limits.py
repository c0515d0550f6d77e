"""Sign-in limits that slow a guesser down and lock nobody else out (accounts/signin.py).

The proxy test is the one the issue asks for: twenty people reach Hamwe through one
nginx (one REMOTE_ADDR), an attacker among them fails password after password, and
every one of the twenty still signs in.
"""

import pytest
from django.test import Client, override_settings

from hamwe.accounts import signin
from hamwe.accounts.models import Role
from hamwe.accounts.tests.factories import UserFactory
from hamwe.conftest import PASSWORD

PROXY = "127.0.0.1"  # nginx on the same machine, as in the README
ATTACKER = "198.51.100.66"
LOGIN = "/accounts/login/"

pytestmark = pytest.mark.django_db

behind_nginx = override_settings(HAMWE_TRUSTED_PROXIES=1, ALLAUTH_TRUSTED_PROXY_COUNT=1)


def sign_in(client, email, password, address=None):
    """POST the sign-in form as nginx would pass it on; True when it signed in."""
    headers = {"REMOTE_ADDR": PROXY}
    if address:
        # nginx's $proxy_add_x_forwarded_for: whatever the client sent, then its address.
        headers["HTTP_X_FORWARDED_FOR"] = address
    client.post(LOGIN, {"login": email, "password": password}, **headers)
    return "_auth_user_id" in client.session


def refused_for_waiting(client, email, address):
    response = client.post(LOGIN, {"login": email, "password": "still-wrong"},
                           REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    return "Too many failed sign-ins" in response.content.decode()


@pytest.fixture
def twenty(db):
    users = [UserFactory(email=f"person{i}@example.org", role=Role.STAFF) for i in range(19)]
    users.append(UserFactory(email="admin.target@example.org", role=Role.ADMIN))
    return users


@behind_nginx
def test_twenty_users_behind_one_proxy_sign_in_while_an_attacker_fails(twenty, record_property):
    attacker = Client()
    tried = refused = 0
    # The attacker sprays every account, then hammers the admin's, 260 wrong passwords in
    # all, and adds forged X-Forwarded-For entries to look like someone else.
    targets = [u.email for u in twenty] * 3 + [twenty[-1].email] * 200
    for email in targets:
        tried += 1
        forged = f"10.9.8.{tried % 250}, {ATTACKER}"
        response = attacker.post(LOGIN, {"login": email, "password": f"guess-{tried}"},
                                 REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forged)
        refused += response.status_code == 429 or (
            "Too many failed sign-ins" in response.content.decode())
        assert "_auth_user_id" not in attacker.session
    signed_in = [
        sign_in(Client(), user.email, PASSWORD, address=f"203.0.113.{i + 1}")
        for i, user in enumerate(twenty)
    ]
    record_property("signin_limits", (
        f"{len(twenty)} users behind one proxy address: {sum(signed_in)} signed in while "
        f"one attacker tried {tried} wrong passwords ({tried - refused} checked, "
        f"{refused} refused unchecked)"
    ))
    assert all(signed_in)
    # ...and the attacker was slowed down: most of the tries were never checked.
    assert tried - refused <= signin.ADDRESS.free + 1


def test_one_stranger_cannot_make_an_account_wait(twenty, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(signin.time, "time", lambda: now[0])
    target = twenty[-1].email
    with behind_nginx:
        # A patient attacker: each wait sat out, then the next guess at once.
        for n in range(20):
            now[0] += signin.PAIR.wait(n) + 1
            assert not refused_for_waiting(Client(), target, ATTACKER)
        # The owner, right then, on a browser they never used, from their own address.
        assert sign_in(Client(), target, PASSWORD, address="203.0.113.9")


def test_without_the_trusted_proxy_everyone_is_one_address():
    """What the setting fixes: read without it, the attacker and the users are all the
    proxy's address, and one attacker's failures make new browsers there wait."""
    request = type("R", (), {"META": {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ATTACKER}})
    with override_settings(HAMWE_TRUSTED_PROXIES=0):
        assert signin.client_address(request) == PROXY
    with behind_nginx:
        assert signin.client_address(request) == ATTACKER


def test_guessers_from_many_addresses_make_new_browsers_wait_not_the_owners(twenty):
    target = twenty[-1].email
    owners_browser = Client()
    with behind_nginx:
        assert sign_in(owners_browser, target, PASSWORD, address="203.0.113.9")
        owners_browser.post("/accounts/logout/")
        # A botnet: many addresses, three tries each (the most one address adds).
        for n in range(signin.ACCOUNT.free):
            sign_in(Client(), target, f"guess-{n}", address=f"192.0.2.{n // 3 + 1}")
        assert refused_for_waiting(Client(), target, "203.0.113.77")
        # The browser that signed in before is known: its owner is not kept out.
        assert sign_in(owners_browser, target, PASSWORD, address="203.0.113.9")


def test_the_emailed_reset_link_lifts_the_wait_and_signs_in(twenty, mailoutbox):
    import re

    target = twenty[-1].email
    with behind_nginx:
        for n in range(signin.ACCOUNT.free):
            sign_in(Client(), target, f"guess-{n}", address=f"192.0.2.{n // 3 + 1}")
        owner = Client()
        assert refused_for_waiting(owner, target, "203.0.113.9")
        owner.post("/accounts/password/reset/", {"email": target},
                   REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
        link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)",
                         mailoutbox[-1].body).group(1)
        form_url = owner.get(link)["Location"]
        new = "a-brand-new-passphrase-7"
        owner.post(form_url, {"password1": new, "password2": new})
        assert "_auth_user_id" in owner.session  # the link signs its owner in
        # And the account's wait is over for any other browser too.
        assert sign_in(Client(), target, new, address="203.0.113.10")


def test_waits_grow_after_the_free_tries(twenty, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(signin.time, "time", lambda: now[0])
    target, here = twenty[0].email, "203.0.113.5"
    with behind_nginx:
        for n in range(signin.PAIR.free):
            assert not refused_for_waiting(Client(), target, here), n
        assert refused_for_waiting(Client(), target, here)  # waits 30 s
        now[0] += signin.PAIR.first_wait + 1
        assert not refused_for_waiting(Client(), target, here)  # one more try, then 60 s
        now[0] += signin.PAIR.first_wait + 1
        assert refused_for_waiting(Client(), target, here)
        now[0] += signin.PAIR.first_wait
        # The right password is welcome once the wait is over, and starts the count again.
        assert sign_in(Client(), target, PASSWORD, address=here)
        assert not refused_for_waiting(Client(), target, here)


def test_a_right_password_gives_its_try_back(twenty):
    target, here = twenty[0].email, "203.0.113.5"
    with behind_nginx:
        for _ in range(signin.PAIR.free - 1):
            refused_for_waiting(Client(), target, here)
        for _ in range(5):
            assert sign_in(Client(), target, PASSWORD, address=here)
        assert not refused_for_waiting(Client(), target, here)


@pytest.mark.parametrize(
    ("forwarded", "proxies", "seen"),
    [
        ("198.51.100.7", 1, "198.51.100.7"),
        # Entries the client wrote itself come first and are never believed.
        ("6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),
        ("198.51.100.7, 10.0.0.2", 2, "198.51.100.7"),
        # Fewer entries than trusted proxies: it did not come through them all.
        ("198.51.100.7", 2, PROXY),
        ("not-an-address", 1, PROXY),
        # One IPv6 household has a whole /64.
        ("2001:db8:1:2:aaaa::1", 1, "2001:db8:1:2::"),
        ("", 1, PROXY),
    ],
)
def test_client_address_from_the_trusted_proxies(forwarded, proxies, seen):
    request = type("R", (), {"META": {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}})
    with override_settings(HAMWE_TRUSTED_PROXIES=proxies):
        assert signin.client_address(request) == seen
