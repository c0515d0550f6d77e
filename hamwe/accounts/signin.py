"""Sign-in limits: slow a password guesser down without letting anyone lock others out.

Failed passwords are counted in four places, each with a few free tries and then a wait
that doubles with every further failure, up to a ceiling:

- the client address and the account together: one place guessing one account;
- the client address: one place guessing many accounts;
- the account, from browsers it was never signed in from: guessers spread over many
  addresses. One address adds at most `PER_ADDRESS_TO_ACCOUNT` failures to it, so no
  single attacker, however persistent, can make an account wait;
- a browser that has signed in to the account before (it carries a signed "known
  browser" cookie) and the account together: for that browser, the three counts above do
  not apply. So its owner's usual browser keeps working while strangers try their luck.

Every attempt is counted before the password is checked and given back when it was
right, so parallel guesses cannot slip past a count. A password reset (the e-mailed
link proves the mailbox) lifts the account's wait and signs its owner in.

The client address comes from the trusted proxy's X-Forwarded-For entry
(HAMWE_TRUSTED_PROXIES, see settings.py); the counts live in the shared cache, so they
hold across gunicorn workers and machines. No count is kept per person longer than a day
after the last failure, and none records a successful sign-in.
"""

import hashlib
import ipaddress
import math
import secrets
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

DEVICE_COOKIE = "hamwe_known_browser"
_DEVICE_SALT = "hamwe.accounts.signin.known-browser"
_DEVICE_MAX_AGE = 365 * 24 * 3600
_DEVICE_ACCOUNTS = 5  # accounts one browser remembers (a shared office computer)


@dataclass(frozen=True)
class Limit:
    name: str
    free: int  # failures in a row that cost nothing; the next try waits `first_wait`
    first_wait: int  # seconds, doubling with each further failure
    longest_wait: int
    forget_after: int  # seconds without a failure after which the count starts again

    def wait(self, failures: int) -> int:
        """Seconds the next try waits after `failures` failures in a row."""
        if failures < self.free:
            return 0
        return min(self.first_wait * 2 ** min(failures - self.free, 20), self.longest_wait)


PAIR = Limit("pair", free=5, first_wait=30, longest_wait=3600, forget_after=24 * 3600)
ADDRESS = Limit("address", free=20, first_wait=60, longest_wait=3600, forget_after=3600)
ACCOUNT = Limit("account", free=10, first_wait=60, longest_wait=15 * 60, forget_after=24 * 3600)
KNOWN_BROWSER = Limit("browser", free=5, first_wait=30, longest_wait=15 * 60,
                      forget_after=24 * 3600)
PER_ADDRESS_TO_ACCOUNT = 3


class TooManyFailures(Exception):
    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = seconds

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))


# --- Who is trying ------------------------------------------------------------------------


def client_address(request) -> str:
    """The client's address: the entry that HAMWE_TRUSTED_PROXIES places from the end of
    X-Forwarded-For (each trusted proxy appends the address it was reached from), else
    the address of the connection itself. A header with fewer entries than trusted
    proxies did not come through them all: the connection's address is used then."""
    proxies = settings.HAMWE_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies:
        entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        entries = [e for e in entries if e]
        if len(entries) >= proxies:
            candidate = _clean_address(entries[-proxies])
            if candidate:
                return candidate
    return _clean_address(remote) or "unknown"


def _clean_address(value: str) -> str | None:
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None
    if address.version == 6:
        # One household or office has a whole /64: counting each address apart would
        # give it millions of free tries.
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def account_key(login: str) -> str:
    return _digest("account", (login or "").strip().lower())


def _known_browser(request) -> dict | None:
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value:
        return None
    try:
        data = signing.loads(value, salt=_DEVICE_SALT, max_age=_DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("accounts"), list):
        return None
    return data


def remember_browser(request, response, login: str) -> None:
    """After a successful sign-in: this browser is known to this account from now on."""
    data = _known_browser(request) or {"browser": secrets.token_hex(12), "accounts": []}
    key = account_key(login)
    accounts = [key, *(a for a in data["accounts"] if a != key)][:_DEVICE_ACCOUNTS]
    value = signing.dumps({"browser": data["browser"], "accounts": accounts}, salt=_DEVICE_SALT)
    response.set_cookie(
        DEVICE_COOKIE, value, max_age=_DEVICE_MAX_AGE, httponly=True,
        secure=settings.SESSION_COOKIE_SECURE, samesite="Lax",
    )


