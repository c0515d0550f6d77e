"""Every URL route of Hamwe, and the sample the isolation sweep calls it with.

A route without an entry in SAMPLES makes the sweep fail: a new page or endpoint cannot
escape the access check by being forgotten here. Samples always point at organisation
A's records, which the personas probe; each app keeps its own beside its routes, in
hamwe/<app>/tests/sweep_samples.py (see hamwe/tests/samples.py for what a sample holds).
A key "name#variant" probes route `name` a second time with other arguments.
"""

from django.urls import URLPattern, URLResolver, get_resolver

from hamwe.tests.samples import read

# The project's own routes and the API's frame; ctx has org_a, contact_a and the objects
# of each app's context_of().
SAMPLES = {
    "home": read(),
    "healthz": read(),
    "set_language": read(),
    "v1:api-root": read(),
    "v1:schema": read(),
    "v1:docs": read(),
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
    """Distinct (sample key, route name, with_format) to probe; raises LookupError on
    any route that has no sample."""
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
            "These routes have no sample, so the isolation sweep cannot probe them. Add one "
            "to the SAMPLES of hamwe/<app>/tests/sweep_samples.py (or of hamwe/tests/routes.py "
            "for the project's own routes):\n  " + "\n  ".join(missing)
        )
    return sorted(targets.values())


def _app_samples():
    """The samples that each app's tests keep beside its routes."""
    from hamwe.accounts.tests import sweep_samples as accounts
    from hamwe.capacity.tests import sweep_samples as capacity
    from hamwe.exchange.tests import sweep_samples as exchange
    from hamwe.knowledge.tests import sweep_samples as knowledge
    from hamwe.networks.tests import sweep_samples as networks
    from hamwe.notifications.tests import sweep_samples as notifications
    from hamwe.partners.tests import sweep_samples as partners
    from hamwe.partnerships.tests import sweep_samples as partnerships
    from hamwe.people.tests import sweep_samples as people
    from hamwe.policy.tests import sweep_samples as policy
    from hamwe.reporting.tests import sweep_samples as reporting
    from hamwe.scorecards.tests import sweep_samples as scorecards
    from hamwe.strategy.tests import sweep_samples as strategy

    apps = (accounts, notifications, partners, partnerships, policy, scorecards, strategy,
            exchange, networks, knowledge, people, capacity, reporting)
    twice = [key for i, app in enumerate(apps) for other in apps[i + 1:]
             for key in app.SAMPLES.keys() & other.SAMPLES.keys()]
    assert not twice, f"Routes sampled twice: {twice}"
    return {key: sample for app in apps for key, sample in app.SAMPLES.items()}


SAMPLES.update(_app_samples())
