"""Sections of an organisation's page: the one place where apps above `partners` add what
they know about an organisation (partnerships, agreements, reviews; later assessments,
reports, funding, knowledge), without `partners` importing them (DESIGN.md, "Registries,
not imports upward").

An app registers a section in its `AppConfig.ready()`:

    @organisation_section("reports", title=_("Reports"), order=50,
                          template="reporting/sections/reports.html")
    def reports(organisation, user):
        ...  # read through the app's own selectors, under the access rule
        return {"reports": reports, "count": len(reports)}  # or None: not shown

The function gets the organisation (fetched through `organisation_for_user`) and the
reader; it reads with one or a few queries whatever the data, and returns the template's
context (`data` in the template, `section` for the section itself) or None when the
section has nothing the reader may see. A `count` in the context is shown in the page's
summary beside the title; `link` (a URL), when given, is where the count leads.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str  # the anchor on the page, e.g. "partnerships"
    title: str  # in the reader's language (a lazy translation)
    template: str
    context: Callable  # (organisation, user) -> dict | None
    order: int = 100


_SECTIONS: dict[str, Section] = {}


def organisation_section(name, *, title, template, order=100):
    """Register `function(organisation, user) -> dict | None` as a section of the page."""

    def register(function):
        _SECTIONS[name] = Section(
            name=name, title=title, template=template, context=function, order=order
        )
        return function

    return register


def organisation_sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.name))


@dataclass(frozen=True)
class ShownSection:
    section: Section
    data: dict

    @property
    def count(self):
        return self.data.get("count")

    @property
    def link(self):
        return self.data.get("link", "")


def sections_for(*, organisation, user) -> list[ShownSection]:
    """The sections this reader sees of this organisation's page, in order."""
    shown = []
    for section in organisation_sections():
        data = section.context(organisation, user)
        if data is not None:
            shown.append(ShownSection(section=section, data=data))
    return shown
