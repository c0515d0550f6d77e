"""Model helpers shared by every app (abstract: this package is not an app)."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.lookups import In

# How much one text typed into Hamwe may hold: a note or a piece of evidence, a long
# answer (a vision, objectives, a review's findings), and the longest (the joint
# objectives of a partnership). Pages, the API and the documents generated from them all
# stay fast within these; a 1 MB text made a 29.5 s MoU.
SHORT_TEXT = 2_000
LONG_TEXT = 5_000
LONGEST_TEXT = 10_000


def bounded_text(verbose_name, max_length, **kwargs):
    """A TextField whose length is a rule of the model: `full_clean()` refuses a longer
    text (a plain TextField's max_length only sizes the form widget), so the services,
    the forms and the API all answer with the same message."""
    return models.TextField(
        verbose_name, max_length=max_length, validators=[MaxLengthValidator(max_length)],
        **kwargs,
    )


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


@models.IntegerField.register_lookup
class IntegerFieldIn(In):
    """`in` for integer columns, with numbers beyond the column's range left out.

    Django already answers "no row" for `exact`, `gt` and the like with a number larger than
    the database's integer; `in` sent it on, and SQLite and PostgreSQL failed (a server
    error for ?ids from a form: a ModelMultipleChoiceField checks its values with `pk__in`).
    Such a number matches no row, so leaving it out changes no answer.
    """

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
