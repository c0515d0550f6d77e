"""Model helpers shared by every app (abstract: this package is not an app)."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models


class ConstraintsOnFields:
    """Report a constraint's violation under the field it is about, not at the top of the
    form: `constraint_fields` maps a constraint's `violation_error_code` to the field."""

    constraint_fields: dict[str, str] = {}

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            moved = {}
            for field, errors in error.error_dict.items():
                for item in errors:
                    target = field
                    if field == NON_FIELD_ERRORS:
                        target = self.constraint_fields.get(item.code, field)
                    moved.setdefault(target, []).append(item)
            raise ValidationError(moved) from error


class ReminderLog(models.Model):
    """An e-mail sent to one person on one day: kept so the daily job sends at most one
    a day, even when it runs twice. A concrete log adds a unique constraint on
    (recipient, sent_on), and an item's foreign key if it logs per item (see
    core.reminders.send_once_a_day)."""

    recipient = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        abstract = True
