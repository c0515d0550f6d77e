"""The measures of the catalogue in the reader's language: a short name and what each
counts (the catalogue's own descriptions, in `hamwe.policy.measures`, are for pack
writers and stay in English)."""

from django.utils.translation import gettext_lazy as _

MEASURES = {
    "organisations-in-sectors": (
        _("Potential partners in the registry"),
        _("Organisations of the sectors named, recorded in the partner registry.")),
    "due-diligence-complete": (
        _("Due diligence complete"),
        _("Share of active partners whose due-diligence items are all satisfied with "
          "evidence.")),
    "funding-diversity": (
        _("Partners with more diverse funding"),
        _("Partners whose funding diversity rose against their first recorded year.")),
    "active-partnerships": (
        _("Sectors with a promising partnership"),
        _("Sectors, among those named, in which the home organisation has a promising "
          "partnership: signed and running (and found wanting by no party in its latest "
          "review), or being scoped (constructive conversations underway).")),
    "agreements-reflecting-principles": (
        _("Agreements stating every principle"),
        _("Share of the home organisation's running partnerships whose current signed "
          "agreement states every principle of the policy as it stands.")),
    "partnerships-among-partners": (
        _("Thematic areas with partnerships among partners"),
        _("Thematic areas with a running partnership among two or more of the home "
          "organisation's partners that it did not initiate (it may have joined it), "
          "found wanting by no member, or a joint activity of a thematic network among "
          "two or more of its partners that a partner led.")),
    "networks-set-up": (
        _("Thematic networks set up"),
        _("Thematic networks among organisations set up and not closed.")),
    "networks-handed-over": (
        _("Networks handed over to partners"),
        _("Thematic networks whose facilitation the home organisation handed over to a "
          "partner.")),
    "community-structures-matured": (
        _("Community structures that matured"),
        _("Community structures whose latest maturity is above their first.")),
    "community-structures-registered": (
        _("Community structures registered"),
        _("Community structures that became registered organisations of their own.")),
    "capacity-improvement": (
        _("Partners improving their capacity"),
        _("Partners improving in at least one capacity sub-domain since their baseline "
          "assessment.")),
    "report-feedback-rounds": (
        _("Feedback rounds before approval"),
        _("Mean feedback rounds before a partner report is approved (falling is "
          "progress).")),
    "partner-responsibility-share": (
        _("Tasks led by partners"),
        _("Share of planning, monitoring and donor correspondence tasks led by the "
          "partner in operational partnerships.")),
    "scorecard-high-grades": (
        _("Score-card indicators with a high grade"),
        _("Indicators partners rated at or above the high grade in the latest closed "
          "score-card round.")),
    "appreciative-inquiry-sessions": (
        _("Appreciative-inquiry sessions this year"),
        _("Appreciative-inquiry sessions held with partners in the fiscal year so far.")),
    "practices-adopted": (
        _("Good practices adopted from the other side"),
        _("Good practices adopted by one side that originate from learning with the "
          "other.")),
    "knowledge-use-by-key-positions": (
        _("Key staff using the knowledge base"),
        _("Share of staff in key positions who used the knowledge base with partners in "
          "the last fiscal year.")),
    "toolkits-published": (
        _("Toolkits published"),
        _("Toolkits published and shared on the topics named.")),
    "success-stories-shared": (
        _("Success stories shared this year"),
        _("Success stories of community initiatives shared in the fiscal year.")),
    "key-positions-evaluated": (
        _("Key staff positively evaluated"),
        _("Share of staff in key positions positively evaluated on partnership "
          "competencies in their latest annual evaluation.")),
}


def measure_label(name):
    return MEASURES.get(name, (name, ""))[0]


def measure_text(name):
    return MEASURES.get(name, ("", name))[1]
