from django import template

from hamwe.partnerships.cycle.panel import cycle_state as panel_state

register = template.Library()


@register.simple_tag(takes_context=True)
def cycle_state(context, partnership):
    """What the cycle panel shows of a partnership: `{% cycle_state partnership as cycle %}`
    (see cycle/panel.py). Forms are there when the view's context says `may_edit`; a
    refused form comes back bound in the context's `cycle_bound`."""
    return panel_state(
        partnership,
        may_edit=bool(context.get("may_edit")),
        bound=context.get("cycle_bound"),
        notice=context.get("cycle_notice", ""),
    )
