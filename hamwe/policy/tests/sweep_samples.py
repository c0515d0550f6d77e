"""The isolation sweep's view of the live policy: a sample for every route of this app
(see hamwe/tests/samples.py) and the state of the policy that only admins change."""

from hamwe.policy import parts
from hamwe.policy.forms import PartForm
from hamwe.policy.models import PolicyPart
from hamwe.tests.samples import current, form_data, page, read


def _edit_principle(ctx):
    """The edit form of one of the policy's principles, with its text reworded."""
    part = current(ctx.policy_part)
    form = PartForm(model=parts.BY_NAME[part.section].model, data_in=part.data,
                    version=part.version)
    return form_data(form, text="Reworded by the sweep.")


SAMPLES = {
    "policy:overview": read(),
    "policy:export": read(),
    "policy:edit": page(lambda ctx: {"pk": ctx.policy_part.pk}, post=_edit_principle,
                        writers=frozenset({"admin"}), guard="may_edit_policy",
                        changes="policy"),
    # The API, read only (issue #18).
    "v1:policy-part-list": read(),
    "v1:policy-part-detail": read(lambda ctx: {"pk": ctx.policy_part.pk}),
    "v1:policy-pack-list": read(),
}


def policy_state():
    return tuple(PolicyPart.objects.order_by("pk").values_list("pk", "version"))
