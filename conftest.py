"""Repository-level pytest hooks.

The test databases are made from the models (pytest-django's --nomigrations, set in
pyproject.toml), not by replaying every migration: replaying them cost each test worker
about a minute of CPU, in both halves of CI (docs/decisions.md, "CI within 30 minutes").
What the migrations put in besides tables, their RunPython steps (Burundi's provinces, the
knowledge search index, PostgreSQL storage settings), runs on the new schema here. The
chain itself is still run from zero on both engines: the restore drill's source site and
the demo tests migrate a database of their own, and `./run test` refuses models that
have no migration.
"""

import importlib
import pkgutil

from django.db.models.signals import post_migrate


def data_steps():
    """(migration, RunPython operation) for Hamwe's migrations, by app, then number: the
    steps of different apps do not depend on one another."""
    from django.apps import apps
    from django.db import migrations

    steps = []
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        if not config.name.startswith("hamwe."):
            continue
        try:
            package = importlib.import_module(f"{config.name}.migrations")
        except ModuleNotFoundError:
            continue
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for operation in module.Migration.operations:
                if isinstance(operation, migrations.RunPython):
                    steps.append((f"{config.label}.{info.name}", operation))
    return steps


_schemas_given_data = set()


def _data_on_a_schema_from_models(sender, using, **kwargs):
    """post_migrate, sent once per app: the data steps run once per database, and only
    when the tables came from the models."""
    from django.apps import apps
    from django.conf import settings
    from django.db import connections

    modules = settings.MIGRATION_MODULES
    if using in _schemas_given_data or not ("partners" in modules
                                            and modules["partners"] is None):
        return  # done already, or the migrations ran, and their steps with them
    _schemas_given_data.add(using)
    connection = connections[using]
    for name, operation in data_steps():
        with connection.schema_editor(atomic=True) as schema_editor:
            try:
                operation.code(apps, schema_editor)
            except Exception as error:
                raise RuntimeError(f"migration {name}'s RunPython step failed on a schema "
                                   f"made from the models: {error}") from error


post_migrate.connect(_data_on_a_schema_from_models,
                     dispatch_uid="hamwe.data_on_a_schema_from_models")


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
