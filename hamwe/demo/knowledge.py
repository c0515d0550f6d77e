"""The knowledge hub (data/knowledge.yaml), through the knowledge services: lessons, good
practices, toolkits and success stories of the home organisation and its partners, a
partner's lesson waiting to be published, adoptions from partners to the home
organisation, from it to partners and among partners (one waiting for confirmation), the
staff's use of a toolkit and the annual learning event.

Built once: a database that has knowledge items keeps its own."""

import datetime

from hamwe.knowledge import services
from hamwe.knowledge.models import Item, ProgrammeModel

from .context import HOME
from .data import read


def build(demo, rng):
    if Item.objects.exists():
        return
    table = read("knowledge")
    home = demo.pack.organisation.short_name
    models = {name: ProgrammeModel.objects.get_or_create(name=name)[0]
              for name in table["programme_models"]}
    staff = demo.staff or demo.admin

    def who(name):
        if name == "staff":
            return staff
        return demo.partner_admins[demo.organisations[name].pk]

    def text(words):
        return (words or "").replace("{home}", home)

    def day(days):
        if isinstance(days, datetime.date):
            return days
        return demo.today + datetime.timedelta(days=days)

    items = {}
    for spec in table["items"]:
        item = services.item_create(
            by=who(spec["by"]), kind=spec["kind"], title=text(spec["title"]),
            summary=text(spec.get("summary")), body=text(spec.get("body")),
            language=spec["language"],
            origins=[demo.organisations[o if o != "home" else HOME] for o in spec["origins"]],
            sharing=spec["sharing"], name_origins=spec.get("name_origins", True),
            thematic_areas=[demo.themes[t] for t in spec.get("themes", [])],
            programme_models=[models[m] for m in spec.get("models", [])],
            provinces=[demo.provinces[p] for p in spec.get("provinces", [])])
        if "published" in spec:
            item = services.item_publish(item=item, by=staff, sharing=spec["sharing"],
                                         on=day(spec["published"]))
        items[spec["key"]] = item

    for spec in table["adoptions"]:
        organisation = demo.organisations[spec["organisation"] if spec["organisation"]
                                          != "home" else HOME]
        adoption = services.adoption_record(
            item=items[spec["item"]], by=who(spec["by"]), organisation=organisation,
            taken_up_in=text(spec["taken_up_in"]), adopted_on=day(spec["days"]),
            effect=text(spec.get("effect")))
        if spec.get("confirm"):
            confirmer = demo.admin if spec["confirm"] == "staff" else who(spec["confirm"])
            services.adoption_confirm(adoption=adoption, by=confirmer,
                                      on=day(spec["days"] + 3))

    services.use_record(item=items["abatangamuco-toolkit"], by=staff, kind="used",
                        purpose=text("Training of facilitators in Gitega"), on=day(-5))

    event = table["event"]
    services.event_record(
        by=staff, title=event["title"], kind=event["kind"], held_on=day(event["days"]),
        place=event["place"], shared=event["shared"],
        participants=[(demo.organisations[o if o != "home" else HOME], n)
                      for o, n in event["participants"].items()],
        practices=event["practices"], challenges=event["challenges"])