# --- Counting -----------------------------------------------------------------------------


def _counters(request, login: str):
    """(limit, cache key) of the counts that apply to this attempt."""
    account = account_key(login)
    browser = _known_browser(request)
    if browser and account in browser["accounts"]:
        return [(KNOWN_BROWSER, f"hamwe:signin:browser:{_digest(browser['browser'], account)}")]
    address = client_address(request)
    return [
        (PAIR, f"hamwe:signin:pair:{_digest(address, account)}"),
        (ADDRESS, f"hamwe:signin:address:{_digest(address)}"),
        (ACCOUNT, f"hamwe:signin:account:{account}"),
    ]


@contextmanager
def _locked(keys):
    """Hold a lock on every key (in a fixed order) for one read-and-write."""
    with ExitStack() as stack:
        for key in sorted(keys):
            stack.enter_context(_lock(key))
        yield


@contextmanager
def _lock(key, wait=2.0):
    lock = f"{key}:lock"
    deadline = time.monotonic() + wait
    while not cache.add(lock, 1, timeout=10):
        if time.monotonic() > deadline:
            # Someone is hammering this very count: refuse this try rather than let it
            # slip past uncounted.
            raise TooManyFailures(5)
        time.sleep(0.02)
    try:
        yield
    finally:
        cache.delete(lock)


class Attempt:
    """One try of a password: `begin()` counts it (or refuses it while a wait runs),
    `succeeded()` gives the count back when the password was right."""

    def __init__(self, request, login: str):
        self.counters = _counters(request, login)
        self.before = {}

    def begin(self) -> None:
        now = time.time()
        keys = [key for _limit, key in self.counters]
        with _locked(keys):
            states = {key: cache.get(key) or (0, 0.0) for key in keys}
            waiting = max((until - now for failures, until in states.values()), default=0)
            if waiting > 0:
                raise TooManyFailures(waiting)
            pair_failures = 0
            for limit, key in self.counters:
                failures, _until = states[key]
                if limit is PAIR:
                    pair_failures = failures + 1
                if limit is ACCOUNT and pair_failures > PER_ADDRESS_TO_ACCOUNT:
                    continue  # this address has had its say about this account
                self.before[key] = states[key]
                failures += 1
                wait = limit.wait(failures)
                cache.set(key, (failures, now + wait if wait else 0.0),
                          max(limit.forget_after, wait))

    def succeeded(self) -> None:
        """The password was right: the counts of this browser or address for this
        account start again; the shared ones get this try back."""
        try:
            with _locked(list(self.before)):
                for limit, key in self.counters:
                    if key not in self.before:
                        continue
                    if limit in (PAIR, KNOWN_BROWSER):
                        cache.delete(key)
                    else:
                        failures, _until = cache.get(key) or (1, 0.0)
                        _failures, until_before = self.before[key]
                        cache.set(key, (max(failures - 1, 0), until_before), limit.forget_after)
        except TooManyFailures:
            pass  # the count stays: stricter, never looser


def lift(request, login: str) -> None:
    """A password reset proved the mailbox: the account's own wait ends, and so do the
    waits of this browser and this address for it."""
    account = account_key(login)
    keys = [f"hamwe:signin:account:{account}",
            f"hamwe:signin:pair:{_digest(client_address(request), account)}"]
    browser = _known_browser(request)
    if browser:
        keys.append(f"hamwe:signin:browser:{_digest(browser['browser'], account)}")
    cache.delete_many(keys)


# --- The second factor in this session ----------------------------------------------------


def _records(request, user=None):
    from allauth.account.authentication import get_authentication_records

    return get_authentication_records(request, user or request.user)


def came_through_emailed_link(request, user=None) -> bool:
    """This session was signed in through an e-mailed link (invitation or password reset),
    which proves the mailbox: the one way to enrol an authenticator."""
    return any(r.get("method") == "password_reset" for r in _records(request, user))


def second_factor_is_fresh(request) -> bool:
    """The user gave a second factor in this session within the last few minutes (at
    sign-in or when asked again): what making an API token needs."""
    timeout = getattr(settings, "ACCOUNT_REAUTHENTICATION_TIMEOUT", 300)
    now = time.time()
    return any(
        r.get("method") == "mfa" and now - float(r.get("at", 0)) < timeout
        for r in _records(request)
    )
