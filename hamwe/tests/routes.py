"""Every URL route of Hamwe, and the sample arguments the isolation sweep calls it with.

A route without an entry in SAMPLES makes the sweep fail: a new page or endpoint cannot
escape the access check by being forgotten here. Samples always point at organisation
A's records, which the personas probe.
"""

from django.urls import URLPattern, URLResolver, get_resolver

# route name -> function(ctx) -> URL kwargs. ctx has org_a, contact_a.
SAMPLES = {
    "home": lambda ctx: {},
    "healthz": lambda ctx: {},
    "set_language": lambda ctx: {},
    # partner registry
    "partners:list": lambda ctx: {},
    "partners:export": lambda ctx: {"fmt": "csv"},
    "partners:export#xlsx": lambda ctx: {"fmt": "xlsx"},
    "partners:create": lambda ctx: {},
    "partners:detail": lambda ctx: {"pk": ctx.org_a.pk},
    "partners:edit": lambda ctx: {"pk": ctx.org_a.pk},
    "partners:contact_create": lambda ctx: {"pk": ctx.org_a.pk},
    "partners:contact_edit": lambda ctx: {"pk": ctx.org_a.pk, "contact_pk": ctx.contact_a.pk},
    "partners:contact_delete": lambda ctx: {"pk": ctx.org_a.pk, "contact_pk": ctx.contact_a.pk},
    # users
    "accounts:users": lambda ctx: {},
    "accounts:invite": lambda ctx: {},
    "accounts:user": lambda ctx: {"pk": ctx.user_a.pk},
    "accounts:user_access": lambda ctx: {"pk": ctx.user_a.pk},
    "accounts:user_active": lambda ctx: {"pk": ctx.user_a.pk},
    "accounts:user_invite_again": lambda ctx: {"pk": ctx.user_a.pk},
    # sign-in (allauth)
    "account_login": lambda ctx: {},
    "account_logout": lambda ctx: {},
    "account_inactive": lambda ctx: {},
    "account_signup": lambda ctx: {},
    "account_reauthenticate": lambda ctx: {},
    "account_email": lambda ctx: {},
    "account_email_verification_sent": lambda ctx: {},
    "account_change_password": lambda ctx: {},
    "account_set_password": lambda ctx: {},
    "account_reset_password": lambda ctx: {},
    "account_confirm_login_code": lambda ctx: {},
    "account_confirm_email": lambda ctx: {"key": "not-a-real-key"},
    "account_reset_password_from_key_done": lambda ctx: {},
    "account_reset_password_from_key": lambda ctx: {"uidb36": "1", "key": "set-password"},
    "account_reset_password_done": lambda ctx: {},
    "mfa_index": lambda ctx: {},
    "mfa_authenticate": lambda ctx: {},
    "mfa_reauthenticate": lambda ctx: {},
    "mfa_activate_totp": lambda ctx: {},
    "mfa_deactivate_totp": lambda ctx: {},
    "mfa_view_recovery_codes": lambda ctx: {},
    "mfa_generate_recovery_codes": lambda ctx: {},
    "mfa_download_recovery_codes": lambda ctx: {},
    # API v1
    "v1:api-root": lambda ctx: {},
    "v1:schema": lambda ctx: {},
    "v1:docs": lambda ctx: {},
    "v1:organisation-list": lambda ctx: {},
    "v1:organisation-detail": lambda ctx: {"pk": ctx.org_a.pk},
    "v1:contact-list": lambda ctx: {},
    "v1:contact-detail": lambda ctx: {"pk": ctx.contact_a.pk},
}


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield name, str(pattern.pattern), tuple(pattern.pattern.regex.groupindex)


def all_routes():
    """(name, pattern, parameter names) of every route Hamwe serves."""
    return list(_walk(get_resolver().url_patterns))


def sweep_targets():
    """Distinct (sample key, route name, with_format) to probe; raises on any route
    that has no sample arguments."""
    missing = []
    targets = {}
    for name, pattern, params in all_routes():
        if name is None:
            missing.append(f"unnamed route {pattern!r}")
            continue
        if name not in SAMPLES:
            missing.append(f"{name} ({pattern})")
            continue
        with_format = "format" in params
        targets[(name, with_format)] = (name, name, with_format)
        for key in SAMPLES:
            if key.startswith(name + "#"):
                targets[(key, with_format)] = (key, name, with_format)
    if missing:
        raise LookupError(
            "These routes have no sample arguments in hamwe/tests/routes.py SAMPLES, so the "
            "isolation sweep cannot probe them. Add them:\n  " + "\n  ".join(missing)
        )
    return sorted(targets.values())

SAMPLES.update({
    "policy:overview": lambda ctx: {},
    "policy:export": lambda ctx: {},
    "policy:edit": lambda ctx: {"pk": ctx.policy_part.pk},
})


def _area_samples():
    """Sample arguments that each app's tests keep beside its routes."""
    from hamwe.notifications.tests import sweep_samples as notifications
    from hamwe.partners.tests import sweep_samples as partners
    from hamwe.partnerships.tests import sweep_samples as partnerships
    from hamwe.scorecards.tests import sweep_samples as scorecards
    from hamwe.strategy.tests import sweep_samples as strategy

    return {**partners.SAMPLES, **partnerships.SAMPLES, **scorecards.SAMPLES,
            **notifications.SAMPLES, **strategy.SAMPLES}


SAMPLES.update(_area_samples())
