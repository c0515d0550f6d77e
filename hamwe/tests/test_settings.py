"""Production mode: safe settings or no start at all. Run in a fresh interpreter so the
settings module is read with the production environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "HAMWE_MODE": "production",
    "HAMWE_SECRET_KEY": "k3y-" + "Zq8vR2pL0sX9wB7nM4cT6yH1jF5gD3aE" * 2,
    "HAMWE_ALLOWED_HOSTS": "hamwe.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "HAMWE_TRUSTED_PROXIES": "1",
}


def _run(*args, **env):
    full_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("HAMWE_", "DATABASE_", "DJANGO_"))
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_production():
    result = _run("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


@pytest.mark.parametrize(
    "missing", ["HAMWE_SECRET_KEY", "HAMWE_ALLOWED_HOSTS", "HAMWE_TRUSTED_PROXIES"]
)
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _run("check", **env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _run("check", **{**PRODUCTION_ENV, "HAMWE_SECRET_KEY": "short"})
    assert result.returncode != 0 and "at least 50" in result.stderr


def test_production_hashes_with_argon2_and_requires_two_factor():
    code = (
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.PASSWORD_HASHERS[0]);print(s.HAMWE_REQUIRE_2FA);print(s.SESSION_COOKIE_SECURE)"
    )
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("HAMWE_", "DATABASE_", "DJANGO_"))
    }
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="hamwe.settings")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.split() == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "True",
        "True",
    ], out.stderr


def test_production_refuses_a_proxy_count_that_is_not_a_small_number():
    for value in ("nginx", "-1", "9"):
        result = _run("check", **{**PRODUCTION_ENV, "HAMWE_TRUSTED_PROXIES": value})
        assert result.returncode != 0 and "HAMWE_TRUSTED_PROXIES" in result.stderr, value
