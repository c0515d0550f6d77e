"""Hamwe's bottom layer: plain helpers that every app uses and that import no app.

- records: saving safely (only what changed, never over a newer edit), who did it
  (`save_as`, `delete_as`), and reading the audit trail back;
- forms and pages: the version a form started from, how a page shows a refused edit;
- api: how an endpoint answers a refused or conflicting write;
- spreadsheets: CSV and XLSX that are safe to open;
- reminders: the daily e-mail, at most once a day to each person;
- backup: the database and the uploaded files in one checked archive, and back.

An import-linter contract (pyproject.toml) keeps this package below every app.
"""
