"""Repository-level pytest hooks."""


def pytest_terminal_summary(terminalreporter):
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get(
        "failed", []
    ):
        for name, value in getattr(report, "user_properties", []):
            if name == "restore_drill":  # hamwe/tests/test_backup.py
                terminalreporter.write_line(f"Restore drill: {value}")
            if name == "signin_limits":  # hamwe/accounts/tests/test_signin_limits.py
                terminalreporter.write_line(f"Sign-in limits: {value}")
            if name == "mou_time":  # hamwe/partnerships/tests/test_agreement_bounds.py
                terminalreporter.write_line(f"MoU: {value}")
            if name == "schemathesis":  # hamwe/api/tests/test_fuzz.py
                terminalreporter.write_line(f"Schemathesis: {value}")
    from hamwe.tests.routes import all_routes, sweep_targets

    try:
        targets = sweep_targets()
    except LookupError as missing:
        terminalreporter.write_line(f"Isolation sweep: INCOMPLETE — {missing}")
        return
    from hamwe.tests.test_isolation_sweep import METHODS, PERSONA_ORDER

    routes = len(all_routes())
    requests = len(targets) * len(PERSONA_ORDER) * len(METHODS)
    terminalreporter.write_line(
        f"Isolation sweep: {routes} routes ({len(targets)} probes) x {len(PERSONA_ORDER)} "
        f"personas x {len(METHODS)} methods = {requests} requests against organisation A"
    )
