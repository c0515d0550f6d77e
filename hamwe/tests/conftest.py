"""Browser fixtures: Debian's Chromium driven through Playwright's sync API.

Playwright is never allowed to download a browser: it launches /usr/bin/chromium. Each
xdist worker is its own process, so each gets its own `browser` (session scope is per
worker) and its own live server and test database (pytest-django's `live_server`).
"""

import os

# Playwright's sync API keeps an asyncio event loop running in the test thread, which makes
# Django refuse ORM calls from that thread unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402

CHROMIUM = os.environ.get("HAMWE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_TIMEOUT_MS = 10_000


class _SharedChromium:
    """One Playwright and one Chromium per process, however many fixtures ask for it.

    Playwright's sync API refuses to start twice in one thread, and the `browser` fixture
    below can end up defined more than once in a session (a test module that imports it
    from here defines its own copy). Each copy takes a reference; the last one out closes.
    """

    def __init__(self):
        self.users = 0
        self.playwright = None
        self.browser = None

    def acquire(self):
        if self.browser is None:
            if not os.path.exists(CHROMIUM):
                pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium fonts-dejavu-core")
            from playwright.sync_api import expect, sync_playwright

            expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
            self.playwright = sync_playwright().start()
            try:
                self.browser = self.playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
            except BaseException:
                self.playwright.stop()
                self.playwright = None
                raise
        self.users += 1
        return self.browser

    def release(self):
        self.users -= 1
        if self.users == 0:
            try:
                self.browser.close()
            finally:
                self.playwright.stop()
                self.browser = self.playwright = None


_CHROMIUM = _SharedChromium()


@pytest.fixture(scope="session")
def browser():
    chromium = _CHROMIUM.acquire()
    try:
        yield chromium
    finally:
        _CHROMIUM.release()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    page.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield page
    finally:
        context.close()
