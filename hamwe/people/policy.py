"""What the live policy says about people: its key positions and competencies, in the
reader's language (read through hamwe.policy.selectors.policy_pack)."""

from dataclasses import dataclass

from hamwe.policy import selectors as policy_selectors


@dataclass(frozen=True)
class Framework:
    competencies: dict  # key -> Competency (name, description, how_to_strengthen)
    positions: dict  # key -> KeyPosition (name, competencies: keys)
    min_group_scores: int
    min_group_comments: int

    def position_name(self, key):
        position = self.positions.get(key)
        return position.name if position else key

    def competency_name(self, key):
        competency = self.competencies.get(key)
        return competency.name if competency else key

    def competencies_of(self, position_key):
        """The competency keys of a key position (every competency of the framework
        when the position names none)."""
        position = self.positions.get(position_key)
        keys = list(position.competencies) if position and position.competencies else []
        return [k for k in keys if k in self.competencies] or list(self.competencies)


def framework(language=None) -> Framework:
    pack = policy_selectors.policy_pack(policy_selectors.live_policy(), language)
    return Framework(
        competencies={c.key: c for c in pack.people.competencies},
        positions={p.key: p for p in pack.people.key_positions},
        min_group_scores=int(pack.scorecard.min_group_scores),
        min_group_comments=int(pack.scorecard.min_group_comments),
    )


def fiscal_calendar():
    from hamwe.policy import fiscal

    return fiscal.Calendar.of(policy_selectors.policy_pack(policy_selectors.live_policy()))
