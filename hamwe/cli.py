"""The `hamwe` command: Django's management commands, with Hamwe's own among them.

    hamwe demo [--port 8000]     set up the demo database and serve it
    hamwe serve                  migrate and serve with gunicorn (production)
    hamwe createadmin EMAIL      create or reset a home-organisation admin
    hamwe policy check|load|export   policy packs (docs/policy-packs.md)
    hamwe remind                 the daily e-mail: what is due, one digest per person
    hamwe backup [-o FILE]       the database and uploaded files in one archive
    hamwe restore [--force] FILE   restore such an archive (--check: only verify it)
    hamwe <any manage.py command>
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamwe.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hamwe", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
